import { describe, expect, it } from 'vitest';
import { agreementSentence, MAX_SAMPLES, samplesIn, tally } from './vote.ts';

// Stand-in for Python's equality by value: numbers equal within 1e-5, else text without spaces.
const same = async (a: string, b: string) => {
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) ? Math.abs(x - y) < 1e-5 : a.replace(/\s/g, '') === b.replace(/\s/g, '');
};

describe('tally', () => {
  it('groups answers by value, most votes first, and names the majority', async () => {
    const t = await tally(['12', '12.0', '(1,2)', null, '12', '(1, 2)', '7', '12'], same);
    expect(t.total).toBe(8);
    expect(t.unanswered).toBe(1);
    expect(t.groups.map((g) => [g.answer, g.samples])).toEqual([['12', [0, 1, 4, 7]], ['(1,2)', [2, 5]], ['7', [6]]]);
    expect(t.majority?.answer).toBe('12');
    expect(agreementSentence(t)).toBe('4 of 8 say 12 (3 different answers).');
  });

  it('breaks ties by first appearance, so the same samples always give the same majority', async () => {
    const t = await tally(['3', '5', '5', '3'], same);
    expect(t.majority?.answer).toBe('3');
    expect(agreementSentence(t)).toBe('2 of 4 say 3 (2 different answers).');
  });

  it('says when no sample answered, and speaks of one sample plainly', async () => {
    expect(agreementSentence(await tally([null, null], same))).toBe('None of the 2 samples gave a readable answer.');
    expect(agreementSentence(await tally(['9\n'], same))).toBe('The model says 9.');
  });
});

describe('samplesIn', () => {
  it('takes a samples setting to a whole number from 1 to MAX_SAMPLES', () => {
    expect(samplesIn(3)).toBe(3);
    expect(samplesIn(2.6)).toBe(3);
    expect(samplesIn(0)).toBe(1);
    expect(samplesIn(-4)).toBe(1);
    expect(samplesIn(MAX_SAMPLES + 5)).toBe(MAX_SAMPLES);
  });
});

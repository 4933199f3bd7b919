import { describe, expect, it } from 'vitest';
import { groupAdvantages } from './advantage.ts';
import { reward } from './reward.ts';

describe('groupAdvantages', () => {
  it('centres each group on its own mean, and marks groups without signal', () => {
    const { advantages, signal } = groupAdvantages([1, -1, -1, -1, 1, 1, 1, 1], 4);
    expect(advantages).toEqual([1.5, -0.5, -0.5, -0.5, 0, 0, 0, 0]);
    expect(signal).toEqual([true, false]);
  });

  it('optionally divides by the group standard deviation', () => {
    const { advantages } = groupAdvantages([1, -1], 2, { scaleByStd: true });
    expect(advantages[0]).toBeCloseTo(1, 4);
    expect(advantages[1]).toBeCloseTo(-1, 4);
  });

  it('refuses rewards that do not split into whole groups', () => {
    expect(() => groupAdvantages([1, 2, 3], 2)).toThrow(/groups of 2/);
    expect(() => groupAdvantages([1], 0)).toThrow(/whole number/);
  });
});

describe('reward', () => {
  const right = { answer: '3', correct: true, tracePrefix: 2, traceTotal: 4 };
  const wrong = { answer: '4', correct: false, tracePrefix: 2, traceTotal: 4 };
  const none = { answer: null, correct: false, tracePrefix: 0, traceTotal: 4 };
  it('exact: +1 right, -1 otherwise', () => {
    expect([right, wrong, none].map((s) => reward('exact', s))).toEqual([1, -1, -1]);
  });
  it('format: a completion without a readable answer costs more', () => {
    expect([right, wrong, none].map((s) => reward('format', s))).toEqual([1, -1, -1.5]);
  });
  it('partial: a wrong answer earns credit for the story steps that match the real run, always below a right one', () => {
    expect(reward('partial', wrong)).toBeCloseTo(-0.5);
    expect(reward('partial', none)).toBe(-1);
    expect(reward('partial', { ...wrong, tracePrefix: 4 })).toBeLessThan(reward('partial', right));
    expect(reward('partial', { ...wrong, traceTotal: 0 })).toBe(-1);
  });
});

import { describe, expect, it } from 'vitest';
import { classifyError, errorHistogram, formAt } from './errors.ts';

const story = (lines: string[], answer = '4') =>
  `[THOUGHT]\n${lines.map((l, i) => `${i + 1}. ${l}`).join('\n')}\n[/THOUGHT]\n[ANSWER]\nassert f(2) == ${answer}\n[/ANSWER]`;
const REF = ['Call f(res=2).', 'Line 2: x = res + res * 2 = 2 + 2 * 2 = 2 + 4 = 6.', 'Line 3, iteration 1: i = 0, u = u + i = 0 + 0 = 0.',
  'Line 3: loop ends.', 'Line 5: f returns x - x % 4 = 6 - 6 % 4 = 6 - 2 = 4.'];
const with_ = (i: number, line: string) => REF.map((l, j) => (j === i ? line : l));

describe('classifyError', () => {
  it.each([
    [story(REF), 'right'],
    [story(REF, '5'), 'answer only'],
    [story(with_(0, 'Call f(res=3).')), 'call arguments'],
    [story(with_(1, 'Line 3: x = res + res * 2 = 2 + 2 * 2 = 2 + 4 = 6.')), 'line number'],
    [story(with_(2, 'Line 3, iteration 2: i = 0, u = u + i = 0 + 0 = 0.')), 'loop count'],
    [story(with_(3, 'Line 3, iteration 2: i = 1.')), 'loop count'],
    [story(with_(1, 'Line 2: y = res + res * 2 = 2 + 2 * 2 = 2 + 4 = 6.')), 'variable name'],
    [story(with_(1, 'Line 2: x = res * res + 2 = 2 * 2 + 2 = 4 + 2 = 6.')), 'expression copy'],
    [story(with_(1, 'Line 2: x = res + res * 2 = 3 + 3 * 2 = 3 + 6 = 9.')), 'value copy'],
    [story(with_(1, 'Line 2: x = res + res * 2 = 2 + 2 * 2 = 2 + 5 = 7.')), 'arithmetic'],
    [story(with_(2, 'Line 3, iteration 1: i = 0, u = u + i = 1 + 0 = 1.')), 'value copy'],
    [story(with_(4, 'Line 5: f returns x - x % 3 = 6 - 6 % 3 = 6 - 0 = 6.')), 'expression copy'],
    [story(with_(4, 'Line 5: f returns x - x % 4 = 6 - 6 % 4 = 6 - 1 = 5.')), 'arithmetic'],
    [story(REF.slice(0, 3)), 'stopped early'],
    [story([...REF, 'Line 6: z = 1.']), 'too long'],
    [story(with_(1, 'Line two: x = 6.')), 'format'],
  ])('%#: %s', (generated, expected) => {
    expect(classifyError(generated, story(REF))).toBe(expected);
  });

  it('a plain (iterations) story: a wrong value is a value of the whole line', () => {
    const ref = story(['Call f(res=2).', 'Line 2: x = 6.']);
    expect(classifyError(story(['Call f(res=2).', 'Line 2: x = 7.']), ref)).toBe('value copy');
    expect(formAt('f returns 4', 10)).toEqual({ form: 1, forms: 2 });
  });

  it('a worked test (`worked` stories): its expression, its substituted values, then its operations', () => {
    const ref = story(['Call f(res=2).', 'Line 2: if res > 1 = 2 > 1 = True.', 'Line 3: f returns 4.']);
    const at = (line: string) => classifyError(story(['Call f(res=2).', line, 'Line 3: f returns 4.']), ref);
    expect(at('Line 2: if res > 3 = 2 > 3 = False.')).toBe('expression copy');
    expect(at('Line 2: if res > 1 = 0 > 1 = False.')).toBe('value copy');
    expect(at('Line 2: if res > 1 = 2 > 1 = False.')).toBe('arithmetic');
    expect(at('Line 2: while res > 1 = 2 > 1 = True.')).toBe('variable name');
  });

  it('counts classes, most common first', () => {
    const ref = story(REF);
    expect(errorHistogram([{ generated: ref, reference: ref }, { generated: story(REF, '1'), reference: ref },
      { generated: story(REF, '2'), reference: ref }])).toEqual({ 'answer only': 2, right: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { baselineAccuracy, firstArgument, mostCommon } from './baselines.ts';
import { exactCompare } from './score.ts';

describe('trivial baselines', () => {
  it('the first argument of a call, whatever its type; the first stdin line of a script', () => {
    expect(firstArgument({ input: '2, 3' })).toBe('2');
    expect(firstArgument({ input: "[1, 2], 'a, b'" })).toBe('[1, 2]');
    expect(firstArgument({ input: "'x, y'" })).toBe("'x, y'");
    expect(firstArgument({ input: '7\n8\n', mode: 'program' })).toBe('7\n');
  });

  it('the most common value, ties to the one that reached the count first', () => {
    expect(mostCommon(['1', '2', '2', '1', '3'])).toBe('2');
    expect(mostCommon(['0', '5', '5'])).toBe('5');
  });

  it('scores both on the rows, per level', async () => {
    const rows = [
      { level: 1, input: '4, 1', output: '4' }, { level: 1, input: '2', output: '0' },
      { level: 2, input: '9', output: '0' }, { level: 2, input: '3', output: '3' },
    ];
    const r = await baselineAccuracy(rows, ['0', '0', '1'], exactCompare);
    expect(r.first_argument).toEqual({ accuracy: 0.5, by_level: { 1: 0.5, 2: 0.5 } });
    expect(r.most_common).toEqual({ accuracy: 0.5, by_level: { 1: 0.5, 2: 0.5 } });
  });
});

import { describe, expect, it } from 'vitest';
import { limitWords, numberIn } from './number-field.ts';

describe('a number setting', () => {
  it('takes a typed number only when it is one in range', () => {
    expect(numberIn('0', 0, 1)).toBe(0);
    expect(numberIn('1e-4', 0, 1)).toBe(1e-4);
    for (const bad of ['', ' ', 'x', '2', '-1']) expect(numberIn(bad, 0, 1)).toBeUndefined();
    expect(numberIn('2.5', 2, 16, true)).toBeUndefined();
    expect(numberIn('4', 2, 16, true)).toBe(4);
  });

  it('says why a number is refused and what the limits are', () => {
    expect(limitWords('10000000', 1, 100000, true)).toBe('10000000 is too large: a whole number from 1 to 100,000. The last good value is kept.');
    expect(limitWords('-1', 0, 2)).toBe('-1 is too small: a number from 0 to 2. The last good value is kept.');
    expect(limitWords('2.5', 2, 16, true)).toBe('2.5 is not whole: a whole number from 2 to 16. The last good value is kept.');
    expect(limitWords('', 0.05, 2)).toBe('Type a number from 0.05 to 2.');
  });
});

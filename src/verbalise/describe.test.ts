import { describe, expect, it } from 'vitest';
import type { Step, Trace } from '../capture/trace.ts';
import { DEFAULT_LIMITS } from '../capture/trace.ts';
import { describeStep } from './index.ts';

function traceOf(steps: Step[]): Trace {
  return {
    version: 1, mode: 'call', code: '', call: 'f()', limits: DEFAULT_LIMITS, status: 'ok',
    steps, stdout: '', stdoutTruncated: false, durationMs: 0,
  };
}
const s = (event: Step['event'], line: number, func: string, depth: number, changed: Record<string, string> = {}, extra: Partial<Step> = {}): Step =>
  ({ event, line, func, depth, changed, ...extra });

// def fib(n):            1
//     if n < 2:          2
//         return n       3
//     total = 3          4
//     total = total + 3  5
//     return total       6
const steps: Step[] = [
  s('call', 1, 'fib', 0, { n: '3' }),
  s('line', 2, 'fib', 0),
  s('line', 4, 'fib', 0),
  s('line', 5, 'fib', 0, { total: '3' }),
  s('line', 6, 'fib', 0, { total: '6' }),
  s('call', 1, 'g', 1, { x: '1' }),
  s('line', 2, 'g', 1),
  s('exception', 2, 'g', 1, {}, { stdout: 'hi\n', value: 'ZeroDivisionError: division by zero' }),
  s('return', 2, 'g', 1, {}),
  s('line', 7, 'fib', 0, {}),
  s('return', 7, 'fib', 0, {}, { value: '2' }),
];
const trace = traceOf(steps);

describe('describeStep', () => {
  it('names a call with its arguments', () => {
    expect(describeStep(trace, 0)).toBe('Call `fib(n=3)`.');
  });
  it('says what the previous line of the frame did, old value included', () => {
    expect(describeStep(trace, 3)).toBe('Line 4: `total` = 3. Next: line 5.');
    expect(describeStep(trace, 4)).toBe('Line 5: `total` becomes 6 (was 3). Next: line 6.');
    expect(describeStep(trace, 2)).toBe('Line 2: nothing changes. Next: line 4.');
  });
  it('starts a frame without inventing a previous line', () => {
    expect(describeStep(trace, 1)).toBe('Start at line 2.');
  });
  it('skips deeper frames when finding the previous line of a frame', () => {
    expect(describeStep(trace, 9)).toBe('Line 6: nothing changes. Next: line 7.');
  });
  it('reports printed text, exceptions and returns', () => {
    expect(describeStep(trace, 7)).toBe('prints "hi\\n". Line 2 raises ZeroDivisionError: division by zero.');
    expect(describeStep(trace, 8)).toBe('`g` exits.');
    expect(describeStep(trace, 10)).toBe('`fib` returns 2.');
  });
  it('returns an empty string out of range', () => {
    expect(describeStep(trace, 99)).toBe('');
  });
});

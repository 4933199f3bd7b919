import { describe, expect, it } from 'vitest';
import type { Step, Trace } from '../../../capture/trace.ts';
import { checkOutput, checkValues, parseValuePredictions, type Compare } from './predict.ts';

// Text equality only: these tests are about histories and divergences. How values compare (Python's
// equality) is tested with the real runner in python.test.ts.
const byText: Compare = async (a, b) => a === b;

function line(lineNo: number, changed: Record<string, string> = {}, stdout?: string): Step {
  return { event: 'line', line: lineNo, func: '<module>', depth: 0, changed, ...(stdout ? { stdout } : {}) };
}

// total = 0; for i in range(1, 4): total += i
const steps: Step[] = [
  line(1),
  line(2, { total: '0' }),
  line(3, { i: '1' }),
  line(2, { total: '1' }),
  line(3, { i: '2' }),
  line(2, { total: '3' }),
  line(3, { i: '3' }),
  line(2, { total: '6' }),
  line(4, {}, '6\n'),
];

describe('value predictions', () => {
  it('parses name = value lines and reports the rest', () => {
    const parsed = parseValuePredictions('total = 0\n# a comment\n\n xs = [1, 2]\nwhat?\nx == 3');
    expect(parsed.predictions).toEqual([
      { name: 'total', value: '0', line: 1 },
      { name: 'xs', value: '[1, 2]', line: 4 },
    ]);
    expect(parsed.problems).toHaveLength(2);
    expect(parsed.problems[0]).toMatch(/Line 5/);
  });

  it('accepts a prediction that matches the whole history', async () => {
    const { predictions } = parseValuePredictions('total = 0\ntotal = 1\ntotal = 3\ntotal = 6');
    expect(await checkValues(predictions, { steps }, byText)).toEqual({ checked: 4, divergence: undefined });
  });

  it('marks the first step where expectation and reality part', async () => {
    const { predictions } = parseValuePredictions('total = 0\ntotal = 1\ntotal = 4');
    const verdict = await checkValues(predictions, { steps }, byText);
    expect(verdict.divergence).toMatchObject({ step: 5, name: 'total', expected: '4', actual: '3', predictionLine: 3 });
  });

  it('takes the earliest divergence across names', async () => {
    const { predictions } = parseValuePredictions('total = 0\ntotal = 2\ni = 1\ni = 5');
    expect((await checkValues(predictions, { steps }, byText)).divergence).toMatchObject({ step: 3, name: 'total' });
  });

  it('says when a value never came, and when a name never occurs', async () => {
    const more = parseValuePredictions('i = 1\ni = 2\ni = 3\ni = 4').predictions;
    const never = (await checkValues(more, { steps }, byText)).divergence;
    expect(never).toMatchObject({ step: 6, name: 'i', expected: '4' });
    expect(never?.actual).toBeUndefined();
    const missing = parseValuePredictions('count = 1').predictions;
    expect((await checkValues(missing, { steps }, byText)).divergence).toMatchObject({ step: null, name: 'count' });
  });

  it('asks the comparison for every value that differs as text, and treats a repeat as "stays"', async () => {
    const asked: [string, string][] = [];
    const loose: Compare = async (a, b) => (asked.push([a, b]), Number(a) === Number(b));
    const { predictions } = parseValuePredictions('total = 0.0\ntotal = 1\ntotal = 1\ntotal = 3.0\ntotal = 6');
    expect(await checkValues(predictions, { steps }, loose)).toEqual({ checked: 5, divergence: undefined });
    expect(asked).toContainEqual(['0.0', '0']);
    expect(asked).toContainEqual(['3.0', '3']);
  });
});

describe('output predictions', () => {
  const ok = { stdout: 'total: 14\ndone\n', status: 'ok' } as Pick<Trace, 'stdout' | 'status' | 'error'>;
  it('is right despite trailing spaces and blank lines', () => {
    expect(checkOutput('total: 14  \ndone\n\n', ok)).toEqual({ right: true });
  });
  it('is wrong, pointing at the first differing line', () => {
    expect(checkOutput('total: 15\ndone', ok)).toEqual({
      right: false,
      firstDifferentLine: 1,
      expectedLine: 'total: 15',
      actualLine: 'total: 14',
    });
    expect(checkOutput('total: 14', ok)).toMatchObject({ right: false, firstDifferentLine: 2, actualLine: 'done' });
  });
  it('lets a prediction name the exception the program ends with', () => {
    const crash = {
      stdout: '5.0\n',
      status: 'error',
      error: { type: 'ZeroDivisionError', message: 'division by zero', line: 3 },
    } as Pick<Trace, 'stdout' | 'status' | 'error'>;
    expect(checkOutput('5.0\nZeroDivisionError', crash).right).toBe(true);
    expect(checkOutput('5.0\nZeroDivisionError: division by zero', crash).right).toBe(true);
    expect(checkOutput('5.0', crash).right).toBe(false);
  });
});

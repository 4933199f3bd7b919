import { describe, expect, it } from 'vitest';
import type { Step, Trace } from '../../../capture/trace.ts';
import { checkOutput, checkValues, normaliseLiteral, parseValuePredictions } from './predict.ts';

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

  it('accepts a prediction that matches the whole history', () => {
    const { predictions } = parseValuePredictions('total = 0\ntotal = 1\ntotal = 3\ntotal = 6');
    expect(checkValues(predictions, { steps })).toEqual({ checked: 4, divergence: undefined });
  });

  it('marks the first step where expectation and reality part', () => {
    const { predictions } = parseValuePredictions('total = 0\ntotal = 1\ntotal = 4');
    const verdict = checkValues(predictions, { steps });
    expect(verdict.divergence).toMatchObject({ step: 5, name: 'total', expected: '4', actual: '3', predictionLine: 3 });
  });

  it('takes the earliest divergence across names', () => {
    const { predictions } = parseValuePredictions('total = 0\ntotal = 2\ni = 1\ni = 5');
    expect(checkValues(predictions, { steps }).divergence).toMatchObject({ step: 3, name: 'total' });
  });

  it('says when a value never came, and when a name never occurs', () => {
    const more = parseValuePredictions('i = 1\ni = 2\ni = 3\ni = 4').predictions;
    const never = checkValues(more, { steps }).divergence;
    expect(never).toMatchObject({ step: 6, name: 'i', expected: '4' });
    expect(never?.actual).toBeUndefined();
    const missing = parseValuePredictions('count = 1').predictions;
    expect(checkValues(missing, { steps }).divergence).toMatchObject({ step: null, name: 'count' });
  });

  it('compares literals the way people write them', () => {
    expect(normaliseLiteral('[1,2 , "a"]')).toBe(normaliseLiteral("[1, 2, 'a']"));
    expect(normaliseLiteral('"it\'s"')).toBe(normaliseLiteral('"it\'s"'));
    expect(normaliseLiteral("'a b'")).not.toBe(normaliseLiteral("'ab'"));
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

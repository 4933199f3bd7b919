// Judging without Python: requests are what the runner is asked, verdicts follow the runs (never the file's
// kinds), and the report sorts bugs into those public tests catch and those only hidden tests catch.
import { describe, expect, it } from 'vitest';
import type { RunRequest, Trace } from '../capture/trace.ts';
import { dedent } from './build.ts';
import { judgeTask, reportTask, summarize, testRequest, verdictOf, type CandidateVerdict, type TestRun } from './judge.ts';

function trace(result: string | undefined, status: Trace['status'] = 'ok'): Trace {
  return {
    version: 1, mode: 'call', code: '', call: '', limits: { maxSteps: 1, timeoutMs: 1 }, status, steps: [], stdout: '',
    stdoutTruncated: false, durationMs: 0, ...(result === undefined ? {} : { result }),
    ...(status === 'ok' ? {} : { error: { type: 'ZeroDivisionError', message: 'division by zero', line: 2 } }),
  };
}

const byValue = async (a: string, b: string) => Number(a) === Number(b);

describe('testRequest and verdictOf', () => {
  it('calls entry(input) in output-only mode under the limits', () => {
    expect(testRequest('f', 'def f(a, b): ...', { input: '[3, 1], 2' })).toEqual({
      code: 'def f(a, b): ...', mode: 'call', call: 'f([3, 1], 2)', outputOnly: true, limits: { maxSteps: 100_000, timeoutMs: 2_000 },
    });
  });

  it('passes a run that returned the expected value (by the comparison), fails one that did not return', async () => {
    expect(await verdictOf(trace('6'), '6', byValue)).toEqual({ pass: true, status: 'ok', actual: '6' });
    expect(await verdictOf(trace('6.0'), '6', byValue)).toEqual({ pass: true, status: 'ok', actual: '6.0' });
    expect(await verdictOf(trace('5'), '6', byValue)).toEqual({ pass: false, status: 'ok', actual: '5' });
    expect(await verdictOf(trace(undefined, 'error'), '6', byValue)).toEqual({ pass: false, status: 'error', error: 'ZeroDivisionError: division by zero' });
  });
});

describe('judgeTask', () => {
  it('runs every candidate on public then hidden tests, in one batch', async () => {
    const seen: RunRequest[] = [];
    const runMany = async (reqs: RunRequest[]) => {
      seen.push(...reqs);
      return reqs.map((r) => trace(r.code.includes('bug') && r.call === 'f(2)' ? '0' : '4'));
    };
    const task = {
      entry: 'f',
      public_tests: [{ input: '1', output: '4' }],
      hidden_tests: [{ input: '2', output: '4' }],
      candidates: [{ id: 'a', code: 'ok', kind: 'bug' as const, note: '' }, { id: 'b', code: 'bug', kind: 'correct' as const, note: '' }],
    };
    const verdicts = await judgeTask(task, runMany, byValue);
    expect(seen.map((r) => `${r.code} ${r.call}`)).toEqual(['ok f(1)', 'ok f(2)', 'bug f(1)', 'bug f(2)']);
    expect(verdicts.map((v) => [v.id, v.public.map((r) => r.pass), v.hidden.map((r) => r.pass)])).toEqual([
      ['a', [true], [true]], ['b', [true], [false]],
    ]);
    // The file called a a bug and b correct: the runs say otherwise, and the report says so.
    const report = reportTask({ task_id: 't', ...task }, verdicts);
    expect(report.mislabeled).toEqual(['a is marked as a bug but passes every test', 'b is marked correct but fails 1 test(s) (first: returned 0)']);
  });
});

describe('reportTask and summarize', () => {
  const run = (pass: boolean): TestRun => ({ pass, status: 'ok', actual: pass ? '1' : '0' });
  const v = (id: string, kind: 'correct' | 'bug', pub: boolean[], hid: boolean[]): CandidateVerdict =>
    ({ id, kind, public: pub.map(run), hidden: hid.map(run) });
  const verdicts = [
    v('ref', 'correct', [true, true], [true]),
    v('m1', 'bug', [false, true], [false]),
    v('m2', 'bug', [true, true], [false]),
    v('m3', 'bug', [true, true], [true]),
  ];
  const task = { task_id: 't', public_tests: [{ input: '1', output: '1' }, { input: '2', output: '1' }], hidden_tests: [{ input: '3', output: '1' }] };

  it('counts passes and sorts bugs by the tests that catch them', () => {
    const r = reportTask(task, verdicts);
    expect(r).toMatchObject({ correct: 1, bugs: 3, bugs_fail_public: 1, bugs_only_hidden: 1, mislabeled: ['m3 is marked as a bug but passes every test'] });
    expect(r.passes).toEqual([
      { id: 'ref', kind: 'correct', public: 2, hidden: 1 }, { id: 'm1', kind: 'bug', public: 1, hidden: 0 },
      { id: 'm2', kind: 'bug', public: 2, hidden: 0 }, { id: 'm3', kind: 'bug', public: 2, hidden: 1 },
    ]);
    expect(summarize([r, r])).toEqual({ tasks: 2, candidates: 8, correct: 2, bugs: 6, bugs_fail_public: 2, bugs_only_hidden: 2, mislabeled: 2 });
  });
});

describe('dedent', () => {
  it('takes a template literal to plain code ending in one newline', () => {
    expect(dedent('\n    def f():\n        return 1\n  ')).toBe('def f():\n    return 1\n');
    expect(dedent('\ndef f():\n\n    return 1\n')).toBe('def f():\n\n    return 1\n');
  });
});

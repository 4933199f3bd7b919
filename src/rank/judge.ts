// Real pass/fail: every candidate of a task run on every test through the runner in output-only mode, and its
// result compared by value with the test's stated output. The bank file's own claims (a candidate's kind) are
// checked against these runs, never trusted. Runs and comparisons are passed in: the Node runner's
// runMany/compare in commands, the page's runner in the page.
import type { Limits, RunRequest, Trace, TraceStatus } from '../capture/trace.ts';
import type { BankCandidate, BankTask, BankTest } from './bank.ts';

/** Candidates are tiny functions on tiny inputs (milliseconds); a run past this bound is a loop that never ends. */
export const TEST_LIMITS: Limits = { maxSteps: 100_000, timeoutMs: 2_000 };

export type RunMany = (reqs: RunRequest[]) => Promise<Trace[]>;
export type Compare = (expected: string, actual: string) => Promise<boolean>;

/** The call a test makes: `entry(input)`. */
export function testCall(entry: string, test: Pick<BankTest, 'input'>): string {
  return `${entry}(${test.input})`;
}

export function testRequest(entry: string, code: string, test: Pick<BankTest, 'input'>, limits: Limits = TEST_LIMITS): RunRequest {
  return { code, mode: 'call', call: testCall(entry, test), limits, outputOnly: true };
}

/** One candidate on one test, as it really ran. */
export interface TestRun {
  pass: boolean;
  status: TraceStatus;
  /** repr of what the call returned (status ok). */
  actual?: string;
  /** `Type: message` when it did not return (an exception, the time limit). */
  error?: string;
}

export interface CandidateVerdict {
  id: string;
  kind: BankCandidate['kind'];
  public: TestRun[];
  hidden: TestRun[];
}

/** A run's verdict against an expected output: it returned, and the value is the expected one. */
export async function verdictOf(trace: Trace, expected: string, compare: Compare): Promise<TestRun> {
  if (trace.status !== 'ok' || trace.result === undefined) {
    const error = trace.error ? `${trace.error.type}: ${trace.error.message}` : trace.status;
    return { pass: false, status: trace.status, error };
  }
  const actual = trace.result;
  const pass = actual === expected || (await compare(expected, actual));
  return { pass, status: 'ok', actual };
}

/** Every candidate of `task` on every test, public then hidden. */
export async function judgeTask(
  task: Pick<BankTask, 'entry' | 'public_tests' | 'hidden_tests' | 'candidates'>,
  runMany: RunMany,
  compare: Compare,
  limits: Limits = TEST_LIMITS,
): Promise<CandidateVerdict[]> {
  const tests = [...task.public_tests, ...task.hidden_tests];
  const reqs = task.candidates.flatMap((c) => tests.map((t) => testRequest(task.entry, c.code, t, limits)));
  const traces = await runMany(reqs);
  const out: CandidateVerdict[] = [];
  for (const [ci, c] of task.candidates.entries()) {
    const runs: TestRun[] = [];
    for (const [ti, t] of tests.entries()) runs.push(await verdictOf(traces[ci * tests.length + ti]!, t.output, compare));
    out.push({ id: c.id, kind: c.kind, public: runs.slice(0, task.public_tests.length), hidden: runs.slice(task.public_tests.length) });
  }
  return out;
}

export const passes = (runs: readonly TestRun[]): number => runs.filter((r) => r.pass).length;

/** What the runs say of one task: pass counts, and where the file's kinds disagree with reality. */
export interface TaskReport {
  task_id: string;
  public_tests: number;
  hidden_tests: number;
  /** Per candidate: passes on public and hidden tests. */
  passes: { id: string; kind: BankCandidate['kind']; public: number; hidden: number }[];
  correct: number;
  bugs: number;
  /** Bugs that fail at least one public test (the model can be told which). */
  bugs_fail_public: number;
  /** Bugs that pass every public test and fail a hidden one: only a judge that reads the code finds them. */
  bugs_only_hidden: number;
  /** Candidates whose kind the runs contradict, each said in a sentence. */
  mislabeled: string[];
}

export function reportTask(task: Pick<BankTask, 'task_id' | 'public_tests' | 'hidden_tests'>, verdicts: readonly CandidateVerdict[]): TaskReport {
  const report: TaskReport = {
    task_id: task.task_id,
    public_tests: task.public_tests.length,
    hidden_tests: task.hidden_tests.length,
    passes: [],
    correct: 0,
    bugs: 0,
    bugs_fail_public: 0,
    bugs_only_hidden: 0,
    mislabeled: [],
  };
  for (const v of verdicts) {
    const pub = passes(v.public);
    const hid = passes(v.hidden);
    report.passes.push({ id: v.id, kind: v.kind, public: pub, hidden: hid });
    const all = pub === v.public.length && hid === v.hidden.length;
    if (v.kind === 'correct') {
      report.correct++;
      if (!all) {
        const failed = [...v.public, ...v.hidden].find((r) => !r.pass)!;
        const how = failed.error ?? `returned ${failed.actual}`;
        report.mislabeled.push(`${v.id} is marked correct but fails ${v.public.length + v.hidden.length - pub - hid} test(s) (first: ${how})`);
      }
    } else {
      report.bugs++;
      if (all) report.mislabeled.push(`${v.id} is marked as a bug but passes every test`);
      else if (pub < v.public.length) report.bugs_fail_public++;
      else report.bugs_only_hidden++;
    }
  }
  return report;
}

/** The one-line summary over a bank. */
export interface BankSummary {
  tasks: number;
  candidates: number;
  correct: number;
  bugs: number;
  bugs_fail_public: number;
  bugs_only_hidden: number;
  mislabeled: number;
}

export function summarize(reports: readonly TaskReport[]): BankSummary {
  const sum = (f: (r: TaskReport) => number) => reports.reduce((s, r) => s + f(r), 0);
  return {
    tasks: reports.length,
    candidates: sum((r) => r.passes.length),
    correct: sum((r) => r.correct),
    bugs: sum((r) => r.bugs),
    bugs_fail_public: sum((r) => r.bugs_fail_public),
    bugs_only_hidden: sum((r) => r.bugs_only_hidden),
    mislabeled: sum((r) => r.mislabeled.length),
  };
}

/** The report of one task in one line of plain text, for the commands' output. */
export function describeReport(r: TaskReport): string {
  const total = r.public_tests + r.hidden_tests;
  const counts = r.passes.map((p) => `${p.id} ${p.public + p.hidden}/${total}`).join(', ');
  const line = `${r.task_id}: ${r.public_tests} public + ${r.hidden_tests} hidden tests; ${r.correct} correct, ${r.bugs} bugs ` +
    `(${r.bugs_fail_public} fail public tests, ${r.bugs_only_hidden} only hidden); passes: ${counts}`;
  return r.mislabeled.length ? `${line}\n  ${r.mislabeled.join('\n  ')}` : line;
}

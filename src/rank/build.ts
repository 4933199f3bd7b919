// Building one bank task from its hand-written source (src/rank/tasks.ts): expected outputs from really running the
// reference, bugs from the mutation engine beside the hand-written ones, and every candidate run on every test, so
// what the row claims is what happened. `npm run bank` owns the loop over tasks (scripts/bank.ts).
import { itemSeed, Rng } from '../dataset/rng.ts';
import type { Limits } from '../capture/trace.ts';
import { seededOrder, type Mutant, type Operator } from '../repair/mutate.ts';
import type { BankCandidate, BankTask } from './bank.ts';
import { judgeTask, reportTask, TEST_LIMITS, testRequest, verdictOf, type CandidateVerdict, type Compare, type RunMany, type TaskReport } from './judge.ts';

/** A task as written by hand. Code is dedented (a leading newline and the indentation of its first line go). */
export interface TaskSource {
  id: string;
  statement: string;
  entry: string;
  reference: string;
  /** Arguments as Python source, e.g. `[3, 1, 2], 2`. Outputs come from running the reference. */
  public: string[];
  hidden: string[];
  /** Other correct ways to write it. */
  correct: { code: string; note: string }[];
  /** Realistic bugs written by hand (kept only if a test really catches them). */
  bugs: { code: string; note: string }[];
}

export interface BuildTools {
  runMany: RunMany;
  compare: Compare;
  /** Mutants of a code string (src/repair/mutate.ts's mutantsOf, bound to a runner and the engine). */
  mutants: (code: string) => Promise<{ mutants: Mutant[] } | { error: string }>;
}

export interface BuildOptions {
  seed: number;
  /** Index of the task in the build: each task draws from its own seed (itemSeed). */
  index: number;
  /** Candidates per task, hand-written and mutants together (when the engine finds enough). */
  candidates?: number;
  /** Mutants run on the tests before the selection (the first of the seeded order). */
  pool?: number;
  limits?: Limits;
}

export interface BuildResult {
  task?: BankTask;
  report?: TaskReport;
  /** Why the task could not be built (a reference that fails, a "correct" variant that is wrong). */
  problems: string[];
  /** Candidates left out, each with its reason (a hand-written bug no test catches, a mutant that loops). */
  dropped: string[];
  /** Mutants by operator among those kept. */
  operators: Partial<Record<Operator, number>>;
}

/** Strip a template literal's leading newline and common indentation; end with one newline. */
export function dedent(code: string): string {
  const lines = code.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

/** Mutants that pass every public test and fail a hidden one, taken before the others (at most this many). */
const HIDDEN_ONLY_FIRST = 2;

interface Pending extends BankCandidate {
  origin: 'reference' | 'variant' | 'hand' | 'mutant';
  operator?: Operator;
}

export async function buildTask(src: TaskSource, tools: BuildTools, opts: BuildOptions): Promise<BuildResult> {
  const limits = opts.limits ?? TEST_LIMITS;
  const target = opts.candidates ?? 12;
  const problems: string[] = [];
  const dropped: string[] = [];
  const reference = dedent(src.reference);
  const inputs = [...src.public, ...src.hidden];

  // 1. Expected outputs: the reference, really run.
  const refTraces = await tools.runMany(inputs.map((input) => testRequest(src.entry, reference, { input }, limits)));
  const outputs: string[] = [];
  refTraces.forEach((t, i) => {
    if (t.status !== 'ok' || t.result === undefined) {
      problems.push(`${src.id}: the reference does not return on ${src.entry}(${inputs[i]}) (${t.error?.type ?? t.status}: ${t.error?.message ?? ''})`);
    } else outputs.push(t.result);
  });
  if (problems.length) return { problems, dropped, operators: {} };
  const tests = inputs.map((input, i) => ({ input, output: outputs[i]! }));
  const publicTests = tests.slice(0, src.public.length);
  const hiddenTests = tests.slice(src.public.length);

  // 2. Candidates: the hand-written ones, then a pool of mutants of every correct version in a seeded order.
  const fixed: Pending[] = [
    { id: 'ref', code: reference, kind: 'correct', note: 'the reference solution', origin: 'reference' },
    ...src.correct.map((c, i): Pending => ({ id: `alt${i + 1}`, code: dedent(c.code), kind: 'correct', note: c.note, origin: 'variant' })),
    ...src.bugs.map((b, i): Pending => ({ id: `bug${i + 1}`, code: dedent(b.code), kind: 'bug', note: b.note, origin: 'hand' })),
  ];
  const seen = new Set(fixed.map((c) => c.code));
  const mutants: (Mutant & { from: string })[] = [];
  for (const base of fixed.filter((c) => c.kind === 'correct')) {
    const made = await tools.mutants(base.code);
    if ('error' in made) {
      problems.push(`${src.id}: the mutation engine refused ${base.id}: ${made.error}`);
      continue;
    }
    for (const m of made.mutants) {
      if (seen.has(m.code)) continue;
      seen.add(m.code);
      mutants.push({ ...m, from: base.id });
    }
  }
  const seed = itemSeed(opts.seed, opts.index);
  const pool = seededOrder(mutants, seed).slice(0, opts.pool ?? 24).map((m): Pending => ({
    id: '', code: m.code, kind: 'bug', origin: 'mutant', operator: m.operator,
    note: m.from === 'ref' ? m.note : `${m.note} (in ${m.from})`,
  }));

  // 3. Every candidate on the first test, then (those that stopped in time) on the rest: a mutant that loops
  //    forever costs one time limit, not one per test.
  const all = [...fixed, ...pool];
  const first = await tools.runMany(all.map((c) => testRequest(src.entry, c.code, tests[0]!, limits)));
  const alive = all.filter((c, i) => {
    if (first[i]!.status !== 'timeout') return true;
    dropped.push(`${c.id || 'a mutant'} (${c.note}): stopped at the time limit (it may loop forever)`);
    return false;
  });
  const rest = await judgeTask({ entry: src.entry, public_tests: publicTests.slice(1), hidden_tests: hiddenTests, candidates: alive }, tools.runMany, tools.compare, limits);
  const verdicts = new Map<Pending, CandidateVerdict>();
  for (const [i, c] of alive.entries()) {
    const head = await verdictOf(first[all.indexOf(c)]!, tests[0]!.output, tools.compare);
    verdicts.set(c, { ...rest[i]!, public: [head, ...rest[i]!.public] });
  }

  // 4. Keep what the runs bear out.
  const kept: Pending[] = [];
  const clean: Pending[] = [];
  const raising: Pending[] = [];
  const hiddenOnly: Pending[] = [];
  for (const c of alive) {
    const v = verdicts.get(c)!;
    const runs = [...v.public, ...v.hidden];
    const failed = runs.filter((r) => !r.pass).length;
    if (c.kind === 'correct') {
      if (failed) {
        const bad = runs.findIndex((r) => !r.pass);
        const r = runs[bad]!;
        problems.push(`${src.id}: ${c.id} (${c.note}) is meant to be correct but ${src.entry}(${tests[bad]!.input}) ` +
          `${r.error ? `raised ${r.error}` : `returned ${r.actual}`}, expected ${tests[bad]!.output}`);
      } else kept.push(c);
      continue;
    }
    if (!failed) {
      dropped.push(`${c.id || 'a mutant'} (${c.note}): passes every test, so no test tells it from the reference`);
      continue;
    }
    if (runs.some((r) => r.status === 'timeout' || r.status === 'crashed')) {
      dropped.push(`${c.id || 'a mutant'} (${c.note}): stopped at the time limit on some test`);
      continue;
    }
    if (c.origin === 'hand') kept.push(c);
    else if (runs.every((r) => r.status === 'ok')) {
      clean.push(c);
      if (hiddenOnly.length < HIDDEN_ONLY_FIRST && v.public.every((r) => r.pass)) hiddenOnly.push(c);
    } else raising.push(c);
  }
  if (problems.length) return { problems, dropped, operators: {} };

  // 5. Mutants to fill up to the target: up to two that only hidden tests catch first (the case that makes choosing
  //    by public tests imperfect), then wrong answers before exceptions (realistic slips mostly return a wrong value).
  const need = Math.max(0, target - kept.length);
  const order = [...hiddenOnly, ...clean.filter((c) => !hiddenOnly.includes(c)), ...raising];
  const chosen = order.slice(0, need);
  const operators: Partial<Record<Operator, number>> = {};
  chosen.forEach((c, i) => {
    c.id = `mut${i + 1}`;
    operators[c.operator!] = (operators[c.operator!] ?? 0) + 1;
  });

  // 6. The row, candidates in a seeded order (the file's order says nothing about which are right).
  const candidates = new Rng(seed ^ 0x5bd1e995).shuffle([...kept, ...chosen]);
  const task: BankTask = {
    task_id: src.id,
    statement: src.statement,
    entry: src.entry,
    public_tests: publicTests,
    hidden_tests: hiddenTests,
    candidates: candidates.map(({ id, code, kind, note }) => ({ id, code, kind, note })),
  };
  const report = reportTask(task, candidates.map((c) => ({ ...verdicts.get(c)!, id: c.id })));
  return { task, report, problems, dropped, operators };
}

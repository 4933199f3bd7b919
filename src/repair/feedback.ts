// The repair loop's inputs for one bank task: feedback from real runs, feedback from the model's simulation, the
// mutation engine's neighbourhood, and the hidden-test verdict that scores a handed-in code. Pure: the runner,
// the comparison and the model's predictions are passed in (Node: scripts/repair.ts; the page: its workers).
import { itemSeed } from '../dataset/rng.ts';
import type { BankTask, BankTest } from '../rank/bank.ts';
import { taskSeed } from '../rank/metrics.ts';
import { testCall, testRequest, verdictOf, type Compare, type RunMany } from '../rank/judge.ts';
import { mutantsOf, seededOrder, type RunFn } from './mutate.ts';
import type { Feedback, FeedbackFn, FeedbackManyFn, NeighboursFn } from './loop.ts';

/** The public tests really run: each test's real output beside the expected one. */
export function realFeedback(task: Pick<BankTask, 'entry' | 'public_tests'>, runMany: RunMany, compare: Compare): FeedbackFn {
  return async (code) => {
    const traces = await runMany(task.public_tests.map((t) => testRequest(task.entry, code, t)));
    const tests = [];
    for (const [i, t] of task.public_tests.entries()) {
      const v = await verdictOf(traces[i]!, t.output, compare);
      tests.push({ call: testCall(task.entry, t), expected: t.output, got: v.actual ?? v.error ?? null, pass: v.pass });
    }
    return { tests, passes: tests.filter((t) => t.pass).length };
  };
}

/** What a simulator says of one test: the majority of its sampled outputs, and whether it equals the expected one. */
export interface PredictedTest {
  majority: string | null;
  predictedPass: boolean;
}

export type PredictFn = (entry: string, code: string, tests: readonly BankTest[]) => Promise<PredictedTest[]>;

/** The same for several codes at once, `[code][test]` (one model batch: src/rank/simulate.ts `predictMany`). */
export type PredictManyFn = (entry: string, codes: readonly string[], tests: readonly BankTest[]) => Promise<PredictedTest[][]>;

/** The public tests dry-run by the model: its predicted output beside the expected one. Repeated codes are asked once. */
export function simulatedFeedback(task: Pick<BankTask, 'entry' | 'public_tests'>, predict: PredictFn): FeedbackFn {
  const many = simulatedFeedbackMany(task, async (entry, codes, tests) => {
    const out: PredictedTest[][] = [];
    for (const code of codes) out.push(await predict(entry, code, tests));
    return out;
  });
  return async (code) => (await many([code]))[0]!;
}

/** As `simulatedFeedback`, the codes not asked before going to the model together, in one call. */
export function simulatedFeedbackMany(task: Pick<BankTask, 'entry' | 'public_tests'>, predictMany: PredictManyFn): FeedbackManyFn {
  const seen = new Map<string, Feedback>();
  return async (codes) => {
    const ask = [...new Set(codes.filter((c) => !seen.has(c)))];
    const preds = ask.length ? await predictMany(task.entry, ask, task.public_tests) : [];
    for (const [j, code] of ask.entries()) {
      const tests = task.public_tests.map((t, i) => ({
        call: testCall(task.entry, t), expected: t.output, got: preds[j]?.[i]?.majority ?? null, pass: preds[j]?.[i]?.predictedPass ?? false,
      }));
      seen.set(code, { tests, passes: tests.filter((t) => t.pass).length });
    }
    return codes.map((c) => seen.get(c)!);
  };
}

/** One change away, by the mutation engine, in the seeded order that makes the first few of different kinds. */
export function engineNeighbours(run: RunFn, engineSource: string): NeighboursFn {
  const cache = new Map<string, { code: string; note: string; operator: Parameters<typeof seededOrder>[0][number]['operator'] }[]>();
  return async (code, seed) => {
    let mutants = cache.get(code);
    if (!mutants) {
      const got = await mutantsOf(code, run, engineSource);
      mutants = 'mutants' in got ? got.mutants : [];
      cache.set(code, mutants);
    }
    return seededOrder(mutants, seed).map(({ code: c, note }) => ({ code: c, note }));
  };
}

/** The hidden tests really run: true when `code` passes every one. */
export async function passesHidden(task: Pick<BankTask, 'entry' | 'hidden_tests'>, code: string, runMany: RunMany,
  compare: Compare): Promise<boolean> {
  const traces = await runMany(task.hidden_tests.map((t) => testRequest(task.entry, code, t)));
  for (const [i, t] of task.hidden_tests.entries()) {
    if (!(await verdictOf(traces[i]!, t.output, compare)).pass) return false;
  }
  return true;
}

/**
 * The repair run's seed for one candidate: the experiment's seed, the task's name and the candidate's place in the
 * task, so the page and `npm run repair` walk the same path for the same candidate.
 */
export function repairSeed(seed: number, taskId: string, candidateIndex: number): number {
  return itemSeed(taskSeed(seed, taskId), candidateIndex);
}

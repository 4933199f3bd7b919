// Repairing one candidate in the page: the same three loops as `npm run repair` (src/repair/loop.ts), wired to
// the page's workers. Neighbours come from the mutation engine (src/repair/mutate.py) run as a program in the
// page's Python; real feedback and every verdict are real runs there (src/rank/judge.ts); simulated feedback is
// the model's dry run in the rank worker (workers/rank.worker.ts, src/rank/simulate.ts), compared by the page's
// Python. The loops run one after another, as in the command: simulated, real, then none, which walks as many
// turns as the simulated loop took (the real one's when the model could not run).
import type { RunRequest, Trace } from '../../../capture/trace.ts';
import type { BankTask } from '../../../rank/bank.ts';
import { judgeTask, type CandidateVerdict } from '../../../rank/judge.ts';
import type { CellPrediction } from '../../../rank/simulate.ts';
import { engineNeighbours, realFeedback, simulatedFeedback, type PredictFn } from '../../../repair/feedback.ts';
import { repair, REPAIR_MODES, type Attempt, type Feedback, type FeedbackFn, type NeighboursFn, type RepairMode,
  type RepairResult } from '../../../repair/loop.ts';
import engineSource from '../../../repair/mutate.py?raw';
import { mutantsOf } from '../../../repair/mutate.ts';
import type { ShippedModel } from '../../../train/manifest.ts';
import { getRunner } from '../../runner.ts';
import { loadRankModel, predictCandidate, RankStopped } from '../rank/client.ts';
import { hiddenVerdictOf, loopFinished, type RepairEvent, type RepairRunState } from './view.ts';

export class RepairStopped extends Error {
  constructor() {
    super('stopped');
  }
}

const run = (req: RunRequest): Promise<Trace> => getRunner().run(req);
const runOneByOne = async (reqs: RunRequest[]): Promise<Trace[]> => {
  const out: Trace[] = [];
  for (const r of reqs) out.push(await run(r));
  return out;
};
const compare = (a: string, b: string) => getRunner().compare(a, b);

/** One code really run on the task's public and hidden tests. */
export async function judgeCode(task: BankTask, code: string): Promise<CandidateVerdict> {
  const [v] = await judgeTask({ ...task, candidates: [{ id: 'code', code, kind: 'bug', note: '' }] }, runOneByOne, compare);
  return v!;
}

/** The mutation engine's neighbourhood, through the page's Python; its mutants are remembered per code. */
let neighbourhood: NeighboursFn | undefined;
const pageNeighbours = (): NeighboursFn => (neighbourhood ??= engineNeighbours(run, engineSource));

/**
 * What one bank task's feedback said of each code, kept between runs: Continue after Stop (or another turn
 * count) replays what finished at once, since the loops are seeded and each code's feedback is the same.
 */
export interface RepairMemory {
  key: string;
  real: FeedbackFn;
  simulated?: FeedbackFn;
  /** The model's cells per code (its stories, for the story beside the real run). */
  predictions: Map<string, CellPrediction[]>;
  /** The current run's Stop, read by the remembered simulated feedback. */
  stopped: () => boolean;
}

export function newMemory(key: string, task: BankTask): RepairMemory {
  const base = realFeedback(task, runOneByOne, compare);
  const seen = new Map<string, Feedback>();
  const real: FeedbackFn = async (code) => {
    const known = seen.get(code);
    if (known) return known;
    const f = await base(code);
    seen.set(code, f);
    return f;
  };
  return { key, real, predictions: new Map(), stopped: () => false };
}

export interface RepairPlan {
  task: BankTask;
  /** The starting code (a candidate of the task). */
  code: string;
  /** The model that simulates; undefined when the list of models could not be read. */
  model: ShippedModel | undefined;
  turns: number;
  neighbours: number;
  /** Stories per test for the simulated feedback (1 = greedy) and their temperature. */
  samples: number;
  temperature: number;
  seed: number;
}

export interface RepairHooks {
  dispatch(e: RepairEvent): void;
  onPhase(words: string): void;
  stopped(): boolean;
}

const failure = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isStop = (e: unknown) => e instanceof RepairStopped || e instanceof RankStopped;

/**
 * Runs what has not finished of `state`'s three loops; resolves when all three have, or when stopped (what
 * finished is in the events). Loops that finished before are kept as they are.
 */
export async function runRepair(plan: RepairPlan, memory: RepairMemory, state: RepairRunState, hooks: RepairHooks):
  Promise<'done' | 'stopped'> {
  const { task } = plan;
  memory.stopped = hooks.stopped;
  const check = () => {
    if (hooks.stopped()) throw new RepairStopped();
  };
  if (!state.start) {
    hooks.onPhase('Running the starting code for real on the hidden tests…');
    hooks.dispatch({ type: 'start-judged', verdict: hiddenVerdictOf(await judgeCode(task, plan.code)) });
    const got = await mutantsOf(plan.code, run, engineSource);
    if ('error' in got) hooks.dispatch({ type: 'engine-problem', message: got.error });
  }
  const results: Partial<Record<RepairMode, RepairResult>> = {};
  for (const m of REPAIR_MODES) if (loopFinished(state.loops[m])) results[m] = state.loops[m].result!;
  const settings = { turns: plan.turns, neighbours: plan.neighbours, seed: plan.seed };

  for (const mode of REPAIR_MODES) {
    if (results[mode]) continue;
    if (hooks.stopped()) return 'stopped';
    let feedback: FeedbackFn | undefined;
    if (mode === 'simulated') {
      try {
        if (!plan.model) throw new Error('the list of shipped models could not be read');
        await loadRankModel(plan.model, hooks.onPhase);
      } catch (e) {
        if (isStop(e)) {
          hooks.dispatch({ type: 'loop-stopped', mode });
          return 'stopped';
        }
        hooks.dispatch({ type: 'loop-error', mode, error: `The model could not be loaded (${failure(e)}), so this loop did not run; ` +
          'the real loop runs without it, and the random walk matches its turns.' });
        continue;
      }
      // One greedy story per test (the model's most likely one), or a vote of samples drawn from the run's seed.
      const sampled = plan.samples > 1;
      const predict: PredictFn = async (entry, code, tests) => {
        if (memory.stopped()) throw new RepairStopped();
        const reply = await predictCandidate({ entry, code, tests: [...tests], samples: plan.samples,
          temperature: sampled ? plan.temperature : 0, seed: sampled ? plan.seed : 0 });
        if (reply.stopped) throw new RepairStopped();
        memory.predictions.set(code, reply.cells);
        return reply.cells;
      };
      memory.simulated ??= simulatedFeedback(task, predict);
      feedback = memory.simulated;
    } else if (mode === 'real') {
      feedback = memory.real;
    }

    hooks.dispatch({ type: 'loop-start', mode });
    // Where the loop is, for the progress line: the loop judges the starting code, then per turn asks for the
    // neighbourhood and judges up to `neighbours` untried codes of it (those it has not judged before).
    const tried = new Set([plan.code]);
    let turn = 0;
    let neighbour = 0;
    let of = 0;
    const at = () => hooks.dispatch({ type: 'at', mode, at: { turn, neighbour, of } });
    const deps = {
      neighbours: (async (code, seed) => {
        check();
        neighbour = 0;
        at();
        const list = await pageNeighbours()(code, seed);
        of = Math.min(Math.max(1, plan.neighbours), list.filter((n) => !tried.has(n.code)).length);
        return list;
      }) satisfies NeighboursFn,
      ...(feedback ? {
        feedback: (async (code) => {
          check();
          tried.add(code);
          if (turn > 0) neighbour++;
          at();
          return feedback(code);
        }) satisfies FeedbackFn,
      } : {}),
      shouldStop: () => hooks.stopped(),
      onAttempt: (a: Attempt) => {
        tried.add(a.code);
        turn = a.turn + 1;
        neighbour = 0;
        hooks.dispatch({ type: 'attempt', mode, attempt: a });
      },
    };
    let result: RepairResult;
    try {
      const matched = (results.simulated ?? results.real)?.turns;
      result = await repair(plan.code, mode, deps, settings, mode === 'none' ? matched : undefined);
    } catch (e) {
      if (isStop(e)) {
        hooks.dispatch({ type: 'loop-stopped', mode });
        return 'stopped';
      }
      hooks.dispatch({ type: 'loop-error', mode, error: `This loop could not go on: ${failure(e)}.` });
      continue;
    }
    if (result.stopped === 'stopped') {
      hooks.dispatch({ type: 'loop-stopped', mode });
      return 'stopped';
    }
    results[mode] = result;
    hooks.dispatch({ type: 'loop-done', mode, result });
    hooks.onPhase('Running the handed-in code for real on the hidden tests…');
    hooks.dispatch({ type: 'hidden', mode, verdict: hiddenVerdictOf(await judgeCode(task, result.submitted)) });
  }
  return 'done';
}

/** Every candidate of a task really run on its tests, one at a time (the picker's labels and the default). */
export async function checkCandidates(task: BankTask, onEach: (i: number, v: CandidateVerdict) => void, live: () => boolean):
  Promise<void> {
  for (const [i, c] of task.candidates.entries()) {
    if (!live()) return;
    onEach(i, await judgeCode(task, c.code));
  }
}

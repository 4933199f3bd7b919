// Ranking one task in the page: every candidate really runs on every public and hidden test in the page's Python
// (src/rank/judge.ts, output-only mode, one candidate at a time so the real cells fill as they finish), then the
// model dry-runs each candidate on the public tests in the rank worker (src/rank/simulate.ts). Seeds are those of
// `npm run rank` (the experiment's seed, the task's name, the candidate's place), so the page and the command
// agree on the same task. The bank the section reads: the shipped one, or a file the person brings.
import { itemSeed } from '../../../dataset/rng.ts';
import type { RunRequest, Trace } from '../../../capture/trace.ts';
import { parseBank, type BankTask } from '../../../rank/bank.ts';
import { judgeTask, TEST_LIMITS, testCall } from '../../../rank/judge.ts';
import { taskSeed } from '../../../rank/metrics.ts';
import type { ShippedModel } from '../../../train/manifest.ts';
import { getRunner } from '../../runner.ts';
import { fetchText } from '../../site.ts';
import { loadRankModel, predictCandidate } from './client.ts';
import type { TaskProgress } from './view.ts';

export const SHIPPED_BANK = 'bank/tasks.jsonl';

export interface LoadedBank {
  /** 'shipped', or the file's name. */
  source: string;
  tasks: BankTask[];
}

/** A bank file's text, read; any problem refuses the whole file, in a sentence naming its lines. */
export function readBankText(text: string, name: string): LoadedBank | { error: string } {
  const { tasks, problems } = parseBank(text);
  if (problems.length) {
    const shown = problems.slice(0, 4).map((p) => p.message).join('; ');
    return { error: `${name} could not be used: ${shown}${problems.length > 4 ? `; and ${problems.length - 4} more problems` : ''}. ` +
      'Each line must be one task in the format of docs/bank.md; `npm run bank -- --check FILE` lists every problem.' };
  }
  return { source: name, tasks };
}

let shipped: Promise<LoadedBank> | undefined;
export function shippedBank(): Promise<LoadedBank> {
  shipped ??= fetchText(SHIPPED_BANK).then((t) => {
    const r = readBankText(t, 'The shipped bank');
    if ('error' in r) throw new Error(r.error);
    return { ...r, source: 'shipped' };
  });
  shipped.catch(() => (shipped = undefined));
  return shipped;
}

export interface RankOptions {
  model: ShippedModel;
  samples: number;
  temperature: number;
  seed: number;
}

export interface RankHooks {
  /** A fresh object each time something finished. */
  onProgress(p: TaskProgress): void;
  onPhase(words: string): void;
  stopped(): boolean;
}

const runOneByOne = async (reqs: RunRequest[]): Promise<Trace[]> => {
  const out: Trace[] = [];
  for (const r of reqs) out.push(await getRunner().run(r));
  return out;
};

const compare = (a: string, b: string) => getRunner().compare(a, b);

/** Rank one task: real runs first, then the model; resolves with what finished, and whether it was stopped. */
export async function rankTask(task: BankTask, opts: RankOptions, hooks: RankHooks, start?: TaskProgress):
  Promise<{ progress: TaskProgress; stopped: boolean }> {
  let p: TaskProgress = start ?? { real: task.candidates.map(() => undefined), model: task.candidates.map(() => undefined) };
  const n = task.candidates.length;
  for (const [ci, c] of task.candidates.entries()) {
    if (p.real[ci]) continue;
    if (hooks.stopped()) return { progress: p, stopped: true };
    hooks.onPhase(`Running candidate ${ci + 1} of ${n} for real on ${task.public_tests.length + task.hidden_tests.length} tests…`);
    const [v] = await judgeTask({ ...task, candidates: [c] }, runOneByOne, compare);
    p = { ...p, real: p.real.map((r, i) => (i === ci ? v : r)) };
    hooks.onProgress(p);
  }
  if (hooks.stopped()) return { progress: p, stopped: true };
  await loadRankModel(opts.model, hooks.onPhase);
  const ts = taskSeed(opts.seed, task.task_id);
  for (const [ci, c] of task.candidates.entries()) {
    if (p.model[ci]) continue;
    if (hooks.stopped()) return { progress: p, stopped: true };
    hooks.onPhase(`${opts.model.name} is dry-running candidate ${ci + 1} of ${n} on ${task.public_tests.length} public tests…`);
    const reply = await predictCandidate({ entry: task.entry, code: c.code, tests: task.public_tests, samples: opts.samples,
      temperature: opts.temperature, seed: itemSeed(ts, ci) });
    if (reply.stopped) return { progress: p, stopped: true };
    p = { ...p, model: p.model.map((m, i) => (i === ci ? reply.cells : m)) };
    hooks.onProgress(p);
  }
  return { progress: p, stopped: false };
}

/** The real run of one cell, traced with the worked expressions a detailed or bound story shows (for the side-by-side
 * view; one run, so the bound forms cost nothing that matters). */
export function tracedRun(task: Pick<BankTask, 'entry'>, code: string, test: { input: string }): Promise<Trace> {
  return getRunner().run({ code, mode: 'call', call: testCall(task.entry, test), limits: TEST_LIMITS, work: 'bound' });
}

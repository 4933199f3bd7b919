// What the RL panel shows about the run in its worker, as one state and the actions that change it: a run made
// or resumed, a run call starting and ending, the worker's events. Pure (a reducer): the hook (useRlRun.ts)
// only talks to the worker and dispatches; view.test.ts follows a session through it.
import type { RlLog } from '../../../rl/grpo.ts';
import type { LoopEnd } from '../../../rl/loop.ts';
import type { RlEvent, RlFigures, RlInfo, RlRowView } from '../../../rl/run-events.ts';
import { recentMs, runEndMessage, runningMessage, type Phase, type Progress } from './messages.ts';

export type { Phase };
export interface Series { xs: number[]; ys: number[] }

/** The figures charted, one chart each. */
export const FIGURES = ['rewardMean', 'accuracy', 'signal', 'kl', 'entropy', 'responseLength'] as const;
export type Figure = (typeof FIGURES)[number];

export interface RlView {
  phase: Phase;
  /** The status line's sentence; the latest step follows it. */
  message: string;
  backend: string;
  /** The run the worker holds, null when none. */
  run: RlInfo | null;
  /** Each figure over the run's steps (x: steps done after the step, 1 for the first). */
  series: Record<Figure, Series>;
  /** The latest step of this session: its log (rollouts included) and its rows, for the rollout viewer. */
  latest: { log: RlLog; rows: RlRowView[] } | null;
  /** Wall time of each step this session. */
  stepMs: number[];
  /** Live tensors after each step this session (flat when nothing leaks). */
  tensors: number[];
  /** The step the run was last saved at this session, null when it was not. */
  lastSaved: number | null;
  /** Why the last save failed, until one succeeds. */
  saveProblem: string | null;
}

export type Action =
  | { type: 'say'; message: string; append?: boolean }
  | { type: 'phase'; phase: Phase }
  | { type: 'backend'; backend: string; message: string }
  /** A run is made, or the saved one loaded: its curves from its history. */
  | { type: 'show'; info: RlInfo; message: string }
  /** `lead` opens the message (what was just started). */
  | { type: 'run-started'; maxSteps?: number; lead?: string }
  | { type: 'event'; event: RlEvent }
  | { type: 'run-ended'; info: RlInfo; end: LoopEnd }
  | { type: 'run-failed'; error: string };

/** One series per figure. */
function byFigure(series: (f: Figure) => Series): Record<Figure, Series> {
  const out = {} as Record<Figure, Series>;
  for (const f of FIGURES) out[f] = series(f);
  return out;
}

const empty = () => byFigure(() => ({ xs: [], ys: [] }));

export const initialView: RlView = {
  phase: 'starting', message: 'Starting the RL worker…', backend: '', run: null, series: empty(), latest: null, stepMs: [],
  tensors: [], lastSaved: null, saveProblem: null,
};

/** A run's curves from its history. */
export function historySeries(history: readonly RlFigures[]): Record<Figure, Series> {
  return byFigure((f) => ({ xs: history.map((h) => h.step + 1), ys: history.map((h) => h[f]) }));
}

function pushStep(series: Record<Figure, Series>, log: RlFigures): Record<Figure, Series> {
  return byFigure((f) => ({ xs: [...series[f].xs, log.step + 1], ys: [...series[f].ys, log[f]] }));
}

export const isBusy = (v: RlView): boolean => v.phase === 'running' || v.phase === 'starting';

/** Resume and Step: the run can go on and is not now. */
export const canResume = (v: RlView): boolean => Boolean(v.run && v.phase !== 'running' && v.phase !== 'starting' && v.run.step < v.run.steps);

/** The status line's figures: the latest step of the run held (from its history when this session took none). */
export function progressOf(v: RlView): Progress | null {
  if (!v.run) return null;
  const last = v.latest?.log ?? v.run.history.at(-1);
  if (!last) return null;
  return { step: last.step + 1, steps: v.run.steps, rewardMean: last.rewardMean, accuracy: last.accuracy,
    msPerStep: v.stepMs.length ? recentMs(v.stepMs) : last.ms.sample + last.ms.reward + last.ms.update };
}

/** The steps the charts span: the whole run from its start. */
export const chartSteps = (run: RlInfo | null): [number, number] | undefined => (run ? [1, run.steps] : undefined);

export function rlView(v: RlView, a: Action): RlView {
  switch (a.type) {
    case 'say':
      return { ...v, message: a.append ? `${v.message} ${a.message}`.trim() : a.message };
    case 'phase':
      return { ...v, phase: a.phase };
    case 'backend':
      return { ...v, backend: a.backend, message: a.message, phase: v.phase === 'starting' ? 'ready' : v.phase };
    case 'show':
      return { ...v, run: a.info, series: historySeries(a.info.history), latest: null, stepMs: [], tensors: [], lastSaved: null,
        phase: a.info.step >= a.info.steps ? 'done' : 'paused', message: a.message };
    case 'run-started':
      return { ...v, phase: 'running', message: `${a.lead ? `${a.lead} ` : ''}${runningMessage(v.run?.step ?? 0, a.maxSteps)}` };
    case 'event':
      return onEvent(v, a.event);
    case 'run-ended':
      return { ...v, run: a.info, phase: a.end === 'done' ? 'done' : 'paused', message: runEndMessage(a.info, a.end) };
    case 'run-failed':
      return { ...v, phase: 'failed', message: `The RL run stopped with an error: ${a.error}` };
  }
}

function onEvent(v: RlView, e: RlEvent): RlView {
  switch (e.kind) {
    case 'step':
      return { ...v, series: pushStep(v.series, e.log), latest: { log: e.log, rows: e.rows }, stepMs: [...v.stepMs, e.ms],
        tensors: [...v.tensors, e.numTensors], run: v.run && { ...v.run, step: e.log.step + 1 } };
    case 'saved':
      return { ...v, lastSaved: e.step, saveProblem: null };
    case 'save-failed':
      return { ...v, saveProblem: e.message };
    case 'state':
      return { ...v, phase: e.state, run: v.run && { ...v.run, step: e.step } };
  }
}

// What the Train panel shows about the model in its worker, as one state and the actions that change it: a
// load, a run call starting and ending, the worker's events, a step cut off by Stop. Pure (a reducer), so the
// panel's hooks only talk to the worker and dispatch; view.test.ts follows a session through it.
import type { Prediction } from '../../../train/evaluate.ts';
import { AUTOSAVE_ID } from '../../../train/browser/checkpoint-store.ts';
import type { RunInfo, TrainEvent } from '../../../train/run-events.ts';
import { cutOffNote, runEndMessage, trainingMessage, type LogEvent, type Phase } from './messages.ts';
import type { ScoringMode } from './scoring.ts';

export type { Phase };
export interface Series { xs: number[]; ys: number[] }
export type Scored = { list: Prediction[]; mode: ScoringMode | 'mixed' | null };

export interface TrainView {
  phase: Phase;
  /** The status line's sentence; the run's latest log follows it (messages.ts, statusLine). */
  message: string;
  /** The backend the worker initialised ('' until it has). */
  backend: string;
  /** The model the worker holds (its progress and history), null when it holds none. */
  run: RunInfo | null;
  /** Which checkpoint it came from: `shipped`, a stored id, or null for a new run. */
  loadedId: string | null;
  /** The latest log of this run. */
  progress: LogEvent | null;
  /** The CPU workers the current run started (and why any did not). */
  workers: Extract<TrainEvent, { kind: 'workers' }> | null;
  /** The latest evaluation: its accuracy and the number of validation rows it was measured on. */
  lastEval: { step: number; accuracy: number; rows: number } | null;
  loss: Series;
  acc: Series;
  /** Tokens/s of each log interval this session (read by scripts/bench-train-page.ts). */
  tokensPerS: number[];
  predictions: Scored | null;
  /** The autosave holds the run loaded now (it saved, or was loaded): no need to warn that a save replaces it. */
  ownsAutosave: boolean;
  /** The step this session last saved the loaded run at (the autosave), null when it has not saved it. */
  lastSaved: number | null;
  /** Bumped when Stop terminated the worker: a fresh one starts, and then says `restartNote`. */
  generation: number;
  restartNote: string | null;
}

export type Action =
  | { type: 'say'; message: string; append?: boolean }
  | { type: 'phase'; phase: Phase }
  | { type: 'backend'; backend: string; message: string }
  /** A model is loaded (or a new run made): its curves, no predictions yet, Resume if it can go on. */
  | { type: 'show'; info: RunInfo; id: string | null; message: string; append?: boolean }
  | { type: 'run-started'; maxSteps?: number; lead?: string }
  | { type: 'event'; event: TrainEvent; mode?: Scored['mode'] }
  | { type: 'run-ended'; info: RunInfo; stopped: boolean }
  | { type: 'run-failed'; error: string }
  | { type: 'predictions'; predictions: Scored }
  /** Stop cut a step off: the worker is terminated, a fresh one starts. */
  | { type: 'cut-off' }
  /** The fresh worker has started after a cut-off. */
  | { type: 'restarted' }
  | { type: 'saved-as'; id: string; message: string }
  /** That checkpoint is not (or no longer) kept in this browser: the list shows nothing loaded. */
  | { type: 'forget'; id: string };

export const initialView: TrainView = {
  phase: 'starting', message: 'Starting the training worker…', backend: '', run: null, loadedId: null, progress: null,
  workers: null, lastEval: null, loss: { xs: [], ys: [] }, acc: { xs: [], ys: [] }, tokensPerS: [], predictions: null,
  ownsAutosave: false, lastSaved: null, generation: 0, restartNote: null,
};

const say = (v: TrainView, message: string, append = false) => append ? `${v.message} ${message}`.trim() : message;
const push = (s: Series, x: number, y: number): Series => ({ xs: [...s.xs, x], ys: [...s.ys, y] });

/** A run's curves from its history: the loss of each log, the accuracy of each evaluation. */
export function historySeries(info: RunInfo): { loss: Series; acc: Series } {
  const l = info.history.filter((h) => Number.isFinite(h.loss));
  const a = info.history.filter((h) => h.valAccuracy !== undefined);
  return { loss: { xs: l.map((h) => h.step), ys: l.map((h) => h.loss) }, acc: { xs: a.map((h) => h.step), ys: a.map((h) => h.valAccuracy!) } };
}

/** Resume and Step: the model can go on training and is not now. */
export const canResume = (v: TrainView): boolean =>
  Boolean(v.run?.resumable && v.phase !== 'running' && v.run.step < v.run.steps);

export const isBusy = (v: TrainView): boolean => v.phase === 'running' || v.phase === 'starting';

/** The steps the charts span: the whole of the model's run (a new run's from its start), whatever is drawn yet. */
export const chartSteps = (run: RunInfo | null): [number, number] | undefined => (run ? [0, run.steps] : undefined);

export function trainView(v: TrainView, a: Action): TrainView {
  switch (a.type) {
    case 'say':
      return { ...v, message: say(v, a.message, a.append) };
    case 'phase':
      return { ...v, phase: a.phase };
    case 'backend':
      // After a cut-off the note stays up while the fresh worker starts: it is what the person needs to read.
      return { ...v, backend: a.backend, message: v.restartNote !== null ? v.message : a.message };
    case 'show': {
      const own = a.id === AUTOSAVE_ID;
      const phase = a.info.resumable && a.info.step < a.info.steps ? 'paused' : 'ready';
      return { ...v, ...historySeries(a.info), run: a.info, loadedId: a.id, phase, message: say(v, a.message, a.append),
        tokensPerS: [], progress: null, workers: null, lastEval: null, predictions: null, ownsAutosave: own,
        lastSaved: own ? a.info.step : null };
    }
    case 'run-started': {
      const training = trainingMessage(v.run?.step ?? 0, a.maxSteps);
      return { ...v, phase: 'running', message: a.lead ? `${a.lead} ${training}` : training };
    }
    case 'event':
      return onEvent(v, a.event, a.mode ?? null);
    case 'run-ended':
      return { ...v, run: a.info, phase: a.info.step >= a.info.steps ? 'done' : 'paused', message: runEndMessage(a.info, a.stopped) };
    case 'run-failed':
      // The worker's message says what can be resumed (the saved run), not this one.
      return { ...v, phase: 'failed', run: v.run && { ...v.run, resumable: false }, message: `Training stopped with an error: ${a.error}` };
    case 'predictions':
      return { ...v, predictions: a.predictions };
    case 'cut-off':
      return { ...v, restartNote: cutOffNote(v.lastSaved), run: null, loadedId: null, phase: 'starting',
        message: `${cutOffNote(v.lastSaved)} A fresh training worker is starting…`, generation: v.generation + 1 };
    case 'restarted':
      return { ...v, message: v.restartNote ?? v.message, restartNote: null, phase: 'ready' };
    case 'saved-as':
      return { ...v, loadedId: a.id, message: a.message };
    case 'forget':
      return { ...v, loadedId: v.loadedId === a.id ? null : v.loadedId };
  }
}

function onEvent(v: TrainView, e: TrainEvent, mode: Scored['mode']): TrainView {
  switch (e.kind) {
    case 'log':
      return { ...v, progress: e, loss: push(v.loss, e.step, e.loss), tokensPerS: [...v.tokensPerS, e.tokensPerS] };
    case 'eval':
      return { ...v, acc: push(v.acc, e.step, e.accuracy), lastEval: { step: e.step, accuracy: e.accuracy, rows: e.rows },
        predictions: { list: e.predictions, mode } };
    case 'saved':
      return { ...v, lastSaved: e.step, ownsAutosave: true };
    case 'save-failed':
      return v; // the checkpoint list reports it
    case 'workers':
      return { ...v, workers: e };
    case 'state':
      // `stopping`: the loop has ended and the run is being saved; the phase changes once it is.
      return e.state === 'stopping' ? v : { ...v, phase: e.state };
  }
}

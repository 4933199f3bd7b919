// The train worker's lifecycle as the Train panel drives it: start-up (and a backend change), a new run, Resume,
// Step, Pause and Stop, the worker's events, the predictions table. What the panel shows is one state (view.ts);
// this hook talks to the worker and dispatches. Stop asks the worker to stop and, if the step in progress does
// not end within STOP_GRACE_MS, terminates it (client.ts): a fresh worker then starts and says what can be resumed.
import { useEffect, useEffectEvent, useReducer, useRef, type Dispatch } from 'react';
import * as Comlink from 'comlink';
import type { TrainState } from '../../../experiment/slices/train.ts';
import type { Compare } from '../../../evaluate/score.ts';
import type { RunInfo, TrainEvent } from '../../../train/run-events.ts';
import { getRunner } from '../../runner.ts';
import { setComputeStatus } from '../../status.ts';
import { terminateTrainWorker, trainWorker, TrainWorkerClosed, untilTerminated } from './client.ts';
import { errorText, STOP_GRACE_MS } from './messages.ts';
import { AnswerScorer, type ScoringSession } from './scoring.ts';
import { runSettingsOf } from './settings.ts';
import { startWorker } from './start-up.ts';
import type { CheckpointList } from './useCheckpointList.ts';
import type { DataChoice, TrainingData } from './useTrainingData.ts';
import { initialView, isBusy, trainView, type Action, type TrainView } from './view.ts';

let scorer: AnswerScorer | undefined;

/**
 * The page's Python, as a compare function for one worker call (a Comlink proxy the worker calls back), and
 * how that call's answers were compared.
 */
function compareInPython(): { compare: Compare & Comlink.ProxyMarked; take: ScoringSession['take'] } {
  scorer ??= new AnswerScorer(getRunner());
  const session = scorer.session();
  return { compare: Comlink.proxy(session.compare), take: session.take };
}

export interface TrainRun {
  view: TrainView;
  dispatch: Dispatch<Action>;
  /** Loads the settings' rows, makes a new run of the settings and trains it. */
  start(): Promise<void>;
  /** One run call: until paused, stopped or done (`maxSteps` 1: the Step button). `lead` opens its message. */
  go(maxSteps?: number, lead?: string): Promise<void>;
  pause(): void;
  stop(): void;
  /** After a load: the model's curves, then (unless `predict` is false) its predictions. */
  show(info: RunInfo, id: string | null, message: string, predict?: boolean): Promise<void>;
  /** Other rows: the loaded model's predictions are redone on their held-out rows, so the table matches them. */
  switchData(choice: DataChoice): Promise<void>;
}

export function useTrainRun(train: TrainState, seed: number, data: TrainingData, list: CheckpointList): TrainRun {
  const [view, dispatch] = useReducer(trainView, initialView);
  const predictRequest = useRef(0);
  /** How the current run's answers are being compared (one session per run call). */
  const runScoring = useRef<ScoringSession | null>(null);
  /** Shared with the worker (when the page is cross-origin isolated): a pause it reads even mid-evaluation. */
  const stopFlag = useRef<Int32Array | undefined>(undefined);
  const stopTimer = useRef<number | undefined>(undefined);
  /** Stop (not Pause) was pressed during the current run call. */
  const stopping = useRef(false);

  /** Only the latest request's predictions are shown (one for a model dropped since comes back empty). */
  const showPredictions = async () => {
    const request = ++predictRequest.current;
    const scoring = compareInPython();
    const predicted = await trainWorker().predict(6, scoring.compare);
    if (request === predictRequest.current) dispatch({ type: 'predictions', predictions: { list: predicted, mode: scoring.take() } });
  };

  const show = async (info: RunInfo, id: string | null, message: string, predict = true) => {
    dispatch({ type: 'show', info, id, message });
    if (predict) await showPredictions();
  };

  const switchData = async (choice: DataChoice) => {
    await data.load(choice);
    await showPredictions();
  };

  // Start-up, a backend change, and a fresh worker after Stop cut one off. The worker is kept across a backend
  // change (a fresh worker's WebGPU adapter request hung in Chromium after the first was terminated).
  const startUp = useEffectEvent((live: () => boolean) =>
    startWorker({ backend: train.backend, restarting: view.restartNote !== null, live, dispatch, data, list, showPredictions }));
  useEffect(() => {
    let live = true;
    void startUp(() => live);
    return () => {
      live = false;
    };
  }, [train.backend, view.generation]);

  // A new build in the Data panel replaces the rows here too, when they are the source (never mid-run).
  const onNewBuild = useEffectEvent(() => {
    if (train.data === 'built' && !isBusy(view)) void switchData({ source: 'built' });
  });
  useEffect(() => onNewBuild(), [data.built]);

  const trainingOn = (workers: number) => (workers > 1 ? `training on ${workers} CPU workers` : 'training');
  const onEvent = (e: TrainEvent) => {
    if (e.kind === 'eval') predictRequest.current++; // a predict() in flight is older than these
    dispatch({ type: 'event', event: e, mode: e.kind === 'eval' ? runScoring.current?.take() ?? null : undefined });
    if (e.kind === 'log') setComputeStatus({ backend: view.backend, state: trainingOn(e.workers) });
    else if (e.kind === 'workers') setComputeStatus({ backend: view.backend, state: trainingOn(e.used) });
    else if (e.kind === 'saved') {
      list.setProblem(null);
      void list.refresh();
    } else if (e.kind === 'save-failed') list.setProblem(e.message);
    // The loop has seen the pause or stop: what is left (a save) is quick, so Stop need not cut it off.
    else if (e.kind === 'state' && e.state !== 'running') window.clearTimeout(stopTimer.current);
  };

  const go = async (maxSteps?: number, lead?: string) => {
    dispatch({ type: 'run-started', maxSteps, lead });
    setComputeStatus({ backend: view.backend, state: 'training' });
    stopping.current = false;
    let cutOffNow = false;
    try {
      const scoring = compareInPython();
      runScoring.current = scoring;
      const flag = globalThis.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
      stopFlag.current = flag;
      const { workers } = runSettingsOf(train, seed);
      const info = await untilTerminated((api) => api.run(Comlink.proxy(onEvent), scoring.compare, { maxSteps, workers,
        stopFlag: flag }));
      dispatch({ type: 'run-ended', info, stopped: stopping.current });
    } catch (e) {
      cutOffNow = e instanceof TrainWorkerClosed;
      if (cutOffNow) return; // Stop cut the step off: it says so, and starts a fresh worker
      dispatch({ type: 'run-failed', error: errorText(e) });
    } finally {
      window.clearTimeout(stopTimer.current);
      if (!cutOffNow) setComputeStatus({ backend: view.backend, state: 'ready' });
    }
  };

  const start = async () => {
    try {
      await data.load();
      const info = await trainWorker().newRun(runSettingsOf(train, seed).config);
      const message = `New run: ${info.preset}, ${info.params.toLocaleString('en')} parameters, ${info.steps} steps.`;
      await show(info, null, message, false);
      await go(undefined, message);
    } catch (e) {
      dispatch({ type: 'phase', phase: 'failed' });
      dispatch({ type: 'say', message: errorText(e) });
    }
  };

  const pause = () => {
    if (stopFlag.current) Atomics.store(stopFlag.current, 0, 1);
    void trainWorker().pause();
    dispatch({ type: 'say', message: 'Pausing after this step…' });
  };

  /** Cuts off a step that did not end in time: the worker (and its peers) go, a fresh one starts. */
  const cutOff = () => {
    terminateTrainWorker();
    dispatch({ type: 'cut-off' });
    setComputeStatus({ backend: view.backend, state: 'restarting' });
  };

  /** Stop: pause and release the CPU workers; a step that does not end within STOP_GRACE_MS is cut off. */
  const stop = () => {
    stopping.current = true;
    if (stopFlag.current) Atomics.store(stopFlag.current, 0, 1);
    void trainWorker().stop();
    dispatch({ type: 'say', message: 'Stopping…' });
    window.clearTimeout(stopTimer.current);
    stopTimer.current = window.setTimeout(cutOff, STOP_GRACE_MS);
  };

  return { view, dispatch, start, go, pause, stop, show, switchData };
}

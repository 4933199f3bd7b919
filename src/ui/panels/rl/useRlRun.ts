// The RL worker's lifecycle as the RL panel drives it: start-up (and a backend change), a new run, Resume, Step,
// Pause, Stop, Resume saved run, the worker's events. What the panel shows is one state (view.ts); this hook
// talks to the worker and dispatches. Answers are compared by value in the page's Python (train/scoring.ts).
import { useEffect, useEffectEvent, useReducer, useState, type Dispatch } from 'react';
import * as Comlink from 'comlink';
import type { RlSettings } from '../../../experiment/slices/rl.ts';
import type { RlEvent } from '../../../rl/run-events.ts';
import { listCheckpoints, RL_AUTOSAVE_ID, type CheckpointMeta } from '../../../train/browser/checkpoint-store.ts';
import { getRunner } from '../../runner.ts';
import { fetchText } from '../../site.ts';
import { setComputeStatus } from '../../status.ts';
import { backendMessage } from '../train/messages.ts';
import { AnswerScorer } from '../train/scoring.ts';
import { shippedFiles, shippedList } from '../train/shipped.ts';
import { rlWorker } from './client.ts';
import { errorText, loadedMessage } from './messages.ts';
import { RL_SAMPLE, rlChoicesOf, rowsOf, startChoices, startOf, type StartChoice } from './settings.ts';
import { initialView, rlView, type Action, type RlView } from './view.ts';

let scorer: AnswerScorer | undefined;
let sample: Promise<string> | undefined;

/** The shipped sample's rows, fetched once per page (a failed fetch is tried again). */
function sampleText(): Promise<string> {
  sample ??= fetchText(RL_SAMPLE);
  sample.catch(() => (sample = undefined));
  return sample;
}

export interface RlRun {
  view: RlView;
  dispatch: Dispatch<Action>;
  /** The starting models this page ships (and the untrained one), once the manifest is read. */
  choices: StartChoice[];
  /** The RL run saved in this browser, if any. */
  saved: CheckpointMeta | undefined;
  start(): Promise<void>;
  /** One run call: until paused, stopped or done (`maxSteps` 1: Step); `lead` opens its message. */
  go(maxSteps?: number, lead?: string): Promise<void>;
  pause(): void;
  stop(): void;
  resumeSaved(): Promise<void>;
}

/** Start-up and a backend change: the worker's backend, the starting models, the saved run. */
async function startWorker(o: { backend: RlSettings['backend']; live: () => boolean; dispatch: Dispatch<Action>;
  setChoices(c: StartChoice[]): void; refreshSaved(): Promise<void> }): Promise<void> {
  setComputeStatus({ backend: o.backend, state: 'initialising' });
  void getRunner().warmUp(); // answers are compared in Python: start loading it now
  void o.refreshSaved();
  shippedList().then(({ models }) => o.live() && o.setChoices(startChoices(models)), () => o.live() && o.setChoices(startChoices([])));
  try {
    const chosen = await rlWorker().init(o.backend);
    if (!o.live()) return;
    o.dispatch({ type: 'backend', backend: chosen.backend, message: backendMessage(chosen) });
    setComputeStatus({ backend: chosen.backend, state: 'ready' });
  } catch (e) {
    if (!o.live()) return;
    o.dispatch({ type: 'phase', phase: 'failed' });
    setComputeStatus({ backend: o.backend, state: 'failed' });
    o.dispatch({ type: 'say', message: `The RL worker failed to start: ${errorText(e)}. Try another backend.` });
  }
}

export function useRlRun(settings: RlSettings, seed: number): RlRun {
  const [view, dispatch] = useReducer(rlView, initialView);
  const [choices, setChoices] = useState<StartChoice[]>([]);
  const [saved, setSaved] = useState<CheckpointMeta | undefined>(undefined);

  const refreshSaved = async () => {
    try {
      setSaved((await listCheckpoints()).find((c) => c.id === RL_AUTOSAVE_ID));
    } catch (e) {
      dispatch({ type: 'say', message: `Could not read the runs kept in this browser: ${errorText(e)}`, append: true });
    }
  };

  // Start-up and a backend change.
  const startUp = useEffectEvent((live: () => boolean) =>
    startWorker({ backend: settings.backend, live, dispatch, setChoices, refreshSaved }));
  useEffect(() => {
    let live = true;
    void startUp(() => live);
    return () => {
      live = false;
    };
  }, [settings.backend]);

  const onEvent = (e: RlEvent) => {
    dispatch({ type: 'event', event: e });
    if (e.kind === 'saved') void refreshSaved();
  };

  const go = async (maxSteps?: number, lead?: string) => {
    dispatch({ type: 'run-started', maxSteps, lead });
    setComputeStatus({ backend: view.backend, state: 'reinforcing' });
    try {
      scorer ??= new AnswerScorer(getRunner());
      const { compare } = scorer.session();
      const info = await rlWorker().run(Comlink.proxy(onEvent), Comlink.proxy(compare), { maxSteps });
      dispatch({ type: 'run-ended', info, end: info.end });
    } catch (e) {
      dispatch({ type: 'run-failed', error: errorText(e) });
    } finally {
      setComputeStatus({ backend: view.backend, state: 'ready' });
      void refreshSaved();
    }
  };

  const start = async () => {
    dispatch({ type: 'phase', phase: 'starting' });
    try {
      const choice = startOf(settings.start, choices.length ? choices : startChoices((await shippedList()).models));
      dispatch({ type: 'say', message: `Loading ${choice.label} and the shipped sample…` });
      const { filter, label } = rowsOf(settings);
      const [text, { files }] = await Promise.all([sampleText(), shippedFiles(choice.checkpoint)]);
      await rlWorker().setData(text, label, filter);
      const info = await rlWorker().start(files, rlChoicesOf(settings, seed), choice.from, choice.fresh);
      const message = loadedMessage(info, false);
      dispatch({ type: 'show', info, message });
      await go(undefined, message);
    } catch (e) {
      dispatch({ type: 'phase', phase: 'failed' });
      dispatch({ type: 'say', message: `Could not start the RL run: ${errorText(e)}` });
    }
  };

  const resumeSaved = async () => {
    dispatch({ type: 'phase', phase: 'starting' });
    dispatch({ type: 'say', message: 'Loading the saved run…' });
    try {
      const info = await rlWorker().resumeSaved();
      if (!info) {
        dispatch({ type: 'phase', phase: 'ready' });
        dispatch({ type: 'say', message: 'No RL run is saved in this browser.' });
        return;
      }
      const message = loadedMessage(info, true);
      dispatch({ type: 'show', info, message });
      await go(undefined, message);
    } catch (e) {
      dispatch({ type: 'phase', phase: 'failed' });
      dispatch({ type: 'say', message: `Could not resume the saved run: ${errorText(e)}` });
    }
  };

  const pause = () => {
    void rlWorker().pause();
    dispatch({ type: 'say', message: 'Pausing after this step…' });
  };

  const stop = () => {
    void rlWorker().stop();
    dispatch({ type: 'say', message: 'Stopping (a step still writing its stories is dropped and redone on Resume)…' });
  };

  return { view, dispatch, choices, saved, start, go, pause, stop, resumeSaved };
}

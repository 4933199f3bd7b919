// What the Train panel does when its worker starts (at first, after a backend change, and after Stop cut a
// step off): the backend, the rows, then the shipped model and its predictions, so the panel has something
// to show at once. After a cut-off nothing is loaded: the autosave, in the list, is what can be resumed.
import type { Dispatch } from 'react';
import type { TrainState } from '../../../experiment/slices/train.ts';
import { getRunner } from '../../runner.ts';
import { setComputeStatus } from '../../status.ts';
import { trainWorker } from './client.ts';
import { backendMessage, errorText } from './messages.ts';
import { shippedFiles, shippedList, shippedMetas, SHIPPED_ID } from './shipped.ts';
import type { CheckpointList } from './useCheckpointList.ts';
import type { TrainingData } from './useTrainingData.ts';
import type { Action } from './view.ts';

export interface StartUp {
  backend: TrainState['backend'];
  /** A fresh worker after Stop cut a step off. */
  restarting: boolean;
  /** False once the panel has moved on (another backend, or unmounted): nothing more is shown then. */
  live: () => boolean;
  dispatch: Dispatch<Action>;
  data: TrainingData;
  list: CheckpointList;
  showPredictions: () => Promise<void>;
}

export async function startWorker(o: StartUp): Promise<void> {
  setComputeStatus({ backend: o.backend, state: 'initialising' });
  // Answers are compared in Python: start loading it now rather than at the first answer.
  void getRunner().warmUp();
  try {
    void o.list.refresh();
    const chosen = await trainWorker().init(o.backend);
    if (!o.live()) return;
    o.dispatch({ type: 'backend', backend: chosen.backend, message: backendMessage(chosen) });
    setComputeStatus({ backend: chosen.backend, state: 'ready' });
    await o.data.load();
    if (o.restarting) {
      await o.list.refresh();
      if (o.live()) o.dispatch({ type: 'restarted' });
      return;
    }
    await loadShipped(o);
  } catch (e) {
    if (!o.live()) return;
    o.dispatch({ type: 'phase', phase: 'failed' });
    setComputeStatus({ backend: o.backend, state: 'failed' });
    o.dispatch({ type: 'say', message: `The training worker failed to start: ${errorText(e)}. Try another backend.` });
  }
}

/** The shipped models, listed; the first loaded (weights only), with its predictions. */
async function loadShipped(o: StartUp): Promise<void> {
  try {
    const { problem } = await shippedList();
    if (problem) o.dispatch({ type: 'say', message: problem, append: true });
    const metas = await shippedMetas();
    if (!o.live()) return;
    o.list.setShipped(metas);
    const { files } = await shippedFiles(SHIPPED_ID);
    const info = await trainWorker().loadCheckpoint(files, 'shipped model');
    if (!o.live()) return;
    o.dispatch({ type: 'show', info, id: SHIPPED_ID, append: true,
      message: `Loaded the shipped model (${info.preset}, step ${info.step}); its predictions on held-out programs appear below.` });
    await o.showPredictions();
  } catch (e) {
    o.dispatch({ type: 'say', message: `No shipped model could be loaded (${errorText(e)}). Train one below.` });
    if (o.live()) o.dispatch({ type: 'phase', phase: 'ready' });
  }
}

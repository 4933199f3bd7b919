// The Train stage: train the model in this tab (a worker; webgpu, wasm or cpu) on the shipped sample, the
// Data panel's dataset or a JSONL file; watch loss and accuracy; compare its predictions with the truth (by
// value, in Python). The shipped checkpoint loads at start, so predictions show at once. A run autosaves to
// IndexedDB as it goes and resumes exactly after a reload; checkpoints are listed (Checkpoints.tsx), saved
// under a name, and export as safetensors + JSON (the files `npm run train` writes) and import back.
// On wasm/cpu each step's batch is shared by several CPU workers (gradient peers, workers/peers.ts).
//
// This file is the layout. The worker's lifecycle is useTrainRun.ts (what is shown: view.ts, the sentences:
// messages.ts, start-up: start-up.ts); the rows, useTrainingData.ts; the checkpoint list, useCheckpointList.ts
// and checkpoint-actions.ts; the shipped models, shipped.ts.
import { useExperiment } from '../../state.ts';
import { usePythonStatus } from '../../runner.ts';
import { checkpointActions } from './checkpoint-actions.ts';
import { Checkpoints } from './Checkpoints.tsx';
import { DataSource } from './DataSource.tsx';
import { Predictions } from './Predictions.tsx';
import { RunCharts } from './RunCharts.tsx';
import { RunControls } from './RunControls.tsx';
import { RunSettings } from './RunSettings.tsx';
import { useCheckpointList } from './useCheckpointList.ts';
import { useTrainingData } from './useTrainingData.ts';
import { useTrainRun } from './useTrainRun.ts';
import { isBusy } from './view.ts';
import './train.css';

export function TrainPanel() {
  const [exp] = useExperiment();
  const python = usePythonStatus();
  const list = useCheckpointList();
  const data = useTrainingData(exp.train);
  const run = useTrainRun(exp.train, exp.seed, data, list);
  const actions = checkpointActions(run, data, list);
  const { view } = run;
  const busy = isBusy(view);
  const saveBlocked = view.phase === 'running' ? 'Pause the run to save it under a name.'
    : !view.run?.resumable ? 'Start a run, or load a resumable checkpoint, to save it under a name.' : null;

  return (
    <div className="train">
      <h2>Train</h2>
      <p className="hint">
        A small transformer learns to write the story of a program&apos;s run and its output (or, with <em>direct</em>, the
        output alone). Training runs in this tab on <strong>{view.backend || '…'}</strong>; it is saved in this browser every few
        steps and resumes after a reload.
      </p>
      <RunSettings busy={busy} backend={view.backend} onBackendChange={() => run.dispatch({ type: 'phase', phase: 'starting' })} />
      <DataSource busy={busy} data={data} onSwitch={(choice) => void run.switchData(choice)} />
      <RunControls run={run} autosaved={list.autosaved} resumeSaved={() => void actions.resumeSaved()} />
      {list.problem && <p className="banner banner-error" role="alert" data-testid="storage-problem">{list.problem}</p>}
      <div hidden data-testid="train-series" data-phase={view.phase} data-backend={view.backend} data-losses={JSON.stringify(view.loss.ys)}
        data-workers={view.workers?.used ?? ''} data-peer-shards={view.progress?.peerShards ?? ''} data-tokens-per-s={JSON.stringify(view.tokensPerS)} />
      <RunCharts view={view} />
      <Predictions predictions={view.predictions} python={python} />
      <Checkpoints entries={list.entries} loadedId={view.loadedId} busy={busy} saveBlocked={saveBlocked}
        defaultName={view.run ? `${view.run.preset} run, step ${view.run.step}` : 'my run'} usage={list.usage} actions={actions} />
    </div>
  );
}

// The Train panel's "Run settings": model size, steps, learning rate, batch, backend and CPU workers, each a
// field of the experiment's `train` slice (so a link carries them). How many CPU workers a run really uses is
// decided in one place (src/train/run-config.ts, effectiveWorkers); the note under the fields says it.
import { rangeOf } from '../../../experiment/slice.ts';
import { TRAIN_BACKENDS, TRAIN_PRESETS, trainSlice, type TrainState } from '../../../experiment/slices/train.ts';
import { effectiveWorkers } from '../../../train/run-config.ts';
import { NumberField } from '../../NumberField.tsx';
import { useExperiment } from '../../state.ts';
import { plural } from './messages.ts';

const WORKERS_HELP = 'Each step\'s batch is split between the CPU workers, each computes its part\'s gradient, and the '
  + 'gradients are averaged: the same step, done in parallel. Faster for long sequences and large batches; on WebGPU '
  + 'one worker drives the GPU.';

export function RunSettings({ busy, backend, onBackendChange }: {
  busy: boolean;
  /** The backend the worker initialised ('' while it starts). */
  backend: string;
  /** Called before the backend setting changes (the worker then restarts on the new one). */
  onBackendChange(): void;
}) {
  const [exp, update] = useExperiment();
  const cfg = exp.train;
  const set = (patch: Partial<TrainState>) => update('train', patch);
  const cores = Math.max(1, navigator.hardwareConcurrency || 1);
  const workersNote = backend === 'webgpu' ? 'On WebGPU: 1.'
    : `This device has ${plural(cores, 'core')}; a run on ${backend || 'this backend'} with batch ${cfg.batch} uses `
      + `${effectiveWorkers(cfg.workers, { cores, backend, batch: cfg.batch })}.`;
  return (
    <fieldset className="train-config" disabled={busy}>
      <legend>Run settings</legend>
      <label>Model <select value={cfg.preset} onChange={(e) => set({ preset: e.target.value as TrainState['preset'] })}>
        {TRAIN_PRESETS.map((p) => <option key={p}>{p}</option>)}</select></label>
      <NumberField label="Steps" value={cfg.steps} {...rangeOf(trainSlice, 'steps')} onValue={(steps) => set({ steps })} />
      <NumberField label="Learning rate" value={cfg.lr} {...rangeOf(trainSlice, 'lr')} step={0.0005} onValue={(lr) => set({ lr })} />
      <NumberField label="Batch" value={cfg.batch} {...rangeOf(trainSlice, 'batch')} onValue={(batch) => set({ batch })} />
      <label>Backend <select value={cfg.backend} onChange={(e) => { onBackendChange(); set({ backend: e.target.value as TrainState['backend'] }); }}>
        {TRAIN_BACKENDS.map((b) => <option key={b}>{b}</option>)}</select></label>
      <NumberField title={WORKERS_HELP} label="CPU workers" value={cfg.workers} {...rangeOf(trainSlice, 'workers')}
        describedBy="train-workers-note" onValue={(workers) => set({ workers })} />
      <p id="train-workers-note" className="muted small train-note" data-testid="train-workers-note">
        {WORKERS_HELP} {workersNote}
      </p>
    </fieldset>
  );
}

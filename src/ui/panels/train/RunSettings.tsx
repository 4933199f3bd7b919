// The Train panel's "Run settings": model size, steps, learning rate, batch, backend and CPU workers, each a
// field of the experiment's `train` slice (so a link carries them). How many CPU workers a run really uses is
// decided in one place (src/train/run-config.ts, effectiveWorkers); the note under the fields says it.
import { MAX_TRAIN_WORKERS, TRAIN_BACKENDS, TRAIN_PRESETS, type TrainState } from '../../../experiment/slices/train.ts';
import { effectiveWorkers } from '../../../train/run-config.ts';
import { useExperiment } from '../../state.ts';
import { plural } from './messages.ts';

const WORKERS_HELP = 'Each step\'s batch is split between the CPU workers, each computes its part\'s gradient, and the '
  + 'gradients are averaged: the same step, done in parallel. Faster for long sequences and large batches; on WebGPU '
  + 'one worker drives the GPU.';

/** A whole number typed in a field, at least 1 (and at most `max`). */
const count = (text: string, max = Infinity) => Math.min(max, Math.max(1, Number(text) | 0));

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
      <label>Steps <input type="number" min={1} value={cfg.steps} onChange={(e) => set({ steps: count(e.target.value) })} /></label>
      <label>Learning rate <input type="number" step="0.0005" min={0} value={cfg.lr} onChange={(e) => set({ lr: Number(e.target.value) || cfg.lr })} /></label>
      <label>Batch <input type="number" min={1} max={256} value={cfg.batch} onChange={(e) => set({ batch: count(e.target.value) })} /></label>
      <label>Backend <select value={cfg.backend} onChange={(e) => { onBackendChange(); set({ backend: e.target.value as TrainState['backend'] }); }}>
        {TRAIN_BACKENDS.map((b) => <option key={b}>{b}</option>)}</select></label>
      <label title={WORKERS_HELP}>CPU workers <input type="number" min={1} max={MAX_TRAIN_WORKERS} value={cfg.workers}
        aria-describedby="train-workers-note" onChange={(e) => set({ workers: count(e.target.value, MAX_TRAIN_WORKERS) })} /></label>
      <p id="train-workers-note" className="muted small train-note" data-testid="train-workers-note">
        {WORKERS_HELP} {workersNote}
      </p>
    </fieldset>
  );
}

// The Train panel's settings (the experiment's `train` slice) as what the train worker is told: the one place
// the page turns its URL state into a run config (src/train/run-config.ts). The worker never sees the slice.
import type { TrainState } from '../../../experiment/slices/train.ts';
import type { RunConfig } from '../../../train/run-config.ts';

/** A new run's config, and the CPU workers each run call asks for (the worker decides how many it uses). */
export function runSettingsOf(train: TrainState, seed: number): { config: RunConfig; workers: number } {
  return { config: { preset: train.preset, steps: train.steps, lr: train.lr, batch: train.batch, seed }, workers: train.workers };
}

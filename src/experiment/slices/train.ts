// The Train stage's part of the experiment: everything that decides a training run, so a link reproduces it
// (same backend, same data and the experiment's seed give the same run). The seed is the experiment's
// top-level one (src/experiment/state.ts): the slice keeps none of its own.
import { defineSlice, enumField, intField, numberField } from '../slice.ts';

export const TRAIN_PRESETS = ['nano', 'micro', 'tiny'] as const;
export const TRAIN_DATA = ['sample', 'built', 'file'] as const;
export const TRAIN_GRANULARITIES = ['detailed', 'iterations', 'direct'] as const;
export const TRAIN_BACKENDS = ['auto', 'webgpu', 'wasm', 'cpu'] as const;

export interface TrainState {
  /** Model size (src/model/gpt.ts PRESETS); `nano` trains at a useful pace in a tab. */
  preset: (typeof TRAIN_PRESETS)[number];
  /**
   * `sample`: the small dataset shipped with the page; `built`: the dataset built in the Data panel (a link
   * carries its config and seed, so it rebuilds the same rows); `file`: a JSONL file the visitor picks (not in links).
   */
  data: (typeof TRAIN_DATA)[number];
  /** Target with a step-by-step story, or the answer only: the paper's comparison. */
  granularity: (typeof TRAIN_GRANULARITIES)[number];
  steps: number;
  lr: number;
  batch: number;
  /** `auto` tries webgpu, then wasm, then cpu, and keeps the first that initialises. */
  backend: (typeof TRAIN_BACKENDS)[number];
  /**
   * CPU workers asked to share each step on wasm/cpu (the batch is split, gradients averaged): 2 uses both cores
   * of a laptop. A run uses at most the device's cores and the batch, and one on webgpu (effectiveWorkers).
   */
  workers: number;
}

/** Most workers a link may ask for; how many a step uses is decided by src/train/run-config.ts (effectiveWorkers). */
export const MAX_TRAIN_WORKERS = 16;

export const trainSlice = defineSlice<TrainState>(
  'train',
  { preset: 'nano', data: 'sample', granularity: 'detailed', steps: 500, lr: 3e-3, batch: 8, backend: 'auto',
    workers: 2 },
  {
    preset: enumField(TRAIN_PRESETS),
    data: enumField(TRAIN_DATA),
    granularity: enumField(TRAIN_GRANULARITIES),
    steps: intField(1, 1_000_000),
    lr: numberField(1e-6, 1),
    batch: intField(1, 256),
    backend: enumField(TRAIN_BACKENDS),
    workers: intField(1, MAX_TRAIN_WORKERS),
  },
);

// What the train worker is told to start and to run: a run config of its own, not the page's URL slice (the
// Train panel converts its slice into this in one function, src/ui/panels/train/settings.ts). Each decision
// about a page run is made once, here: its block size, positions and learning-rate floor (the rest of the
// schedule, warm-up included, is defaultTrainConfig's), and how many CPU workers a step really uses.
import type { PresetName } from '../model/gpt.ts';
import type { defaultTrainConfig } from './trainer.ts';

/** A new run in the page. The values come from the page's settings; none has a default here. */
export interface RunConfig {
  /** Model size (src/model/gpt.ts PRESETS). */
  preset: PresetName;
  steps: number;
  /** Peak learning rate; the cosine schedule decays it to a tenth. */
  lr: number;
  /** Sequences per step, split between the CPU workers. */
  batch: number;
  /** The experiment's seed: initialisation and data order derive from it. */
  seed: number;
}

/** One call of the worker's `run`: how far it goes and who shares its steps (both may change between calls). */
export interface RunOptions {
  /** 1 for the Step button; absent: until paused, stopped or done. */
  maxSteps?: number;
  /** CPU workers asked for (this worker and its gradient peers); `effectiveWorkers` decides how many are used. */
  workers: number;
  /**
   * Set to non-zero by the page to pause: read between steps and between generated tokens, where a pause
   * message could not be read (wasm computes without yielding). Needs cross-origin isolation; optional.
   */
  stopFlag?: Int32Array;
}

/** Tokens per example in a page run (its position table's size); longer examples are left out. */
export const PAGE_BLOCK_SIZE = 256;

/** The trainer's config for a new page run: defaultTrainConfig's schedule with the page's choices. */
export function trainOverrides(c: RunConfig): NonNullable<Parameters<typeof defaultTrainConfig>[0]> {
  // Learned positions in the page for now: a rotary nano run diverged on WebGPU (SwiftShader) in the e2e test
  // (loss ~5e18 after 4 steps) while it trains on wasm; not yet understood (docs/model.md).
  return { preset: c.preset, pos: 'learned', seed: c.seed, batchSize: c.batch, blockSize: PAGE_BLOCK_SIZE, steps: c.steps,
    optim: { lr: c.lr, minLr: c.lr / 10 } };
}

/**
 * The CPU workers a step really uses: at most the device's cores and the batch (a shard needs a sequence), and
 * one on webgpu (one GPU). The one place this is decided: the worker starts that many, the panel says so.
 */
export function effectiveWorkers(workers: number, o: { cores: number; backend: string; batch: number }): number {
  if (o.backend === 'webgpu') return 1;
  return Math.max(1, Math.min(workers, Math.max(1, o.cores), o.batch));
}

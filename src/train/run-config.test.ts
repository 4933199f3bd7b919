import { describe, expect, it } from 'vitest';
import { trainSlice } from '../experiment/slices/train.ts';
import { defaultTrainConfig } from './trainer.ts';
import { effectiveWorkers, PAGE_BLOCK_SIZE, trainOverrides } from './run-config.ts';

describe('effectiveWorkers', () => {
  it('uses both cores by default on a CPU backend, one on webgpu or a one-core device', () => {
    const d = trainSlice.defaults.workers;
    expect(effectiveWorkers(d, { cores: 2, backend: 'wasm', batch: 8 })).toBe(2);
    expect(effectiveWorkers(d, { cores: 8, backend: 'cpu', batch: 8 })).toBe(2);
    expect(effectiveWorkers(d, { cores: 2, backend: 'webgpu', batch: 8 })).toBe(1);
    expect(effectiveWorkers(d, { cores: 1, backend: 'wasm', batch: 8 })).toBe(1);
  });

  it('never more than the cores or the batch (a shard needs a sequence)', () => {
    expect(effectiveWorkers(8, { cores: 4, backend: 'wasm', batch: 16 })).toBe(4);
    expect(effectiveWorkers(8, { cores: 16, backend: 'wasm', batch: 3 })).toBe(3);
    expect(effectiveWorkers(8, { cores: 0, backend: 'wasm', batch: 3 })).toBe(1);
  });
});

describe('trainOverrides', () => {
  it('gives the page run the settings asked for, learned positions and a floor of a tenth of the rate', () => {
    const t = defaultTrainConfig(trainOverrides({ preset: 'micro', steps: 300, lr: 1e-3, batch: 4, seed: 7 }));
    expect(t).toMatchObject({ preset: 'micro', pos: 'learned', seed: 7, batchSize: 4, blockSize: PAGE_BLOCK_SIZE, steps: 300 });
    expect(t.optim).toMatchObject({ lr: 1e-3, minLr: 1e-4, totalSteps: 300 });
  });

  it('leaves the warm-up to the trainer’s defaults (a tenth of the steps, at most 100)', () => {
    const warmup = (steps: number) => defaultTrainConfig(trainOverrides({ preset: 'nano', steps, lr: 3e-3, batch: 8, seed: 1 }))
      .optim.warmupSteps;
    expect([warmup(4), warmup(300), warmup(5000)]).toEqual([0, 30, 100]);
    expect(trainOverrides({ preset: 'nano', steps: 300, lr: 3e-3, batch: 8, seed: 1 }).optim).not.toHaveProperty('warmupSteps');
  });
});

import { describe, expect, it } from 'vitest';
import { trainSlice } from '../../../experiment/slices/train.ts';
import { runSettingsOf } from './settings.ts';

describe('runSettingsOf', () => {
  it('gives the worker the run the settings describe, with the experiment’s seed', () => {
    const train = { ...trainSlice.defaults, preset: 'micro' as const, steps: 300, lr: 1e-3, batch: 4, workers: 3, data: 'built' as const };
    expect(runSettingsOf(train, 42)).toEqual({ config: { preset: 'micro', steps: 300, lr: 1e-3, batch: 4, seed: 42 }, workers: 3 });
  });

  it('leaves the choice of how many CPU workers a step uses to the worker (asked for, not clamped here)', () => {
    expect(runSettingsOf({ ...trainSlice.defaults, workers: 16 }, 1).workers).toBe(16);
  });
});

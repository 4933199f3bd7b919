import { describe, expect, it } from 'vitest';
import { trainSlice } from './train.ts';

describe('train slice', () => {
  it('round-trips a changed config and writes only what differs from the defaults', () => {
    const v = { ...trainSlice.defaults, preset: 'micro' as const, lr: 1e-3, backend: 'wasm' as const };
    const enc = trainSlice.encode(v);
    expect(enc).toEqual({ preset: 'micro', lr: 1e-3, backend: 'wasm' });
    expect(trainSlice.decode(enc)).toEqual(v);
  });

  it('keeps the Data panel dataset as a data source in a link', () => {
    const v = { ...trainSlice.defaults, data: 'built' as const };
    expect(trainSlice.encode(v)).toEqual({ data: 'built' });
    expect(trainSlice.decode({ data: 'built' })).toEqual(v);
    expect(trainSlice.decode({ data: 'somewhere' }).data).toBe('sample');
  });

  it('falls back field by field on a hand-edited link', () => {
    const d = trainSlice.decode({ preset: 'huge', steps: -4, batch: 32, lr: 'fast' });
    expect(d).toEqual({ ...trainSlice.defaults, batch: 32 });
    expect(trainSlice.decode('garbage')).toEqual(trainSlice.defaults);
  });

  it('keeps the CPU workers in a link and falls back to 2 on a bad value', () => {
    expect(trainSlice.defaults.workers).toBe(2);
    expect(trainSlice.encode({ ...trainSlice.defaults, workers: 4 })).toEqual({ workers: 4 });
    expect(trainSlice.decode({ workers: 4, batch: 16 })).toEqual({ ...trainSlice.defaults, workers: 4, batch: 16 });
    for (const bad of [0, -1, 2.5, 17, '3', null]) expect(trainSlice.decode({ workers: bad, lr: 1e-3 })).toEqual({ ...trainSlice.defaults, lr: 1e-3 });
  });
});

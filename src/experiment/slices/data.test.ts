import { describe, expect, it } from 'vitest';
import { dataSlice } from './data.ts';

describe('data slice', () => {
  it('round-trips a config and writes only what differs from the defaults', () => {
    const v = { ...dataSlice.defaults, levels: [2, 5] as (2 | 5)[], n: 500, granularity: 'compressed' as const };
    expect(dataSlice.decode(dataSlice.encode(v))).toEqual(v);
    expect(dataSlice.encode(dataSlice.defaults)).toEqual({});
  });

  it('falls back field by field on a hand-edited link', () => {
    const d = dataSlice.decode({ levels: [1, 9], n: -3, granularity: 'prose', sample: 2.5, maxSteps: 50 });
    expect(d).toEqual({ ...dataSlice.defaults, maxSteps: 50 });
    expect(dataSlice.decode('nonsense')).toEqual(dataSlice.defaults);
    expect(dataSlice.decode({ levels: [3, 1, 3] }).levels).toEqual([1, 3]);
  });

  it('has no seed of its own: the experiment\'s top-level seed is the only one', () => {
    expect('seed' in dataSlice.defaults).toBe(false);
    expect(dataSlice.decode({ seed: 9, n: 5 })).toEqual({ ...dataSlice.defaults, n: 5 });
  });
});

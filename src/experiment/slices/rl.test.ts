import { describe, expect, it } from 'vitest';
import { rlSlice } from './rl.ts';

describe('rl slice', () => {
  it('has the defaults a first run in a tab wants: the shipped model, G = 8, 2 programs a step, lr 1e-4', () => {
    expect(rlSlice.defaults).toMatchObject({ start: 'shipped', group: 8, prompts: 2, lr: 1e-4, reward: 'exact', backend: 'auto' });
  });

  it('round-trips a changed config and writes only what differs from the defaults', () => {
    const v = { ...rlSlice.defaults, start: 'shipped:direct-sft', group: 4, kl: 0, reward: 'partial' as const, backend: 'wasm' as const };
    const enc = rlSlice.encode(v);
    expect(enc).toEqual({ start: 'shipped:direct-sft', group: 4, kl: 0, reward: 'partial', backend: 'wasm' });
    expect(rlSlice.decode(enc)).toEqual(v);
  });

  it('reads the starting models it knows and nothing else', () => {
    for (const start of ['shipped', 'untrained', 'shipped:rl', 'shipped:trace-sft']) expect(rlSlice.decode({ start }).start).toBe(start);
    for (const start of ['shipped:', 'shipped:../x', 'models/x/', 'Shipped', 7]) expect(rlSlice.decode({ start }).start).toBe('shipped');
  });

  it('falls back field by field on a hand-edited link', () => {
    const d = rlSlice.decode({ group: 1, prompts: 3, temperature: 0, lr: -1, kl: 0, reward: 'vibes', maxTokens: 12, programs: 'scripts' });
    expect(d).toEqual({ ...rlSlice.defaults, prompts: 3, kl: 0, maxTokens: 12, programs: 'scripts' });
    expect(rlSlice.decode({ group: 17 }).group).toBe(8);
    expect(rlSlice.decode({ group: 16 }).group).toBe(16);
    expect(rlSlice.decode(null)).toEqual(rlSlice.defaults);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_REPAIR } from '../../repair/loop.ts';
import { decodeHash, defaultState, encodeHash } from '../state.ts';
import { repairSlice } from './repair.ts';

describe('repair slice', () => {
  it('opens on the first task and its first really failing candidate, with npm run repair\'s turns and neighbours', () => {
    expect(repairSlice.defaults).toEqual({ task: '', candidate: '', model: '', turns: DEFAULT_REPAIR.turns, neighbours: DEFAULT_REPAIR.neighbours,
      samples: 1, temperature: 0.8 });
  });

  it('round-trips through a link with the section and the seed, writing only what differs', () => {
    const v = { ...repairSlice.defaults, task: 'clamp', candidate: 'bug1', turns: 2, neighbours: 2, samples: 4, temperature: 0.5 };
    expect(repairSlice.encode(v)).toEqual({ task: 'clamp', candidate: 'bug1', turns: 2, neighbours: 2, samples: 4, temperature: 0.5 });
    const s = defaultState();
    s.section = 'repair';
    s.seed = 7;
    s.repair = v;
    expect(decodeHash('#' + encodeHash(s))).toEqual({ section: 'repair', state: s });
    expect(decodeHash('#repair')).toEqual({ section: 'repair' });
  });

  it('falls back field by field on a hand-edited link', () => {
    expect(repairSlice.decode({ turns: 99, neighbours: 0, task: 3, candidate: 'mut2' }))
      .toEqual({ ...repairSlice.defaults, candidate: 'mut2' });
    expect(repairSlice.decode({ turns: 0, neighbours: 24 })).toMatchObject({ turns: 0, neighbours: 24 });
    expect(repairSlice.decode({ samples: 9, temperature: 0 })).toMatchObject({ samples: 1, temperature: 0.8 });
    expect(repairSlice.decode(null)).toEqual(repairSlice.defaults);
  });
});

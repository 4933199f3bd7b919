import { describe, expect, it } from 'vitest';
import { decodeHash, defaultState, encodeHash } from '../state.ts';
import { rankSlice } from './rank.ts';

describe('rank slice', () => {
  it('opens on the first task with the story model, one greedy sample', () => {
    expect(rankSlice.defaults).toEqual({ task: '', model: '', samples: 1, temperature: 0.8 });
  });

  it('round-trips through a link with the section and the seed, writing only what differs', () => {
    const v = { ...rankSlice.defaults, task: 'clamp', samples: 4 };
    expect(rankSlice.encode(v)).toEqual({ task: 'clamp', samples: 4 });
    const s = defaultState();
    s.section = 'rank';
    s.seed = 42;
    s.rank = { ...v, temperature: 1.2 };
    expect(decodeHash('#' + encodeHash(s))).toEqual({ section: 'rank', state: s });
    expect(decodeHash('#rank')).toEqual({ section: 'rank' });
  });

  it('falls back field by field on a hand-edited link', () => {
    expect(rankSlice.decode({ samples: 9, temperature: 0, task: 7, model: 'models/direct-sft/' }))
      .toEqual({ ...rankSlice.defaults, model: 'models/direct-sft/' });
    expect(rankSlice.decode({ samples: 8, temperature: 2 })).toMatchObject({ samples: 8, temperature: 2 });
    expect(rankSlice.decode('x')).toEqual(rankSlice.defaults);
  });
});

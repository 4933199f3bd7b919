import { describe, expect, it } from 'vitest';
import { rlSlice } from '../../../experiment/slices/rl.ts';
import type { ShippedModel } from '../../../train/manifest.ts';
import { rlChoicesOf, rowsOf, startChoices, startOf } from './settings.ts';

const model = (name: string, role: ShippedModel['role']): ShippedModel => ({ name, role, path: `${role}/`, tokens: 1, recipe: '',
  resumable: false });
const shipped = [{ id: 'shipped', model: model('Story model', 'trace-sft') }, { id: 'shipped:direct-sft', model: model('Answer-only model', 'direct-sft') }];

describe('RL settings', () => {
  it('become the worker’s choices, with the experiment’s seed', () => {
    expect(rlChoicesOf({ ...rlSlice.defaults, maxTokens: 24, group: 2 }, 9)).toEqual({ group: 2, prompts: 2, temperature: 1,
      lr: 1e-4, kl: 0.02, reward: 'exact', maxNewTokens: 24, steps: 20, seed: 9 });
  });

  it('offer each shipped model, then the untrained one of the first model’s shape', () => {
    const choices = startChoices(shipped);
    expect(choices.map((c) => c.value)).toEqual(['shipped', 'shipped:direct-sft', 'untrained']);
    expect(startOf('untrained', choices)).toMatchObject({ checkpoint: 'shipped', fresh: true,
      from: 'the untrained model (fresh weights, shape and tokenizer of Story model)' });
    expect(startOf('shipped:direct-sft', choices)).toMatchObject({ checkpoint: 'shipped:direct-sft', fresh: false,
      from: 'Answer-only model (shipped, direct-sft)' });
    // A link naming a role this page does not ship starts from the first model.
    expect(startOf('shipped:rl', choices).value).toBe('shipped');
  });

  it('filter the rows to scripts when asked', () => {
    expect(rowsOf({ programs: 'scripts' }).filter).toEqual({ mode: 'program' });
    expect(rowsOf({ programs: 'all' }).filter).toEqual({});
  });
});

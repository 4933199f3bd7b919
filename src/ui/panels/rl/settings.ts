// From the RL panel's settings (the experiment's `rl` slice and seed) to what the RL worker is told: the run's
// choices (src/rl/run-events.ts RlChoices), the checkpoint it starts from, and the rows it trains on. Pure.
import { RL_SHIPPED, RL_UNTRAINED, type RlSettings } from '../../../experiment/slices/rl.ts';
import type { RlChoices } from '../../../rl/run-events.ts';
import type { ShippedModel } from '../../../train/manifest.ts';

/** The shipped sample RL trains on: its training split (the detailed stories carry the real story for `partial`). */
export const RL_SAMPLE = 'model/sample-detailed.jsonl';

export function rlChoicesOf(s: RlSettings, seed: number): RlChoices {
  return { group: s.group, prompts: s.prompts, temperature: s.temperature, lr: s.lr, kl: s.kl, reward: s.reward,
    maxNewTokens: s.maxTokens, steps: s.steps, seed };
}

/** A choice of starting model: the shipped checkpoint whose files it takes, and whether its weights are fresh. */
export interface StartChoice {
  /** The setting's value: `shipped`, `shipped:ROLE` or `untrained`. */
  value: string;
  /** In the menu. */
  label: string;
  /** The shipped checkpoint (src/ui/panels/train/shipped.ts ids: `shipped`, `shipped:ROLE`). */
  checkpoint: string;
  fresh: boolean;
  /** What the run started from, in words (kept in the RL checkpoint). */
  from: string;
}

/** The shipped models (ids as shipped.ts gives them, the first `shipped`), then the untrained model of the first's shape. */
export function startChoices(models: readonly { id: string; model: ShippedModel }[]): StartChoice[] {
  const choices = models.map(({ id, model }) => ({ value: id, label: `${model.name} (shipped, ${model.role})`, checkpoint: id,
    fresh: false, from: `${model.name} (shipped, ${model.role})` }));
  const first = models[0]?.model.name ?? 'the shipped model';
  return [...choices, { value: RL_UNTRAINED, label: `Untrained (fresh weights, ${first}'s shape)`, checkpoint: RL_SHIPPED,
    fresh: true, from: `the untrained model (fresh weights, shape and tokenizer of ${first})` }];
}

/** The choice a setting names; a role no longer shipped falls back to the first model. */
export function startOf(value: string, choices: readonly StartChoice[]): StartChoice {
  return choices.find((c) => c.value === value) ?? choices.find((c) => c.value === RL_SHIPPED) ?? choices[0]!;
}

/** The rows the settings train on: a filter for the worker, and what they are in words. */
export function rowsOf(s: Pick<RlSettings, 'programs'>): { filter: { mode?: 'program' }; label: string } {
  return s.programs === 'scripts' ? { filter: { mode: 'program' }, label: 'the shipped sample’s scripts (stdin programs)' }
    : { filter: {}, label: 'the shipped sample' };
}


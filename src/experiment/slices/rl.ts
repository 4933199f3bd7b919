// The RL stage's part of the experiment: what decides a run of reinforcement learning in the page, so a link
// reproduces it (same start, rows, settings and the experiment's seed give the same run). The seed is the
// experiment's top-level one: the slice keeps none of its own. The worker gets these as an RlConfig
// (src/ui/panels/rl/settings.ts converts).
import { REWARDS, type RewardName } from '../../rl/reward.ts';
import { defineSlice, enumField, intField, numberField, type FieldCodec } from '../slice.ts';

export const RL_BACKENDS = ['auto', 'webgpu', 'wasm', 'cpu'] as const;
export const RL_PROGRAMS = ['all', 'scripts'] as const;
/** The model the notebook opens with (the first shipped one). */
export const RL_SHIPPED = 'shipped';
/** The shipped model's shape and tokenizer with fresh weights: RL without SFT first. */
export const RL_UNTRAINED = 'untrained';

export interface RlSettings {
  /** `shipped` (the first shipped model), `shipped:ROLE` (another of public/models/index.json) or `untrained`. */
  start: string;
  /**
   * The shipped sample's training rows: `all`, or `scripts` only (programs that read stdin and print), whose
   * stories the Explorer sets beside the real run step by step (a call's story tells another run than its script's).
   */
  programs: (typeof RL_PROGRAMS)[number];
  /** Stories written per program (G): their rewards are compared within the group. */
  group: number;
  /** Programs per step. */
  prompts: number;
  temperature: number;
  lr: number;
  /** Pull towards the starting model; 0 = none (the distance is still measured). */
  kl: number;
  reward: RewardName;
  steps: number;
  /** Longest story, in tokens. */
  maxTokens: number;
  backend: (typeof RL_BACKENDS)[number];
}

export const MAX_GROUP = 16;

/** `shipped`, `shipped:ROLE` (a manifest role: lower case, digits, dashes) or `untrained`. */
export function startField(): FieldCodec<string> {
  return {
    encode: (v) => v,
    decode: (raw) => (typeof raw === 'string' && /^(?:shipped(?::[a-z0-9][a-z0-9-]{0,40})?|untrained)$/.test(raw) ? raw : undefined),
  };
}

export const rlSlice = defineSlice<RlSettings>(
  'rl',
  { start: RL_SHIPPED, programs: 'all', group: 8, prompts: 2, temperature: 1, lr: 1e-4, kl: 0.02, reward: 'exact', steps: 20,
    maxTokens: 320, backend: 'auto' },
  {
    start: startField(),
    programs: enumField(RL_PROGRAMS),
    group: intField(2, MAX_GROUP),
    prompts: intField(1, 16),
    temperature: numberField(0.05, 3),
    lr: numberField(0, 0.1),
    kl: numberField(0, 10),
    reward: enumField(REWARDS),
    steps: intField(1, 100_000),
    maxTokens: intField(1, 1024),
    backend: enumField(RL_BACKENDS),
  },
);

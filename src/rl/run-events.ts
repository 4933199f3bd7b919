// What the RL worker tells the page: the run it holds (RlInfo) and what happens as it runs (RlEvent). Types
// only, so the page's pure modules and their tests typecheck without the worker's backends.
import type { RlConfig, RlLog } from './grpo.ts';

/**
 * What the page chooses of a run (from its settings and the experiment's seed); the worker fills in the rest of
 * the algorithm's configuration from DEFAULT_RL (clip, updates, advantage scaling).
 */
export type RlChoices = Pick<RlConfig, 'group' | 'prompts' | 'temperature' | 'lr' | 'kl' | 'reward' | 'maxNewTokens' | 'steps' | 'seed'>;

/** One step's figures, as kept in the run's history (the log without its rollouts). */
export type RlFigures = Omit<RlLog, 'rollouts'>;

/** A row a step trained on, as the rollout viewer shows it: the program and what really happened. */
export interface RlRowView {
  id: string;
  level: number;
  prompt: string;
  /** The real output. */
  output: string;
  mode?: 'call' | 'program';
}

export interface RlInfo {
  /** Steps done. */
  step: number;
  steps: number;
  config: RlConfig;
  /** The model RL started from, in words. */
  from: string;
  params: number;
  history: RlFigures[];
  /** The rows it trains on: how many, and what they are (for people). */
  rows: number;
  dataLabel: string;
}

export type RlEvent =
  | { kind: 'state'; state: 'running' | 'paused' | 'done'; step: number; steps: number }
  /** A step ended: its log (rollouts included), its rows, the live tensor count and its wall time. */
  | { kind: 'step'; log: RlLog; rows: RlRowView[]; steps: number; numTensors: number; ms: number }
  | { kind: 'saved'; step: number }
  | { kind: 'save-failed'; step: number; message: string };

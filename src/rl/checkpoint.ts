// RL checkpoints: the SFT checkpoint format (config.json, tokenizer.json, model.safetensors,
// optimizer.safetensors), so every reader of checkpoints can load an RL model, plus an `rl` section in config.json
// (the RL settings, step and history) and the frozen reference's weights (reference.safetensors), so a run resumes
// exactly without the starting checkpoint at hand.
import { countParams, initParams, type Params } from '../model/gpt.ts';
import { encodeSafetensors, type NamedArray } from '../model/safetensors.ts';
import { Tokenizer } from '../tokenise/tokenizer.ts';
import { initAdam } from '../train/optim.ts';
import { loadParams, readCheckpointConfig, type CheckpointConfig, type CheckpointFiles } from '../train/trainer.ts';
import type { RlConfig, RlLog, RlState } from './grpo.ts';

export interface RlFiles extends CheckpointFiles {
  'reference.safetensors'?: Uint8Array;
}

/** What config.json's `rl` section holds. */
export interface RlSection {
  config: RlConfig;
  step: number;
  history: Omit<RlLog, 'rollouts'>[];
  /** The checkpoint RL started from, in words (a path, or "the untrained model"). */
  from: string;
}

export type RlCheckpointConfig = CheckpointConfig & { rl?: RlSection };

/**
 * The checkpoint's files with fresh weights of its shape (seeded), same tokenizer: RL from the untrained model,
 * what RL does without SFT first.
 */
export async function freshWeights(files: CheckpointFiles, seed: number): Promise<CheckpointFiles> {
  const model = readCheckpointConfig(files['config.json']).model;
  const fresh = initParams(model, seed);
  const named = await arrays(fresh);
  for (const v of Object.values(fresh)) v.dispose();
  const { 'optimizer.safetensors': _, ...rest } = files;
  return { ...rest, 'model.safetensors': encodeSafetensors(named, { format: 'pt' }) };
}

/** A new RL run from a checkpoint's weights; the same weights, frozen, are the KL reference. */
export function startRl(files: CheckpointFiles, config: RlConfig): { state: RlState; base: RlCheckpointConfig } {
  const base = readCheckpointConfig(files['config.json']) as RlCheckpointConfig;
  const tok = Tokenizer.fromJSON(JSON.parse(files['tokenizer.json']));
  const params = loadParams(base.model, files['model.safetensors']);
  // Loaded twice: the reference is a copy that the updates never touch (only `params` get gradients).
  const reference = loadParams(base.model, files['model.safetensors']);
  return { state: { model: base.model, tok, params, reference, adam: initAdam(params), config, step: 0, history: [] }, base };
}

/** Continue an RL checkpoint exactly: weights, Adam moments, reference, step and history. */
export function resumeRl(files: RlFiles): { state: RlState; base: RlCheckpointConfig; from: string } {
  const base = readCheckpointConfig(files['config.json']) as RlCheckpointConfig;
  if (!base.rl) throw new Error('this checkpoint has no RL run to resume (config.json has no "rl" section)');
  const ref = files['reference.safetensors'];
  const opt = files['optimizer.safetensors'];
  if (!ref || !opt) throw new Error('an RL checkpoint needs reference.safetensors and optimizer.safetensors to resume');
  const tok = Tokenizer.fromJSON(JSON.parse(files['tokenizer.json']));
  const params = loadParams(base.model, files['model.safetensors']);
  const state: RlState = {
    model: base.model, tok, params, reference: loadParams(base.model, ref),
    adam: { m: loadParams(base.model, opt, 'm.'), v: loadParams(base.model, opt, 'v.') },
    config: base.rl.config, step: base.rl.step, history: base.rl.history,
  };
  return { state, base, from: base.rl.from };
}

async function arrays(vars: Params, prefix = ''): Promise<Record<string, NamedArray>> {
  const out: Record<string, NamedArray> = {};
  for (const [name, v] of Object.entries(vars)) out[prefix + name] = { shape: v.shape, data: (await v.data()) as Float32Array };
  return out;
}

export async function saveRl(s: RlState, base: RlCheckpointConfig, from: string): Promise<RlFiles> {
  const config: RlCheckpointConfig = { ...base, params: countParams(s.model),
    rl: { config: s.config, step: s.step, history: s.history, from } };
  return {
    'config.json': JSON.stringify(config, null, 1),
    'tokenizer.json': JSON.stringify(s.tok.toJSON()),
    'model.safetensors': encodeSafetensors(await arrays(s.params), { format: 'pt', rl_step: String(s.step) }),
    'optimizer.safetensors': encodeSafetensors({ ...(await arrays(s.adam.m, 'm.')), ...(await arrays(s.adam.v, 'v.')) },
      { rl_step: String(s.step) }),
    'reference.safetensors': encodeSafetensors(await arrays(s.reference), { format: 'pt' }),
  };
}

export function disposeRl(s: RlState): void {
  const all = [s.params, s.reference, s.adam.m, s.adam.v].flatMap((p) => Object.values(p));
  for (const v of all) v.dispose();
}

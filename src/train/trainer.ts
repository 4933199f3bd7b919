// SFT training state and one step, shared by `npm run train`, the train worker and the tests.
// The loop itself stays in the callers (a plain visible loop, nanoGPT style); this file holds what they share:
// the state, `trainStep`, and checkpoints that resume exactly (weights, Adam moments, step, data-order RNG).
import * as tf from '@tensorflow/tfjs-core';
import { countParams, initParams, lossFn, paramShapes, PRESETS, type GPTConfig, type Params,
  type PosEncoding, type PresetName } from '../model/gpt.ts';
import { decodeSafetensors, encodeSafetensors, type NamedArray } from '../model/safetensors.ts';
import { Tokenizer } from '../tokenise/tokenizer.ts';
import { Sampler, makeBatch, type Batch, type Example } from './data.ts';
import { adamwUpdate, DEFAULT_OPTIM, getLr, initAdam, type AdamState, type OptimConfig } from './optim.ts';
import { CHECKPOINT_FORMAT, readCheckpointConfig, type CheckpointConfig, type CheckpointFiles } from './checkpoint-format.ts';

export interface TrainConfig {
  preset: PresetName;
  /** Position encoding (gpt.ts); absent in older checkpoints, which are `learned`. */
  pos?: PosEncoding;
  seed: number;
  batchSize: number;
  /** Position-table size and the longest example kept. */
  blockSize: number;
  steps: number;
  /** Steps over which levels are introduced easiest first; 0 = no curriculum. */
  curriculumSteps: number;
  optim: OptimConfig;
  /** Free-form provenance: data file, granularity, command line. */
  notes?: Record<string, string>;
}

/** Defaults, overridden field by field; `optim` may be overridden in part. */
export function defaultTrainConfig(
  over: Partial<Omit<TrainConfig, 'optim'>> & { optim?: Partial<OptimConfig> } = {},
): TrainConfig {
  const steps = over.steps ?? 1000;
  return {
    // Rotary positions: a learned table made copying from the prompt hard at this size (docs/model.md, the study).
    preset: 'nano', pos: 'rope', seed: 1, batchSize: 16, blockSize: 256, steps, curriculumSteps: Math.floor(steps / 4),
    ...over,
    optim: { ...DEFAULT_OPTIM, totalSteps: steps, warmupSteps: Math.min(100, Math.floor(steps / 10)), ...over.optim },
  };
}

export interface LogEntry {
  step: number;
  loss: number;
  lr: number;
  tokens: number;
  elapsedMs: number;
  /** Exact-match accuracy on the validation sample, at evaluation steps. */
  valAccuracy?: number;
}

export interface Trainer {
  model: GPTConfig;
  train: TrainConfig;
  tok: Tokenizer;
  params: Params;
  adam: AdamState;
  sampler: Sampler;
  /** Steps done so far (the next step's index). */
  step: number;
  tokensSeen: number;
  elapsedMs: number;
  history: LogEntry[];
}

export function modelConfig(train: TrainConfig, tok: Tokenizer): GPTConfig {
  // An older config without `pos` is a learned-table model, and is written back without the field.
  return { vocabSize: tok.size, blockSize: train.blockSize, ...PRESETS[train.preset],
    ...(train.pos === 'rope' ? { pos: 'rope' as const } : {}) };
}

export function createTrainer(train: TrainConfig, tok: Tokenizer, examples: Example[]): Trainer {
  const model = modelConfig(train, tok);
  const params = initParams(model, train.seed);
  // The data order gets its own seed stream, so changing the model does not reshuffle the data.
  const sampler = new Sampler(examples, train.curriculumSteps, { rng: (train.seed * 7919 + 17) >>> 0 });
  return { model, train, tok, params, adam: initAdam(params), sampler, step: 0, tokensSeen: 0, elapsedMs: 0,
    history: [] };
}

export interface StepResult {
  /** The loss as a tensor: reading it is a sync point, so callers read it only when they log. */
  loss: tf.Scalar;
  tokens: number;
  T: number;
  lr: number;
}

/** Mean target loss of one batch and its gradient per parameter name (call inside tf.tidy). */
export function batchGradients(params: Params, model: GPTConfig, batch: Batch): { loss: tf.Scalar;
  grads: Record<string, tf.Tensor> } {
  const x = tf.tensor2d(batch.x, [batch.B, batch.T], 'int32');
  const y = tf.tensor2d(batch.y, [batch.B, batch.T], 'int32');
  const mask = tf.tensor2d(batch.mask, [batch.B, batch.T], 'float32');
  const { value, grads } = tf.variableGrads(() => lossFn(params, model, x, y, mask), Object.values(params));
  // variableGrads keys gradients by tfjs's own variable names; re-key them by parameter name
  return { loss: value, grads: Object.fromEntries(Object.entries(params).map(([n, v]) => [n, grads[v.name]!])) };
}

/** Target tokens in a batch: what a shard's mean loss is weighted by when shards are combined. */
export function targetCount(batch: Batch): number {
  return batch.mask.reduce((a, m) => a + m, 0);
}

export function trainStep(s: Trainer): StepResult {
  const t0 = performance.now();
  const batch = makeBatch(s.sampler.next(s.step, s.train.batchSize), s.tok.padId);
  const lr = getLr(s.step, s.train.optim);
  const loss = tf.tidy(() => {
    const { loss, grads } = batchGradients(s.params, s.model, batch);
    adamwUpdate(s.params, grads, s.adam, s.step, lr, s.train.optim);
    return loss;
  });
  s.step++;
  s.tokensSeen += batch.tokens;
  s.elapsedMs += performance.now() - t0;
  return { loss, tokens: batch.tokens, T: batch.T, lr };
}

// ---- data parallelism: the same step with the batch split across processes or workers ----

/** One shard's result: its mean loss, target-token count and gradient (in paramShapes order). */
export interface ShardResult {
  loss: number;
  count: number;
  grads: Float32Array[];
}

/**
 * Something that computes a shard's gradient elsewhere (a child process in Node, a Web Worker in the page),
 * with the weights it is sent (paramShapes order). Implementations run `shardGradients` there. `send` resolves
 * once the request has left this thread (a pipe write in Node needs the event loop, so it must finish before
 * this thread starts its own synchronous shard); `result` resolves with the answer.
 */
export interface GradientPeer {
  send(weights: Float32Array[], batch: Batch): Promise<{ result: Promise<ShardResult> }>;
}

/** What a peer runs: `batchGradients` read back into plain arrays. */
export function shardGradients(params: Params, model: GPTConfig, batch: Batch): ShardResult {
  const names = paramShapes(model).map(([n]) => n);
  return tf.tidy(() => {
    const { loss, grads } = batchGradients(params, model, batch);
    return { loss: loss.dataSync()[0]!, count: targetCount(batch),
      grads: names.map((n) => grads[n]!.dataSync() as Float32Array) };
  });
}

/** A peer's whole job: its own copy of the model, set to the weights it is sent, then `shardGradients`. */
export function peerModel(model: GPTConfig): (weights: Float32Array[], batch: Batch) => ShardResult {
  const params = initParams(model, 0); // values are overwritten by every request's weights
  const shapes = paramShapes(model);
  return (weights, batch) => {
    tf.tidy(() => shapes.forEach(([n, shape], i) => params[n]!.assign(tf.tensor(weights[i]!, shape))));
    return shardGradients(params, model, batch);
  };
}

/** Examples split into k shards of similar lengths (the batch arrives sorted by length, so interleave). */
export function splitExamples<T>(examples: T[], k: number): T[][] {
  return Array.from({ length: k }, (_, j) => examples.filter((_, i) => i % k === j)).filter((s) => s.length);
}

/**
 * `trainStep` with the batch split between this thread and `peers`: each computes its shard's mean-loss
 * gradient at the same weights, and they are averaged weighted by target tokens, which is the whole batch's
 * gradient up to float rounding. The optimizer step happens here only. If a peer fails, the trainer is left as
 * it was before the step (nothing to undo but the batch drawn) and the error is rethrown.
 */
export async function trainStepParallel(s: Trainer, peers: GradientPeer[]): Promise<StepResult> {
  if (!peers.length) return trainStep(s);
  const t0 = performance.now();
  const before = s.sampler.state();
  const examples = s.sampler.next(s.step, s.train.batchSize);
  const [mine, ...theirs] = splitExamples(examples, peers.length + 1).map((e) => makeBatch(e, s.tok.padId));
  const names = paramShapes(s.model).map(([n]) => n);
  const weights = names.map((n) => s.params[n]!.dataSync() as Float32Array);
  let results: ShardResult[];
  try {
    const pending = await Promise.all(theirs.map((b, i) => peers[i]!.send(weights, b)));
    const own = shardGradients(s.params, s.model, mine!);
    results = [own, ...(await Promise.all(pending.map((p) => p.result)))];
  } catch (e) {
    // A peer failed: no weight changed, and with the data order put back the trainer is exactly as before the
    // step, so a checkpoint saved now resumes as if the step had never started.
    s.sampler.rewind(before);
    throw e;
  }
  const total = results.reduce((a, r) => a + r.count, 0);
  const lr = getLr(s.step, s.train.optim);
  tf.tidy(() => {
    const grads = Object.fromEntries(names.map((n, i) => [n, tf.addN(results.map((r) =>
      tf.mul(tf.tensor(r.grads[i]!, s.params[n]!.shape), r.count / Math.max(1, total))))]));
    adamwUpdate(s.params, grads, s.adam, s.step, lr, s.train.optim);
  });
  const batchTokens = [mine!, ...theirs].reduce((a, b) => a + b.tokens, 0);
  s.step++;
  s.tokensSeen += batchTokens;
  s.elapsedMs += performance.now() - t0;
  const loss = results.reduce((a, r) => a + r.loss * r.count, 0) / Math.max(1, total);
  return { loss: tf.scalar(loss), tokens: batchTokens, T: Math.max(mine!.T, ...theirs.map((b) => b.T)), lr };
}

// ---- checkpoints ----

// The format and its reader live in checkpoint-format.ts (pure, so the page can read a config without tfjs);
// re-exported for the workers and the code that imports them from here.
export { CHECKPOINT_FORMAT, readCheckpointConfig, type CheckpointConfig, type CheckpointFiles, type MeasuredResults }
  from './checkpoint-format.ts';

async function toArrays(vars: Params, prefix = ''): Promise<Record<string, NamedArray>> {
  const out: Record<string, NamedArray> = {};
  for (const [name, v] of Object.entries(vars)) out[prefix + name] = { shape: v.shape, data: (await v.data()) as Float32Array };
  return out;
}

export async function saveCheckpoint(s: Trainer, opts: { withOptimizer?: boolean } = {}): Promise<CheckpointFiles> {
  const config: CheckpointConfig = {
    format: CHECKPOINT_FORMAT, version: 1, model: s.model, train: s.train, step: s.step, tokensSeen: s.tokensSeen,
    elapsedMs: s.elapsedMs, sampler: s.sampler.state(), params: countParams(s.model), history: s.history,
  };
  const files: CheckpointFiles = {
    'config.json': JSON.stringify(config, null, 1),
    'tokenizer.json': JSON.stringify(s.tok.toJSON()),
    'model.safetensors': encodeSafetensors(await toArrays(s.params), { format: 'pt', step: String(s.step) }),
  };
  if (opts.withOptimizer ?? true) {
    files['optimizer.safetensors'] = encodeSafetensors({ ...(await toArrays(s.adam.m, 'm.')),
      ...(await toArrays(s.adam.v, 'v.')) }, { step: String(s.step) });
  }
  return files;
}

/** Params from a checkpoint's model.safetensors, checked against the config's shapes. */
export function loadParams(model: GPTConfig, bytes: Uint8Array, prefix = ''): Params {
  const { tensors } = decodeSafetensors(bytes);
  const params: Params = {};
  for (const [name, shape] of paramShapes(model)) {
    const t = tensors[prefix + name];
    if (!t) throw new Error(`checkpoint lacks tensor ${prefix + name}`);
    if (t.shape.join() !== shape.join()) throw new Error(`${name}: checkpoint shape ${t.shape} != model ${shape}`);
    params[name] = tf.variable(tf.tensor(t.data, shape), prefix === '');
  }
  return params;
}

/** Rebuild a trainer from a checkpoint; with optimizer state the next step is exactly the one never taken. */
export function resumeTrainer(files: CheckpointFiles, examples: Example[]): Trainer {
  const c = readCheckpointConfig(files['config.json']);
  const tok = Tokenizer.fromJSON(JSON.parse(files['tokenizer.json']));
  const params = loadParams(c.model, files['model.safetensors']);
  const opt = files['optimizer.safetensors'];
  const adam: AdamState = opt ? { m: loadParams(c.model, opt, 'm.'), v: loadParams(c.model, opt, 'v.') } : initAdam(params);
  return { model: c.model, train: c.train, tok, params, adam, sampler: new Sampler(examples, c.train.curriculumSteps,
    c.sampler), step: c.step, tokensSeen: c.tokensSeen, elapsedMs: c.elapsedMs, history: c.history ?? [] };
}

export function disposeTrainer(s: Trainer): void {
  for (const v of [...Object.values(s.params), ...Object.values(s.adam.m), ...Object.values(s.adam.v)]) v.dispose();
}

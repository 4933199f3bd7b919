// One step of reinforcement learning with a verifiable reward (group-relative policy optimisation), shared by
// `npm run rl` and the page's worker. For each prompt the model writes G completions (the batched KV-cache
// sampler, at a temperature); each is scored against the real output; advantage = reward - group mean
// (advantage.ts); the update maximises a clipped-ratio objective over the sampled tokens, with an optional KL
// penalty to the frozen starting model. The loop stays in the callers, as SFT's does.
//
// Log-probabilities are those of the distribution the tokens were sampled from (logits / temperature, all
// tokens, no top-k), so the ratio new/old is exact; with one update per batch (the default) it is 1 at the
// update, and the clip only acts with `updates` > 1. KL is the k3 estimator exp(r - c) - (r - c) - 1 per token
// (r: reference log-prob, c: current), always >= 0. Token-level mean over all kept completion tokens.
import * as tf from '@tensorflow/tfjs-core';
import { forward, type GPTConfig, type Params } from '../model/gpt.ts';
import { generate } from '../model/generate.ts';
import { Rng } from '../dataset/rng.ts';
import { encodePrompt } from '../tokenise/example.ts';
import type { Tokenizer } from '../tokenise/tokenizer.ts';
import { scoreSample, type Compare, type SampleScore } from '../evaluate/score.ts';
import { adamwUpdate, type AdamState, type OptimConfig } from '../train/optim.ts';
import { groupAdvantages } from './advantage.ts';
import { reward, type RewardName } from './reward.ts';

export interface RlConfig {
  /** Completions per prompt (G). */
  group: number;
  /** Prompts per step. */
  prompts: number;
  temperature: number;
  lr: number;
  /** Coefficient of the KL penalty to the reference; 0 = none (KL is still measured). */
  kl: number;
  /** Ratio clip range (PPO's epsilon). */
  clip: number;
  reward: RewardName;
  /** Divide advantages by the group's standard deviation (off by default, as in Dr. GRPO). */
  scaleByStd: boolean;
  /** Gradient updates per batch of rollouts. */
  updates: number;
  /** Longest completion, in tokens (the block also bounds it). */
  maxNewTokens: number;
  steps: number;
  seed: number;
}

export const DEFAULT_RL: RlConfig = {
  group: 8, prompts: 4, temperature: 1, lr: 1e-4, kl: 0.02, clip: 0.2, reward: 'exact', scaleByStd: false,
  updates: 1, maxNewTokens: 320, steps: 100, seed: 1,
};

/** The optimiser for RL: AdamW at a constant rate, no weight decay (a small correction of a trained model). */
export function rlOptim(c: Pick<RlConfig, 'lr' | 'steps'>): OptimConfig {
  return { lr: c.lr, minLr: c.lr, warmupSteps: 0, totalSteps: c.steps, beta1: 0.9, beta2: 0.99, eps: 1e-8,
    weightDecay: 0, gradClip: 1 };
}

/** A row RL trains on: its prompt and what really happened (the output, and the real story when there is one). */
export interface RlRow {
  id: string;
  level: number;
  prompt: string;
  output: string;
  target?: string;
}

export interface Rollout {
  rowId: string;
  level: number;
  text: string;
  score: SampleScore;
  reward: number;
  advantage: number;
  /** Tokens generated. */
  length: number;
}

/** What one step logs (the list), plus its rollouts for the viewer. */
export interface RlLog {
  step: number;
  rewardMean: number;
  accuracy: number;
  /** Share of groups whose completions' rewards differ (the others are not trained on). */
  signal: number;
  kl: number;
  entropy: number;
  responseLength: number;
  clipFraction: number;
  tokensPerS: number;
  /** Milliseconds spent sampling, scoring and updating. */
  ms: { sample: number; reward: number; update: number };
  rollouts: Rollout[];
}

export interface RlState {
  model: GPTConfig;
  tok: Tokenizer;
  params: Params;
  /** The frozen starting model (the KL reference). */
  reference: Params;
  adam: AdamState;
  config: RlConfig;
  /** Steps done (the next step's index). */
  step: number;
  history: Omit<RlLog, 'rollouts'>[];
}

/** Rows for step `step`: a seeded permutation per pass over the rows, so a resumed run draws the same ones. */
export function rowsForStep<T>(rows: readonly T[], step: number, perStep: number, seed: number): T[] {
  if (!rows.length) throw new Error('no rows to train on');
  const out: T[] = [];
  for (let i = 0; i < perStep; i++) {
    const k = step * perStep + i;
    const pass = Math.floor(k / rows.length);
    out.push(rows[permutation(rows.length, seed * 100003 + pass)[k % rows.length]!]!);
  }
  return out;
}

const permCache = new Map<string, number[]>();
function permutation(n: number, seed: number): number[] {
  const key = `${n}:${seed}`;
  let p = permCache.get(key);
  if (!p) {
    const rng = new Rng(seed);
    p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    if (permCache.size > 8) permCache.clear();
    permCache.set(key, p);
  }
  return p;
}

/** Sequences for the update: prompt + completion, right-padded; the mask covers the completion's tokens. */
interface UpdateBatch {
  x: Int32Array;
  y: Int32Array;
  mask: Float32Array;
  adv: Float32Array;
  B: number;
  T: number;
}

function updateBatch(prompts: number[][], completions: number[][], advantages: number[], pad: number): UpdateBatch {
  const B = prompts.length;
  const T = Math.max(...prompts.map((p, i) => p.length + completions[i]!.length - 1));
  const x = new Int32Array(B * T).fill(pad);
  const y = new Int32Array(B * T).fill(pad);
  const mask = new Float32Array(B * T);
  const adv = new Float32Array(B * T);
  for (let b = 0; b < B; b++) {
    const seq = [...prompts[b]!, ...completions[b]!];
    for (let t = 0; t < seq.length - 1; t++) {
      x[b * T + t] = seq[t]!;
      y[b * T + t] = seq[t + 1]!;
      if (t + 1 >= prompts[b]!.length) {
        mask[b * T + t] = 1;
        adv[b * T + t] = advantages[b]!;
      }
    }
  }
  return { x, y, mask, adv, B, T };
}

/** Per-token log-probability of y under logits / temperature, and the distribution's entropy: both [B, T]. */
export function tokenLogProbs(p: Params, cfg: GPTConfig, x: tf.Tensor2D, y: tf.Tensor2D, temperature: number):
  { logp: tf.Tensor2D; entropy: tf.Tensor2D } {
  const [B, T] = x.shape;
  const logits = tf.div(forward(p, cfg, x), Math.max(temperature, 1e-3));
  const all = tf.logSoftmax(logits); // [B*T, V]
  const oh = tf.cast(tf.oneHot(tf.reshape(y, [B * T]), cfg.vocabSize), 'float32');
  const logp = tf.reshape(tf.sum(tf.mul(all, oh), 1), [B, T]) as tf.Tensor2D;
  const entropy = tf.reshape(tf.neg(tf.sum(tf.mul(tf.exp(all), all), 1)), [B, T]) as tf.Tensor2D;
  return { logp, entropy };
}

/**
 * The GRPO objective (to minimise) for one batch: -mean over masked tokens of min(ratio A, clip(ratio) A) - kl * KL,
 * and the fraction of tokens whose ratio was clipped. `old` and `ref` are constants (no gradient).
 */
export function grpoLoss(p: Params, cfg: GPTConfig, b: { x: tf.Tensor2D; y: tf.Tensor2D; mask: tf.Tensor2D;
  adv: tf.Tensor2D; old: tf.Tensor2D; ref: tf.Tensor2D }, c: Pick<RlConfig, 'clip' | 'kl' | 'temperature'>,
  /** Tokens the mean is over (default: this batch's masked tokens). A chunk of a larger batch passes the whole
   * batch's count, so the chunks' losses (and gradients) add up to the whole batch's. */
  tokens?: number):
  { loss: tf.Scalar; clipped: tf.Scalar; kl: tf.Scalar } {
  const { logp } = tokenLogProbs(p, cfg, b.x, b.y, c.temperature);
  const ratio = tf.exp(tf.sub(logp, b.old));
  const surr = tf.minimum(tf.mul(ratio, b.adv), tf.mul(tf.clipByValue(ratio, 1 - c.clip, 1 + c.clip), b.adv));
  const d = tf.sub(b.ref, logp);
  const klTok = tf.sub(tf.sub(tf.exp(d), d), 1);
  const n = tokens === undefined ? tf.maximum(tf.sum(b.mask), 1) : tf.scalar(Math.max(tokens, 1));
  const mean = (t: tf.Tensor) => tf.div(tf.sum(tf.mul(t, b.mask)), n) as tf.Scalar;
  const loss = tf.neg(tf.sub(mean(surr), tf.mul(c.kl, mean(klTok)))) as tf.Scalar;
  const outside = tf.cast(tf.logicalOr(tf.less(ratio, 1 - c.clip), tf.greater(ratio, 1 + c.clip)), 'float32');
  return { loss, clipped: mean(outside), kl: mean(klTok) };
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Attention-map cells (rows × T²) one forward or backward pass of the update may hold. 16 rows of ~500 tokens
 * in one pass ran the wasm heap out ("memory access out of bounds" in `npm run rl` on levels 3-5), so the batch
 * is cut into chunks of rows and their gradients summed: the same update, in bounded memory. */
export const CHUNK_CELLS = 2 ** 20;

/** Rows per chunk for sequences of length T (at least one). */
export function chunkRows(T: number, cells = CHUNK_CELLS): number {
  return Math.max(1, Math.floor(cells / (T * T)));
}

/** [start, end) row ranges of at most `size` rows covering n rows. */
function chunks(n: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i += size) out.push([i, Math.min(n, i + size)]);
  return out;
}

/** One RL step on `rows` (the step's prompts): sample, score against the real outputs, update. */
export async function rlStep(s: RlState, rows: readonly RlRow[], compare: Compare,
  opts: { onToken?: () => void | Promise<void>; chunkCells?: number } = {}): Promise<RlLog> {
  const c = s.config;
  const t0 = performance.now();
  const encoded = rows.map((r) => encodePrompt(s.tok, r.prompt));
  const prompts = encoded.flatMap((p) => Array.from({ length: c.group }, () => p));
  // The step's own sampling stream: a resumed run samples exactly what the uninterrupted one would have.
  const rng = new Rng((c.seed * 2654435761 + s.step * 40503 + 1) >>> 0);
  const { tokens } = await generate(s.params, s.model, prompts, { stopId: s.tok.endId, maxNewTokens: c.maxNewTokens,
    temperature: c.temperature, topK: 0, rng, onToken: opts.onToken ? async () => { await opts.onToken!(); } : undefined });
  const t1 = performance.now();
  const texts = tokens.map((t) => s.tok.decode(t));
  const scores = await Promise.all(texts.map((text, i) => scoreSample(text, rows[Math.floor(i / c.group)]!, compare)));
  const rewards = scores.map((sc) => reward(c.reward, sc));
  const { advantages, signal } = groupAdvantages(rewards, c.group, { scaleByStd: c.scaleByStd });
  const t2 = performance.now();

  // All rollouts are measured (entropy, KL); only groups with signal are trained on.
  const all = updateBatch(prompts, tokens, advantages, s.tok.padId);
  const keep = prompts.map((_, i) => signal[Math.floor(i / c.group)]!);
  // The batch's tensors, built once for the measurement and the updates; disposed with `stats` below.
  const x = tf.tensor2d(all.x, [all.B, all.T], 'int32');
  const y = tf.tensor2d(all.y, [all.B, all.T], 'int32');
  const mask = tf.tensor2d(all.mask, [all.B, all.T]);
  const size = chunkRows(all.T, opts.chunkCells);
  const rowsOf = (t: tf.Tensor2D, [a, b]: [number, number]) => tf.slice(t, [a, 0], [b - a, all.T]) as tf.Tensor2D;
  // Measured chunk by chunk (each chunk's activations freed before the next): the sampling policy's and the
  // reference's log-probs per token, and the sums of KL and entropy over the masked tokens.
  const parts = chunks(all.B, size).map((r) => tf.tidy(() => {
    const xr = rowsOf(x, r);
    const yr = rowsOf(y, r);
    const mr = rowsOf(mask, r);
    const cur = tokenLogProbs(s.params, s.model, xr, yr, c.temperature);
    const ref = tokenLogProbs(s.reference, s.model, xr, yr, c.temperature).logp;
    const d = tf.sub(ref, cur.logp);
    return { old: cur.logp, ref, kl: tf.sum(tf.mul(tf.sub(tf.sub(tf.exp(d), d), 1), mr)) as tf.Scalar,
      entropy: tf.sum(tf.mul(cur.entropy, mr)) as tf.Scalar };
  }));
  const join = (ts: tf.Tensor2D[]) => (ts.length === 1 ? ts[0]! : tf.concat(ts));
  const stats = { old: join(parts.map((q) => q.old)), ref: join(parts.map((q) => q.ref)) };
  const maskedTokens = Math.max(1, all.mask.reduce((a, b) => a + b, 0));
  // Read asynchronously: a synchronous GPU read (dataSync) on webgpu in a worker broke the GPU instance for the
  // next read in Chromium ("A valid external Instance reference no longer exists").
  let klSum = 0;
  let entropySum = 0;
  for (const q of parts) {
    klSum += (await q.kl.data())[0]!;
    entropySum += (await q.entropy.data())[0]!;
    for (const t of [q.old, q.ref, q.kl, q.entropy]) if (t !== stats.old && t !== stats.ref) t.dispose();
  }
  const klValue = klSum / maskedTokens;
  const entropyValue = entropySum / maskedTokens;
  let clipFraction = 0;
  /** Each update's clipped fraction, read once the updates are done. */
  const clippedEach: tf.Scalar[] = [];
  if (keep.some(Boolean)) {
    const rowsKept = keep.flatMap((k, i) => (k ? [i] : []));
    const keptTokens = rowsKept.reduce((n, i) => n + all.mask.subarray(i * all.T, (i + 1) * all.T).reduce((a, b) => a + b, 0), 0);
    const advAll = tf.tensor2d(all.adv, [all.B, all.T]);
    const optim = rlOptim(c);
    for (let u = 0; u < c.updates; u++) {
      // Gradients summed over chunks of the kept rows, each chunk's loss a share of the mean over all kept tokens.
      let sum: Record<string, tf.Tensor> | undefined;
      const clippedParts: tf.Scalar[] = [];
      for (const r of chunks(rowsKept.length, size)) {
        tf.tidy(() => {
          const idx = tf.tensor1d(rowsKept.slice(r[0], r[1]), 'int32');
          const pick = (t: tf.Tensor2D) => tf.gather(t, idx) as tf.Tensor2D;
          const b = { x: pick(x), y: pick(y), mask: pick(mask), adv: pick(advAll), old: pick(stats.old), ref: pick(stats.ref) };
          const { grads } = tf.variableGrads(() => {
            const l = grpoLoss(s.params, s.model, b, c, keptTokens);
            clippedParts.push(tf.keep(l.clipped));
            return l.loss;
          }, Object.values(s.params));
          const prevSum = sum;
          sum = Object.fromEntries(Object.entries(s.params).map(([k, v]) =>
            [k, tf.keep(prevSum ? tf.add(prevSum[k]!, grads[v.name]!) : grads[v.name]!)]));
          if (prevSum) for (const t of Object.values(prevSum)) t.dispose();
        });
      }
      tf.tidy(() => {
        adamwUpdate(s.params, sum!, s.adam, s.step * c.updates + u, optim.lr, optim);
      });
      for (const t of Object.values(sum!)) t.dispose();
      clippedEach.push(tf.tidy(() => tf.addN(clippedParts) as tf.Scalar));
      for (const t of clippedParts) t.dispose();
    }
    advAll.dispose();
    const fractions = await Promise.all(clippedEach.map(async (t) => (await t.data())[0]!));
    for (const t of clippedEach) t.dispose();
    clipFraction = mean(fractions);
  }
  for (const t of [stats.old, stats.ref, x, y, mask]) t.dispose();
  const t3 = performance.now();

  const lengths = tokens.map((t) => t.length);
  const generated = lengths.reduce((a, b) => a + b, 0);
  const log: RlLog = {
    step: s.step, rewardMean: mean(rewards), accuracy: mean(scores.map((sc) => (sc.correct ? 1 : 0))),
    signal: mean(signal.map((x) => (x ? 1 : 0))), kl: klValue, entropy: entropyValue, responseLength: mean(lengths),
    clipFraction, tokensPerS: generated / ((t3 - t0) / 1000),
    ms: { sample: Math.round(t1 - t0), reward: Math.round(t2 - t1), update: Math.round(t3 - t2) },
    rollouts: texts.map((text, i) => ({ rowId: rows[Math.floor(i / c.group)]!.id, level: rows[Math.floor(i / c.group)]!.level,
      text, score: scores[i]!, reward: rewards[i]!, advantage: advantages[i]!, length: lengths[i]! })),
  };
  const { rollouts: _, ...entry } = log;
  s.history.push(entry);
  s.step++;
  return log;
}

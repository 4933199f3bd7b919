// AdamW (decoupled weight decay), global-norm gradient clipping and the learning-rate schedule.
// The moments are tf.Variables we own, so a checkpoint can save and restore them exactly.
import * as tf from '@tensorflow/tfjs-core';
import type { Params } from '../model/gpt.ts';

export interface OptimConfig {
  lr: number;
  /** Linear warm-up steps, then cosine decay to minLr at `totalSteps`. */
  warmupSteps: number;
  totalSteps: number;
  minLr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Applied to matrices only (not to norms' gains and biases), as in nanoGPT. */
  weightDecay: number;
  /** Gradients are rescaled when their global L2 norm exceeds this. */
  gradClip: number;
}

export const DEFAULT_OPTIM: Omit<OptimConfig, 'totalSteps'> = {
  lr: 2e-3, warmupSteps: 100, minLr: 2e-4, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.1, gradClip: 1,
};

export function getLr(step: number, c: OptimConfig): number {
  if (step < c.warmupSteps) return (c.lr * (step + 1)) / c.warmupSteps;
  if (step >= c.totalSteps) return c.minLr;
  const progress = (step - c.warmupSteps) / Math.max(1, c.totalSteps - c.warmupSteps);
  return c.minLr + 0.5 * (1 + Math.cos(Math.PI * progress)) * (c.lr - c.minLr);
}

export interface AdamState {
  m: Params;
  v: Params;
}

export function initAdam(params: Params): AdamState {
  const m: Params = {};
  const v: Params = {};
  for (const [name, p] of Object.entries(params)) {
    m[name] = tf.variable(tf.zerosLike(p), false);
    v[name] = tf.variable(tf.zerosLike(p), false);
  }
  return { m, v };
}

/**
 * One AdamW update of every parameter from `grads` (call inside tf.tidy). `step` is 0-based.
 * Returns the gradient norm before clipping (a tensor: reading it is the caller's choice of sync point).
 */
export function adamwUpdate(params: Params, grads: Record<string, tf.Tensor>, state: AdamState, step: number,
  lr: number, c: OptimConfig): tf.Scalar {
  const names = Object.keys(params);
  const sq = names.map((n) => tf.sum(tf.square(grads[n]!)));
  const norm = tf.sqrt(tf.addN(sq)) as tf.Scalar;
  const scale = tf.minimum(1, tf.div(c.gradClip, tf.add(norm, 1e-6)));
  const t = step + 1;
  const bc1 = 1 - c.beta1 ** t;
  const bc2 = 1 - c.beta2 ** t;
  for (const n of names) {
    const p = params[n]!;
    const g = tf.mul(grads[n]!, scale);
    const m = tf.add(tf.mul(state.m[n]!, c.beta1), tf.mul(g, 1 - c.beta1));
    const v = tf.add(tf.mul(state.v[n]!, c.beta2), tf.mul(tf.square(g), 1 - c.beta2));
    state.m[n]!.assign(m);
    state.v[n]!.assign(v);
    let update = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(v, bc2)), c.eps));
    if (p.rank >= 2 && c.weightDecay > 0) update = tf.add(update, tf.mul(p, c.weightDecay));
    p.assign(tf.sub(p, tf.mul(update, lr)));
  }
  return norm;
}

// The model: a decoder-only transformer (GPT) in TensorFlow.js, in the nanoGPT manner: one config, one params
// record, plain functions. Same code on webgpu, wasm and cpu, in the page, a worker and Node.
//
// Choices made for speed on wasm (measured, see docs/model.md and ../shared/PLATFORM.md):
// - every matmul goes through `matmul` below, whose gradient transposes explicitly and then runs plain
//   matmuls: tfjs's own gradient uses transposed-operand matmuls, ~14x slower on wasm;
// - attention runs as 3-D batched matmuls over [B*H, T, hs] rather than 4-D ones;
// - the token embedding is a one-hot matmul in training (`gather`'s gradient does not exist on wasm) and a
//   plain `gather` in generation, where no gradient is needed.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../dataset/rng.ts';

export interface GPTConfig {
  /** Number of token ids: set from the tokenizer. */
  vocabSize: number;
  /** Longest sequence (prompt + target) the model can see: the size of the learned position table. */
  blockSize: number;
  /** Transformer blocks. Depth is what lets the model chain steps of a computation. */
  nLayer: number;
  /** Attention heads per block; must divide nEmbd. */
  nHead: number;
  /** Width of the residual stream. Parameters grow as ~12 · nLayer · nEmbd². */
  nEmbd: number;
  /**
   * How the model knows where a token is: a learned table added to the input (`learned`, GPT-2; absent in
   * older checkpoints) or rotary positions applied to queries and keys (`rope`, GPT-NeoX halves, base 10000),
   * which make attention depend on relative offsets: what copying a value from the prompt needs.
   */
  pos?: PosEncoding;
}

export type PosEncoding = 'learned' | 'rope';
export const ROPE_BASE = 10000;

export type PresetName = 'nano' | 'micro' | 'tiny' | 'small';
/** Sizes without the tokenizer-dependent fields. Parameter counts in docs/model.md (vocab ~500, block 256). */
export const PRESETS: Record<PresetName, Pick<GPTConfig, 'nLayer' | 'nHead' | 'nEmbd'>> = {
  nano: { nLayer: 4, nHead: 4, nEmbd: 96 }, // ~0.5M: tests, the browser demo
  micro: { nLayer: 4, nHead: 4, nEmbd: 128 }, // ~0.9M: what one CPU core trains in an hour
  tiny: { nLayer: 6, nHead: 6, nEmbd: 192 }, // ~2.8M
  small: { nLayer: 8, nHead: 8, nEmbd: 320 }, // ~10M
};

export type Params = Record<string, tf.Variable>;

/** Parameter names and shapes, in a fixed order (init order, checkpoint order). Linear weights are [in, out]. */
export function paramShapes(cfg: GPTConfig): [string, number[]][] {
  const C = cfg.nEmbd;
  const shapes: [string, number[]][] = [['wte', [cfg.vocabSize, C]]];
  if (cfg.pos !== 'rope') shapes.push(['wpe', [cfg.blockSize, C]]);
  for (let l = 0; l < cfg.nLayer; l++) {
    const h = `h.${l}.`;
    shapes.push(
      [h + 'ln1.g', [C]], [h + 'ln1.b', [C]],
      [h + 'attn.wq', [C, C]], [h + 'attn.bq', [C]],
      [h + 'attn.wk', [C, C]], [h + 'attn.bk', [C]],
      [h + 'attn.wv', [C, C]], [h + 'attn.bv', [C]],
      [h + 'attn.wo', [C, C]], [h + 'attn.bo', [C]],
      [h + 'ln2.g', [C]], [h + 'ln2.b', [C]],
      [h + 'mlp.wi', [C, 4 * C]], [h + 'mlp.bi', [4 * C]],
      [h + 'mlp.wo', [4 * C, C]], [h + 'mlp.bo', [C]],
    );
  }
  shapes.push(['lnf.g', [C]], ['lnf.b', [C]]);
  return shapes;
}

export function countParams(cfg: GPTConfig): number {
  return paramShapes(cfg).reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0);
}

/** GPT-2 init from a seeded RNG in JS, so the same seed gives the same weights on every backend. */
export function initParams(cfg: GPTConfig, seed: number): Params {
  if (cfg.nEmbd % cfg.nHead !== 0) throw new Error(`nEmbd ${cfg.nEmbd} is not divisible by nHead ${cfg.nHead}`);
  const rng = new Rng(seed);
  const params: Params = {};
  for (const [name, shape] of paramShapes(cfg)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (name.endsWith('.g')) data.fill(1);
    else if (shape.length === 2) {
      // Residual projections are scaled down so the residual stream's variance does not grow with depth.
      const std = /\.wo$/.test(name) ? 0.02 / Math.sqrt(2 * cfg.nLayer) : 0.02;
      for (let i = 0; i < size; i++) data[i] = rng.normal() * std;
    }
    params[name] = tf.variable(tf.tensor(data, shape), true);
  }
  return params;
}

function param(p: Params, name: string): tf.Variable {
  const v = p[name];
  if (!v) throw new Error(`missing parameter ${name}`);
  return v;
}

type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

const perm = (rank: number): number[] => (rank === 2 ? [1, 0] : [0, 2, 1]);

/** a @ b for [M,K]x[K,N] or [N,M,K]x[N,K,P], with a gradient made of explicit transposes + plain matmuls. */
export const matmul = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
      return [tf.matMul(dy, tf.transpose(sb, perm(sb.rank))), tf.matMul(tf.transpose(sa, perm(sa.rank)), dy)];
    },
  };
}) as unknown as CustomGradientFunc) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** One-hot rows [N, V] times the table [V, C]; the one-hot input needs no gradient, so none is computed. */
const embedOneHot = tf.customGrad(((oh: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
  save([oh]);
  return {
    value: tf.matMul(oh as tf.Tensor2D, w as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const s = saved[0]!;
      return [tf.zerosLike(s), tf.matMul(tf.transpose(s), dy)];
    },
  };
}) as unknown as CustomGradientFunc) as (oh: tf.Tensor, w: tf.Tensor) => tf.Tensor;

function linear(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.add(matmul(x, w), b);
}

function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const xc = tf.sub(x, mean);
  const variance = tf.mean(tf.square(xc), -1, true);
  return tf.add(tf.mul(tf.mul(xc, tf.rsqrt(tf.add(variance, 1e-5))), g), b);
}

function gelu(x: tf.Tensor): tf.Tensor {
  // tanh approximation, as GPT-2
  // x*x*x rather than pow(x, 3): pow is several times slower on wasm
  const inner = tf.mul(tf.add(x, tf.mul(tf.mul(tf.mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}

/** Per layer: keys and values of all positions seen so far, [B*H, Tpast, hs]. */
export interface KVCache {
  k: tf.Tensor3D[];
  v: tf.Tensor3D[];
}

/** Rotary tables for a list of positions: cos and sin, [N, hs], each frequency used for both halves. */
export function ropeTables(positions: number[], hs: number): { cos: Float32Array; sin: Float32Array } {
  const half = hs / 2;
  const cos = new Float32Array(positions.length * hs);
  const sin = new Float32Array(positions.length * hs);
  positions.forEach((p, n) => {
    for (let i = 0; i < half; i++) {
      const a = p * ROPE_BASE ** (-(2 * i) / hs);
      cos[n * hs + i] = cos[n * hs + i + half] = Math.cos(a);
      sin[n * hs + i] = sin[n * hs + i + half] = Math.sin(a);
    }
  });
  return { cos, sin };
}

/** [hs, hs] matrix R with x @ R = concat(-x2, x1): rotate-half as one matmul (slices are slow on wasm). */
function rotateHalfMatrix(hs: number): tf.Tensor2D {
  const half = hs / 2;
  const r = new Float32Array(hs * hs);
  for (let j = 0; j < half; j++) {
    r[(j + half) * hs + j] = -1;
    r[j * hs + j + half] = 1;
  }
  return tf.tensor2d(r, [hs, hs]);
}

/** Rotary tables as tensors: [T, hs] shared by the batch (training) or [B, 1, T, hs] per row (generation). */
interface Rope {
  cos: tf.Tensor;
  sin: tf.Tensor;
  rot: tf.Tensor2D;
}

function ropeFor(positions: number[][], hs: number, shared: boolean): Rope {
  const B = positions.length;
  const T = positions[0]?.length ?? 0;
  const { cos, sin } = ropeTables(shared ? positions[0]! : positions.flat(), hs);
  const shape = shared ? [T, hs] : [B, 1, T, hs];
  return { cos: tf.tensor(cos, shape), sin: tf.tensor(sin, shape), rot: rotateHalfMatrix(hs) };
}

/** x [B*H, T, hs] rotated by its positions: x·cos + rotate_half(x)·sin. */
function applyRope(x: tf.Tensor3D, B: number, H: number, rope: Rope): tf.Tensor3D {
  const [BH, T, hs] = x.shape;
  const rotated = tf.reshape(matmul(tf.reshape(x, [BH * T, hs]), rope.rot), [BH, T, hs]);
  if (rope.cos.rank === 2) return tf.add(tf.mul(x, rope.cos), tf.mul(rotated, rope.sin)) as tf.Tensor3D;
  const x4 = tf.reshape(x, [B, H, T, hs]);
  const r4 = tf.reshape(rotated, [B, H, T, hs]);
  return tf.reshape(tf.add(tf.mul(x4, rope.cos), tf.mul(r4, rope.sin)), [BH, T, hs]) as tf.Tensor3D;
}

/** [B*T, C] -> [B*H, T, hs] */
function splitHeads(x: tf.Tensor, B: number, T: number, H: number): tf.Tensor3D {
  const hs = x.shape[1]! / H;
  return tf.reshape(tf.transpose(tf.reshape(x, [B, T, H, hs]), [0, 2, 1, 3]), [B * H, T, hs]);
}

/**
 * Causal self-attention. x: [B*T, C]. bias: additive mask, [T, Tk] (shared by the batch) or [B, T, Tk]
 * (per row: generation with left padding). With a cache, keys/values of earlier positions are prepended
 * and the new ones are stored back into it.
 */
function attention(p: Params, l: number, x: tf.Tensor, B: number, T: number, H: number, bias: tf.Tensor,
  cache?: KVCache, rope?: Rope): tf.Tensor {
  const C = x.shape[1]!;
  const hs = C / H;
  // Three projections rather than one fused [C, 3C]: splitting the fused output is a slice, slow on wasm.
  const a = `h.${l}.attn.`;
  const q = splitHeads(linear(x, param(p, a + 'wq'), param(p, a + 'bq')), B, T, H); // [B*H, T, hs]
  let k = splitHeads(linear(x, param(p, a + 'wk'), param(p, a + 'bk')), B, T, H); // [B*H, T, hs]
  let v = splitHeads(linear(x, param(p, a + 'wv'), param(p, a + 'bv')), B, T, H); // [B*H, T, hs]
  let qr = q;
  if (rope) {
    // Rotated before caching: a cached key keeps the rotation of its own position.
    qr = applyRope(q, B, H, rope);
    k = applyRope(k, B, H, rope);
  }
  if (cache) {
    const pk = cache.k[l];
    const pv = cache.v[l];
    if (pk && pv) {
      k = tf.concat([pk, k], 1); // [B*H, Tk, hs]
      v = tf.concat([pv, v], 1);
    }
    cache.k[l] = k;
    cache.v[l] = v;
  }
  const Tk = k.shape[1];
  let att = tf.mul(matmul(qr, tf.transpose(k, [0, 2, 1])), 1 / Math.sqrt(hs)); // [B*H, T, Tk]
  if (bias.rank === 2) att = tf.add(att, bias);
  else att = tf.reshape(tf.add(tf.reshape(att, [B, H, T, Tk]), tf.expandDims(bias, 1)), [B * H, T, Tk]);
  att = tf.softmax(att);
  const y = matmul(att, v); // [B*H, T, hs]
  const merged = tf.reshape(tf.transpose(tf.reshape(y, [B, H, T, hs]), [0, 2, 1, 3]), [B * T, C]); // [B*T, C]
  return linear(merged, param(p, a + 'wo'), param(p, a + 'bo'));
}

/** The transformer body on embedded input x [B*T, C]; returns normalised hidden states [B*T, C]. */
function body(p: Params, cfg: GPTConfig, x: tf.Tensor, B: number, T: number, bias: tf.Tensor,
  cache?: KVCache, rope?: Rope): tf.Tensor {
  for (let l = 0; l < cfg.nLayer; l++) {
    const h = `h.${l}.`;
    x = tf.add(x, attention(p, l, layerNorm(x, param(p, h + 'ln1.g'), param(p, h + 'ln1.b')), B, T, cfg.nHead,
      bias, cache, rope));
    const m = linear(layerNorm(x, param(p, h + 'ln2.g'), param(p, h + 'ln2.b')), param(p, h + 'mlp.wi'),
      param(p, h + 'mlp.bi')); // [B*T, 4C]
    x = tf.add(x, linear(gelu(m), param(p, h + 'mlp.wo'), param(p, h + 'mlp.bo'))); // [B*T, C]
  }
  return layerNorm(x, param(p, 'lnf.g'), param(p, 'lnf.b'));
}

/** Tied output: logits = h @ wteᵀ. [N, C] -> [N, V] */
function logitsOf(p: Params, h: tf.Tensor): tf.Tensor2D {
  return matmul(h, tf.transpose(param(p, 'wte'))) as tf.Tensor2D;
}

/** [T, T] additive causal mask: 0 where key <= query, -1e9 above the diagonal. */
export function causalBias(T: number): tf.Tensor2D {
  return tf.tidy(() => {
    const r = tf.range(0, T, 1, 'int32');
    const allowed = tf.lessEqual(tf.expandDims(r, 0), tf.expandDims(r, 1)); // [T, T]: j <= i
    return tf.where(allowed, tf.zeros([T, T]), tf.fill([T, T], -1e9)) as tf.Tensor2D;
  });
}

/** Training forward: idx [B, T] int32 (no padding on the left) -> logits [B*T, V]. */
export function forward(p: Params, cfg: GPTConfig, idx: tf.Tensor2D): tf.Tensor2D {
  const [B, T] = idx.shape;
  if (T > cfg.blockSize) throw new Error(`sequence of ${T} tokens exceeds blockSize ${cfg.blockSize}`);
  const oh = tf.cast(tf.oneHot(tf.reshape(idx, [B * T]), cfg.vocabSize), 'float32'); // [B*T, V]
  const tok = embedOneHot(oh, param(p, 'wte')); // [B*T, C]
  if (cfg.pos === 'rope') {
    const rope = ropeFor([Array.from({ length: T }, (_, i) => i)], cfg.nEmbd / cfg.nHead, true);
    return logitsOf(p, body(p, cfg, tok, B, T, causalBias(T), undefined, rope));
  }
  const pos = tf.slice(param(p, 'wpe'), [0, 0], [T, cfg.nEmbd]); // [T, C]
  const x = tf.reshape(tf.add(tf.reshape(tok, [B, T, cfg.nEmbd]), pos), [B * T, cfg.nEmbd]); // [B*T, C]
  return logitsOf(p, body(p, cfg, x, B, T, causalBias(T)));
}

/**
 * Mean next-token cross-entropy over positions where mask is 1 (the target), so the prompt costs nothing.
 * idx, targets: [B, T] int32; mask: [B, T] float32.
 */
export function lossFn(p: Params, cfg: GPTConfig, idx: tf.Tensor2D, targets: tf.Tensor2D,
  mask: tf.Tensor2D): tf.Scalar {
  const [B, T] = idx.shape;
  const logp = tf.logSoftmax(forward(p, cfg, idx)); // [B*T, V]
  const oh = tf.cast(tf.oneHot(tf.reshape(targets, [B * T]), cfg.vocabSize), 'float32'); // [B*T, V]
  const picked = tf.sum(tf.mul(logp, oh), 1); // [B*T]
  const m = tf.reshape(mask, [B * T]);
  return tf.div(tf.neg(tf.sum(tf.mul(picked, m))), tf.maximum(tf.sum(m), 1)) as tf.Scalar;
}

/**
 * Inference forward over new tokens [B, Tq] at explicit positions [B, Tq], with an additive bias [B, Tq, Tk];
 * returns logits of the last position of each row, [B, V]. With a cache, only the new tokens are computed.
 */
export function forwardStep(p: Params, cfg: GPTConfig, idx: number[][], pos: number[][], bias: tf.Tensor3D,
  cache?: KVCache): tf.Tensor2D {
  const B = idx.length;
  const T = idx[0]?.length ?? 0;
  const tok = tf.gather(param(p, 'wte'), tf.tensor1d(idx.flat(), 'int32')); // [B*T, C]
  const h = cfg.pos === 'rope'
    ? body(p, cfg, tok, B, T, bias, cache, ropeFor(pos, cfg.nEmbd / cfg.nHead, false))
    : body(p, cfg, tf.add(tok, tf.gather(param(p, 'wpe'), tf.tensor1d(pos.flat(), 'int32'))), B, T, bias, cache); // [B*T, C]
  const last = tf.reshape(tf.slice(tf.reshape(h, [B, T, cfg.nEmbd]), [0, T - 1, 0], [B, 1, cfg.nEmbd]), [B, cfg.nEmbd]);
  return logitsOf(p, last); // [B, V]
}

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from './node/backends.ts';
import { countParams, forwardStep, initParams, matmul, PRESETS, type GPTConfig } from './gpt.ts';
import { generate } from './generate.ts';
import { Rng } from '../dataset/rng.ts';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const cfg: GPTConfig = { vocabSize: 40, blockSize: 48, nLayer: 2, nHead: 2, nEmbd: 16 };

describe('GPT', () => {
  it('presets have the advertised sizes (vocab 512, block 256)', () => {
    const n = (p: keyof typeof PRESETS) => countParams({ vocabSize: 512, blockSize: 256, ...PRESETS[p] });
    expect(n('nano')).toBeGreaterThan(0.4e6);
    expect(n('nano')).toBeLessThan(0.6e6);
    expect(n('tiny')).toBeGreaterThan(2e6);
    expect(n('tiny')).toBeLessThan(3.2e6);
    expect(n('small')).toBeGreaterThan(9e6);
    expect(n('small')).toBeLessThan(11e6);
  });

  it('the explicit-transpose matmul gradient equals the automatic one (2-D and batched 3-D)', () => {
    for (const [sa, sb] of [[[5, 3], [3, 4]], [[2, 5, 3], [2, 3, 4]]] as const) {
      const a = tf.randomNormal([...sa]);
      const b = tf.randomNormal([...sb]);
      const f1 = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(matmul(x, y)));
      const f2 = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D)));
      const [g1a, g1b] = tf.grads(f1)([a, b]);
      const [g2a, g2b] = tf.grads(f2)([a, b]);
      tf.test_util.expectArraysClose(g1a!.dataSync(), g2a!.dataSync(), 1e-4);
      tf.test_util.expectArraysClose(g1b!.dataSync(), g2b!.dataSync(), 1e-4);
    }
  });

  it('generation: the KV cache changes nothing, and left-padding in a batch changes nothing', async () => {
    const p = initParams(cfg, 7);
    const rng = new Rng(3);
    const prompts = [5, 9, 14].map((n) => Array.from({ length: n }, () => rng.int(cfg.vocabSize)));
    const opts = { stopId: -1, maxNewTokens: 10 };
    const cached = await generate(p, cfg, prompts, opts);
    const uncached = await generate(p, cfg, prompts, { ...opts, useCache: false });
    expect(cached.tokens).toEqual(uncached.tokens);
    for (let i = 0; i < prompts.length; i++) {
      const alone = await generate(p, cfg, [prompts[i]!], opts);
      expect(alone.tokens[0]).toEqual(cached.tokens[i]);
    }
    expect(cached.tokens.every((t) => t.length === 10)).toBe(true);
  });

  it('generation stops a row at the stop token, samples reproducibly with a seed, and frees its tensors', async () => {
    const p = initParams(cfg, 7);
    const before = tf.memory().numTensors;
    const greedy = await generate(p, cfg, [[1, 2, 3]], { stopId: -1, maxNewTokens: 6 });
    const stop = greedy.tokens[0]![2]!;
    const stopped = await generate(p, cfg, [[1, 2, 3]], { stopId: stop, maxNewTokens: 6 });
    expect(stopped.tokens[0]![stopped.tokens[0]!.length - 1]).toBe(stop);
    expect(stopped.tokens[0]!.length).toBeLessThanOrEqual(3);
    const s1 = await generate(p, cfg, [[1, 2, 3]], { stopId: -1, maxNewTokens: 8, temperature: 1, topK: 5, rng: new Rng(9) });
    const s2 = await generate(p, cfg, [[1, 2, 3]], { stopId: -1, maxNewTokens: 8, temperature: 1, topK: 5, rng: new Rng(9) });
    expect(s1.tokens).toEqual(s2.tokens);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('generation gives each row the room its own prompt leaves: a row alone equals the row in a batch near the block', async () => {
    const p = initParams(cfg, 7);
    const rng = new Rng(5);
    // blockSize 48: the long prompt leaves 6 tokens, the short ones 40; a shared cap would cut them at 6.
    const prompts = [42, 4, 10].map((n) => Array.from({ length: n }, () => rng.int(cfg.vocabSize)));
    const opts = { stopId: -1, maxNewTokens: 100 };
    const batch = await generate(p, cfg, prompts, opts);
    expect(batch.tokens.map((t) => t.length)).toEqual([6, 44, 38]);
    for (let i = 0; i < prompts.length; i++) {
      expect((await generate(p, cfg, [prompts[i]!], opts)).tokens[0]).toEqual(batch.tokens[i]);
    }
    // A finished row leaves the batch and the cache: sampled rows after that are the same as without a cache,
    // and nothing is left behind.
    const before = tf.memory().numTensors;
    const sampled = { ...opts, temperature: 1.2, rng: new Rng(3) };
    const withCache = await generate(p, cfg, prompts, sampled);
    expect(tf.memory().numTensors).toBe(before);
    const without = await generate(p, cfg, prompts, { ...sampled, rng: new Rng(3), useCache: false });
    expect(without.tokens).toEqual(withCache.tokens);
    expect(withCache.tokens.map((t) => t.length)).toEqual([6, 44, 38]);
  });

  it('rotary positions: no position table, cache and left-padding change nothing, and a shifted prompt is seen relatively', async () => {
    const rc: GPTConfig = { ...cfg, pos: 'rope' };
    const p = initParams(rc, 11);
    expect(p.wpe).toBeUndefined();
    expect(countParams(rc)).toBe(countParams(cfg) - cfg.blockSize * cfg.nEmbd);
    const rng = new Rng(4);
    const prompts = [6, 11, 3].map((n) => Array.from({ length: n }, () => rng.int(rc.vocabSize)));
    const opts = { stopId: -1, maxNewTokens: 8 };
    const cached = await generate(p, rc, prompts, opts);
    expect((await generate(p, rc, prompts, { ...opts, useCache: false })).tokens).toEqual(cached.tokens);
    for (let i = 0; i < prompts.length; i++) expect((await generate(p, rc, [prompts[i]!], opts)).tokens[0]).toEqual(cached.tokens[i]);
    // Attention scores depend on offsets only: the same tokens at positions 0.. and 5.. give the same logits.
    const ids = [prompts[1]!];
    const bias = tf.tensor3d(Array.from({ length: 121 }, (_, k) => (k % 11 <= Math.floor(k / 11) ? 0 : -1e9)), [1, 11, 11]);
    const at = (from: number) => forwardStep(p, rc, ids, [Array.from({ length: 11 }, (_, i) => from + i)], bias).dataSync();
    tf.test_util.expectArraysClose(at(0), at(5), 1e-4);
    // With learned positions the same shift changes the logits.
    const pl = initParams(cfg, 11);
    const atL = (from: number) => forwardStep(pl, cfg, ids, [Array.from({ length: 11 }, (_, i) => from + i)], bias).dataSync();
    expect(Math.max(...atL(0).map((v, i) => Math.abs(v - atL(5)[i]!)))).toBeGreaterThan(1e-3);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from './node/backends.ts';
import { countParams, initParams, matmul, PRESETS, type GPTConfig } from './gpt.ts';
import { generate } from './generate.ts';
import { Rng } from './rng.ts';

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
});

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../model/node/backends.ts';
import { initParams, type GPTConfig, type Params } from '../model/gpt.ts';
import { Tokenizer } from '../tokenise/tokenizer.ts';
import { encodeExample } from '../tokenise/example.ts';
import { exactCompare } from '../evaluate/score.ts';
import { makeBatch } from '../train/data.ts';
import { adamwUpdate, initAdam, type AdamState } from '../train/optim.ts';
import { batchGradients } from '../train/trainer.ts';
import { chunkRows, DEFAULT_RL, grpoLoss, rlOptim, rlStep, rowsForStep, tokenLogProbs, type RlConfig, type RlRow,
  type RlState } from './grpo.ts';
import { resumeRl, saveRl, startRl } from './checkpoint.ts';

// A task small enough to learn in a test: "f(1)" answered 3 or 4. SFT on both answers leaves the model split
// between them; RL with the real output (3) as its reward should then move it to 3.
const prompt = '[PYTHON]\ndef f(x):\n    return x + 2\nassert f(1) == ??\n[/PYTHON]';
const answer = (v: number) => `[ANSWER]\nassert f(1) == ${v}\n[/ANSWER]`;
const tok = Tokenizer.fit([prompt, answer(3), answer(4), answer(5)], { minCount: 1 });
const cfg: GPTConfig = { vocabSize: tok.size, blockSize: 64, nLayer: 1, nHead: 2, nEmbd: 32, pos: 'rope' };
const row: RlRow = { id: 'r1', level: 1, prompt, output: '3' };
const config: RlConfig = { ...DEFAULT_RL, group: 8, prompts: 1, lr: 1e-2, kl: 0, maxNewTokens: 24, steps: 20, seed: 5 };

function sft(params: Params, steps: number): AdamState {
  const adam = initAdam(params);
  const examples = [3, 4].map((v) => ({ ...encodeExample(tok, prompt, answer(v)), level: 1 }));
  const optim = rlOptim({ lr: 2e-2, steps });
  for (let i = 0; i < steps; i++) {
    tf.tidy(() => {
      const { grads } = batchGradients(params, cfg, makeBatch(examples, tok.padId));
      adamwUpdate(params, grads, adam, i, optim.lr, optim);
    });
  }
  return adam;
}

/** log P(completion | prompt) under the model at temperature 1. */
function seqLogp(params: Params, completion: string): number {
  const e = encodeExample(tok, prompt, completion);
  return tf.tidy(() => {
    const x = tf.tensor2d([e.ids.slice(0, -1)], [1, e.ids.length - 1], 'int32');
    const y = tf.tensor2d([e.ids.slice(1)], [1, e.ids.length - 1], 'int32');
    const m = tf.tensor2d([e.ids.slice(1).map((_, t) => (t + 1 >= e.targetStart ? 1 : 0))], [1, e.ids.length - 1]);
    return tf.sum(tf.mul(tokenLogProbs(params, cfg, x, y, 1).logp, m)).dataSync()[0]!;
  });
}

function stateFrom(params: Params, over: Partial<RlConfig> = {}): RlState {
  const reference: Params = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, tf.variable(v.clone(), false)]));
  return { model: cfg, tok, params, reference, adam: initAdam(params), config: { ...config, ...over }, step: 0, history: [] };
}

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('grpoLoss', () => {
  it('moves probability towards completions with positive advantage and away from negative ones', () => {
    const params = initParams(cfg, 2);
    const adam = initAdam(params);
    const ids = (v: number) => encodeExample(tok, prompt, answer(v));
    const seqs = [ids(3), ids(4)];
    const T = Math.max(...seqs.map((s) => s.ids.length - 1));
    const x = new Int32Array(2 * T).fill(tok.padId);
    const y = new Int32Array(2 * T).fill(tok.padId);
    const mask = new Float32Array(2 * T);
    const adv = new Float32Array(2 * T);
    seqs.forEach((s, b) => {
      for (let t = 0; t < s.ids.length - 1; t++) {
        x[b * T + t] = s.ids[t]!;
        y[b * T + t] = s.ids[t + 1]!;
        if (t + 1 >= s.targetStart) {
          mask[b * T + t] = 1;
          adv[b * T + t] = b === 0 ? 1 : -1;
        }
      }
    });
    const X = tf.tensor2d(x, [2, T], 'int32');
    const Y = tf.tensor2d(y, [2, T], 'int32');
    const M = tf.tensor2d(mask, [2, T]);
    const seqLogp = () => tf.tidy(() => Array.from(tf.sum(tf.mul(tokenLogProbs(params, cfg, X, Y, 1).logp, M), 1).dataSync()));
    const before = seqLogp();
    const old = tf.tidy(() => tokenLogProbs(params, cfg, X, Y, 1).logp);
    const b = { x: X, y: Y, mask: M, adv: tf.tensor2d(adv, [2, T]), old, ref: old };
    const optim = rlOptim({ lr: 1e-2, steps: 10 });
    for (let i = 0; i < 5; i++) {
      tf.tidy(() => {
        const first = grpoLoss(params, cfg, b, { clip: 0.2, kl: 0, temperature: 1 });
        // At the sampling policy the ratio is 1: nothing clipped, no KL to itself.
        if (i === 0) {
          expect(first.clipped.dataSync()[0]).toBe(0);
          expect(first.kl.dataSync()[0]).toBeCloseTo(0, 6);
        }
        const { grads } = tf.variableGrads(() => grpoLoss(params, cfg, b, { clip: 0.2, kl: 0, temperature: 1 }).loss,
          Object.values(params));
        adamwUpdate(params, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, grads[v.name]!])), adam, i, optim.lr, optim);
      });
    }
    const after = seqLogp();
    // The two completions differ in one token (3 vs 4): the positive one gains on the negative one.
    expect(after[0]! - after[1]!).toBeGreaterThan(before[0]! - before[1]! + 0.5);
    // After the policy moved, the clip and the KL to the old policy are no longer zero.
    tf.tidy(() => {
      const moved = grpoLoss(params, cfg, b, { clip: 0.01, kl: 0.1, temperature: 1 });
      expect(moved.clipped.dataSync()[0]).toBeGreaterThan(0);
      expect(moved.kl.dataSync()[0]).toBeGreaterThan(0);
    });
  });
});

describe('rlStep', () => {
  it('raises the reward of a model split between a right and a wrong answer, with no tensor left behind', async () => {
    const params = initParams(cfg, 7);
    sft(params, 40);
    const s = stateFrom(params, { lr: 5e-3 });
    // How much more likely the model finds the right answer than the wrong one (log-odds of the two completions).
    const margin = () => seqLogp(params, answer(3)) - seqLogp(params, answer(4));
    const m0 = margin();
    const before = tf.memory().numTensors;
    const logs = [];
    for (let i = 0; i < 8; i++) logs.push(await rlStep(s, [row], exactCompare));
    // Tensors are flat across steps: each step frees what it made.
    expect(tf.memory().numTensors).toBe(before);
    expect(logs[0]!.rollouts).toHaveLength(8);
    expect(logs[0]!.accuracy).toBeGreaterThan(0.05);
    expect(logs[0]!.accuracy).toBeLessThan(0.95);
    expect(margin()).toBeGreaterThan(m0 + 1);
    // The figures the issue asks to log are there and sensible.
    for (const l of logs) {
      expect(l.rewardMean).toBeCloseTo(2 * l.accuracy - 1, 6);
      expect(l.signal === 0 || l.signal === 1).toBe(true);
      expect(l.entropy).toBeGreaterThanOrEqual(0);
      expect(l.kl).toBeGreaterThanOrEqual(-1e-6);
      expect(l.responseLength).toBeGreaterThan(0);
      expect(l.ms.sample + l.ms.update).toBeGreaterThan(0);
    }
    expect(logs.at(-1)!.kl).toBeGreaterThan(0); // it has moved away from the reference
    expect(s.history).toHaveLength(8);
  });

  it('leaves a group whose completions all score alike untrained (no signal), and counts it', async () => {
    const params = initParams(cfg, 7);
    sft(params, 40);
    const s = stateFrom(params);
    const w0 = Array.from(params['wte']!.dataSync());
    // An output no completion gives: every reward is -1, so the group carries no signal.
    const log = await rlStep(s, [{ ...row, output: '99' }], exactCompare);
    expect(log.signal).toBe(0);
    expect(log.rewardMean).toBe(-1);
    expect(Array.from(params['wte']!.dataSync())).toEqual(w0);
  });

  it('cut into chunks of rows (bounded memory), a step makes the same update and the same figures', async () => {
    const one = initParams(cfg, 7);
    sft(one, 40);
    const many = Object.fromEntries(Object.entries(one).map(([k, v]) => [k, tf.variable(v.clone(), true, `chunked/${k}`)]));
    const a = stateFrom(one, { lr: 5e-3 });
    const b = stateFrom(many as Params, { lr: 5e-3 });
    const before = tf.memory().numTensors;
    const signals = [];
    for (let i = 0; i < 3; i++) {
      const whole = await rlStep(a, [row], exactCompare);
      const cut = await rlStep(b, [row], exactCompare, { chunkCells: 1 }); // one row per chunk
      signals.push(whole.signal);
      expect(cut.rollouts.map((r) => r.text)).toEqual(whole.rollouts.map((r) => r.text));
      expect(cut.kl).toBeCloseTo(whole.kl, 6);
      expect(cut.entropy).toBeCloseTo(whole.entropy, 5);
      expect(cut.clipFraction).toBeCloseTo(whole.clipFraction, 6);
    }
    expect(signals).toContain(1); // some step really trained
    for (const k of Object.keys(one)) {
      const d = tf.tidy(() => tf.max(tf.abs(tf.sub(one[k]!, many[k]!))).dataSync()[0]!);
      expect(d).toBeLessThan(1e-5);
    }
    // The chunked path frees what it makes, too.
    expect(tf.memory().numTensors).toBe(before);
    expect(chunkRows(512)).toBe(4);
    expect(chunkRows(100)).toBe(104);
    expect(chunkRows(5000)).toBe(1);
  });

  it('resumes exactly: save after 2 steps, resume, and step 3 is the one the uninterrupted run took', async () => {
    const files = async (p: Params) => ({ 'config.json': JSON.stringify({ format: 'dry-run-checkpoint', version: 1, model: cfg,
      train: { preset: 'nano', seed: 1, batchSize: 1, blockSize: 64, steps: 1, curriculumSteps: 0, optim: rlOptim({ lr: 1, steps: 1 }) },
      step: 1, tokensSeen: 0, elapsedMs: 0, sampler: { epoch: 0, offset: 0, used: 0, rng: 1 }, params: 0, history: [] }),
      'tokenizer.json': JSON.stringify(tok.toJSON()),
      'model.safetensors': (await import('../model/safetensors.ts')).encodeSafetensors(Object.fromEntries(await Promise.all(
        Object.entries(p).map(async ([k, v]) => [k, { shape: v.shape, data: (await v.data()) as Float32Array }]))), {}) });
    const params = initParams(cfg, 7);
    sft(params, 40);
    const start = await files(params);
    const a = startRl(start, config);
    for (let i = 0; i < 3; i++) await rlStep(a.state, [row], exactCompare);
    const b = startRl(start, config);
    for (let i = 0; i < 2; i++) await rlStep(b.state, [row], exactCompare);
    const saved = await saveRl(b.state, b.base, 'test');
    const c = resumeRl(saved);
    expect(c.state.step).toBe(2);
    expect(c.from).toBe('test');
    await rlStep(c.state, [row], exactCompare);
    expect(Array.from(c.state.params['wte']!.dataSync())).toEqual(Array.from(a.state.params['wte']!.dataSync()));
    expect(c.state.history.map((h) => h.rewardMean)).toEqual(a.state.history.map((h) => h.rewardMean));
  });
});

describe('rowsForStep', () => {
  it('covers every row once per pass, in a seeded order that a resumed run repeats', () => {
    const rows = Array.from({ length: 10 }, (_, i) => i);
    const pass = [0, 1, 2, 3, 4].flatMap((s) => rowsForStep(rows, s, 2, 3));
    expect([...pass].sort((x, y) => x - y)).toEqual(rows);
    expect(pass).not.toEqual(rows);
    expect(rowsForStep(rows, 7, 2, 3)).toEqual(rowsForStep(rows, 7, 2, 3));
    expect(rowsForStep(rows, 5, 2, 3)).not.toEqual(rowsForStep(rows, 0, 2, 3));
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../model/node/backends.ts';
import { Tokenizer } from '../tokenise/tokenizer.ts';
import { encodeRows, makeBatch, Sampler } from './data.ts';
import { fixtureRows } from './testing/fixture.ts';
import { createTrainer, defaultTrainConfig, disposeTrainer, peerModel, resumeTrainer, saveCheckpoint, shardGradients,
  splitExamples, trainStep, trainStepParallel, type GradientPeer, type Trainer } from './trainer.ts';
import { getLr } from './optim.ts';

const rows = fixtureRows(200);
const tok = Tokenizer.fit(rows.flatMap((r) => [r.prompt, r.target]), { minCount: 2 });
const { examples } = encodeRows(tok, rows, 128);
const config = defaultTrainConfig({ preset: 'nano', steps: 40, batchSize: 8, blockSize: 128, seed: 3,
  optim: { lr: 3e-3, warmupSteps: 4 } });

async function weights(s: Trainer): Promise<Float32Array[]> {
  return Promise.all(Object.values(s.params).map(async (v) => (await v.data()) as Float32Array));
}

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('batches', () => {
  it('masks the prompt: loss positions are exactly the target tokens', () => {
    const b = makeBatch(examples.slice(0, 2), tok.padId);
    const e = examples[0]!;
    const maskRow = Array.from(b.mask.subarray(0, b.T));
    const first = maskRow.indexOf(1);
    expect(first).toBe(e.targetStart - 1);
    expect(maskRow.filter((m) => m === 1)).toHaveLength(e.ids.length - e.targetStart);
    expect(b.y[first]).toBe(e.ids[e.targetStart]);
    expect(b.T % 8).toBe(0);
  });

  it('curriculum: only level 1 at first, every level later', () => {
    const s = new Sampler(examples, 100, { rng: 1 });
    expect(new Set(s.next(0, 64).map((e) => e.level))).toEqual(new Set([1]));
    const later = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => s.next(100 + i, 64));
    expect(new Set(later.map((e) => e.level))).toEqual(new Set([1, 2]));
  });
});

describe('training', () => {
  it('warms up then decays the learning rate', () => {
    const o = config.optim;
    expect(getLr(0, o)).toBeLessThan(getLr(3, o));
    expect(getLr(4, o)).toBeCloseTo(o.lr, 6);
    expect(getLr(o.totalSteps, o)).toBeCloseTo(o.minLr, 6);
  });

  it('lowers the loss, and keeps the number of tensors flat across steps', async () => {
    const s = createTrainer(config, tok, examples);
    const losses: number[] = [];
    let before = 0;
    for (let i = 0; i < 30; i++) {
      if (i === 2) before = tf.memory().numTensors;
      const r = trainStep(s);
      losses.push((await r.loss.data())[0]!);
      r.loss.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    const head = losses.slice(0, 3).reduce((a, b) => a + b) / 3;
    const tail = losses.slice(-3).reduce((a, b) => a + b) / 3;
    expect(tail).toBeLessThan(head * 0.7);
    disposeTrainer(s);
  });

  // 3: saved in the middle of a group of length-sorted batches; 4: saved exactly at a group's end.
  it.each([3, 4])('is repeatable with a seed, and a checkpoint saved after %i steps continues exactly', async (k) => {
    const a = createTrainer(config, tok, examples);
    for (let i = 0; i < 7; i++) trainStep(a).loss.dispose();

    const b = createTrainer(config, tok, examples);
    for (let i = 0; i < k; i++) trainStep(b).loss.dispose();
    const files = await saveCheckpoint(b);
    disposeTrainer(b);
    const c = resumeTrainer(files, examples);
    expect(c.step).toBe(k);
    for (let i = k; i < 7; i++) trainStep(c).loss.dispose();

    const wa = await weights(a);
    const wc = await weights(c);
    wa.forEach((w, i) => expect(wc[i]).toEqual(w));
    expect(c.sampler.state()).toEqual(a.sampler.state());
    disposeTrainer(a);
    disposeTrainer(c);
  });
});

describe('data parallelism', () => {
  /** A peer in this process with its own copy of the model, standing in for a child process or worker. */
  function localPeer(s: Trainer): GradientPeer & { calls: number } {
    const compute = peerModel(s.model);
    return {
      calls: 0,
      async send(weights, batch) {
        this.calls++;
        return { result: Promise.resolve(compute(weights, batch)) };
      },
    };
  }

  it('splits a batch into shards of similar length that cover it once', () => {
    const sorted = examples.slice(0, 9).sort((a, b) => a.ids.length - b.ids.length);
    const shards = splitExamples(sorted, 2);
    expect(shards.map((s) => s.length)).toEqual([5, 4]);
    expect(new Set(shards.flat())).toEqual(new Set(sorted));
    expect(splitExamples(sorted.slice(0, 1), 3)).toHaveLength(1);
  });

  it('shard gradients weighted by target tokens equal the whole batch gradient', () => {
    const s = createTrainer(config, tok, examples);
    const batch = examples.slice(0, 8);
    const whole = shardGradients(s.params, s.model, makeBatch(batch, tok.padId));
    const parts = splitExamples(batch, 2).map((e) => shardGradients(s.params, s.model, makeBatch(e, tok.padId)));
    const total = parts[0]!.count + parts[1]!.count;
    expect(total).toBe(whole.count);
    whole.grads.forEach((g, i) => {
      const combined = g.map((_, j) => parts.reduce((a, p) => a + (p.grads[i]![j]! * p.count) / total, 0));
      const scale = Math.max(...g.map(Math.abs));
      combined.forEach((c, j) => expect(Math.abs(c - g[j]!)).toBeLessThan(1e-4 * scale + 1e-7));
    });
    disposeTrainer(s);
  });

  it('a failed peer leaves the trainer as it was, so the next step draws the same batch', async () => {
    const a = createTrainer(config, tok, examples);
    const b = createTrainer(config, tok, examples);
    const failing: GradientPeer = { send: async () => ({ result: Promise.reject(new Error('peer gone')) }) };
    await expect(trainStepParallel(b, [failing])).rejects.toThrow('peer gone');
    expect(b.step).toBe(0);
    expect(b.tokensSeen).toBe(0);
    expect(b.sampler.state()).toEqual(a.sampler.state());
    const ra = await trainStepParallel(a, [localPeer(a)]);
    const rb = await trainStepParallel(b, [localPeer(b)]);
    expect(rb.tokens).toBe(ra.tokens);
    expect((await rb.loss.data())[0]).toBe((await ra.loss.data())[0]);
    ra.loss.dispose();
    rb.loss.dispose();
    disposeTrainer(a);
    disposeTrainer(b);
  });

  it('a step split with a peer trains like the single step, with flat tensor count', async () => {
    const a = createTrainer(config, tok, examples);
    const b = createTrainer(config, tok, examples);
    const peer = localPeer(b);
    let before = 0;
    for (let i = 0; i < 5; i++) {
      if (i === 2) before = tf.memory().numTensors;
      const ra = trainStep(a);
      const rb = await trainStepParallel(b, [peer]);
      expect((await rb.loss.data())[0]).toBeCloseTo((await ra.loss.data())[0]!, 4);
      expect(rb.tokens).toBe(ra.tokens);
      ra.loss.dispose();
      rb.loss.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(peer.calls).toBe(5);
    expect(b.step).toBe(a.step);
    expect(b.tokensSeen).toBe(a.tokensSeen);
    const [wa, wb] = [await weights(a), await weights(b)];
    wa.forEach((w, i) => w.forEach((v, j) => expect(Math.abs(wb[i]![j]! - v)).toBeLessThan(1e-4)));
    disposeTrainer(a);
    disposeTrainer(b);
  });
});

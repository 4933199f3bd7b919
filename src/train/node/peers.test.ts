import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../model/node/backends.ts';
import { Tokenizer } from '../../tokenise/tokenizer.ts';
import { encodeRows, makeBatch } from '../data.ts';
import { fixtureRows } from '../testing/fixture.ts';
import { createTrainer, defaultTrainConfig, disposeTrainer, shardGradients, trainStep, trainStepParallel } from '../trainer.ts';
import { startPeers, type PeerPool } from './peers.ts';

const rows = fixtureRows(60);
const tok = Tokenizer.fit(rows.flatMap((r) => [r.prompt, r.target]), { minCount: 2 });
const { examples } = encodeRows(tok, rows, 128);
const config = defaultTrainConfig({ preset: 'nano', steps: 10, batchSize: 6, blockSize: 128, seed: 5 });
let pool: PeerPool | undefined;

beforeAll(async () => {
  await initNodeBackend('wasm');
});
afterAll(() => pool?.close());

describe('gradient peers in child processes', () => {
  it('compute the same shard gradient as this process, and train like one process', async () => {
    const a = createTrainer(config, tok, examples);
    const b = createTrainer(config, tok, examples);
    pool = await startPeers(1, b.model, 'wasm');
    const shard = makeBatch(examples.slice(0, 3), tok.padId);
    const weights = await Promise.all(Object.values(b.params).map(async (v) => (await v.data()) as Float32Array));
    const remote = await (await pool.peers[0]!.send(weights, shard)).result;
    const local = shardGradients(b.params, b.model, shard);
    expect(remote.count).toBe(local.count);
    expect(remote.loss).toBeCloseTo(local.loss, 5);
    remote.grads.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(local.grads[i]!)));

    for (let i = 0; i < 3; i++) {
      const ra = trainStep(a);
      const rb = await trainStepParallel(b, pool.peers);
      expect((await rb.loss.data())[0]).toBeCloseTo((await ra.loss.data())[0]!, 4);
      ra.loss.dispose();
      rb.loss.dispose();
    }
    const wa = await Promise.all(Object.values(a.params).map((v) => v.data()));
    const wb = await Promise.all(Object.values(b.params).map((v) => v.data()));
    wa.forEach((w, i) => w.forEach((v, j) => expect(Math.abs(Number(wb[i]![j]) - Number(v))).toBeLessThan(1e-4)));
    disposeTrainer(a);
    disposeTrainer(b);
  });

  it('a peer that dies fails the step with a message instead of hanging', async () => {
    const s = createTrainer(config, tok, examples);
    const dying = await startPeers(1, s.model, 'wasm');
    dying.close();
    await expect(trainStepParallel(s, dying.peers)).rejects.toThrow(/gradient peer exited/);
    disposeTrainer(s);
  });
});

// npm run bench:train [-- --preset nano --batch 16 --seq 128 --backends wasm,cpu,torch --procs 2 --pos rope|learned]
// Per backend, in one run: large-matmul FLOP/s, training tokens/s and achieved FLOP/s as a fraction of that
// matmul rate, and generation tokens/s with and without the KV cache; on wasm also the data-parallel step over
// --procs processes against one. One JSON line per backend.
// Synthetic token ids (speed does not depend on their values). Numbers are per process: Node's wasm backend
// is single-threaded. On a shared machine, read them with the load average printed beside them.
// `torch` is the native trainer (src/train/native/train.py) on the same shape, one thread per process, with its
// ratio to this run's wasm figure and its own process's matmul rate.
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { NODE_BACKENDS, initNodeBackend } from '../src/model/node/backends.ts';
import { countParams, initParams, lossFn, PRESETS, type GPTConfig, type PresetName } from '../src/model/gpt.ts';
import { generate } from '../src/model/generate.ts';
import { Rng } from '../src/dataset/rng.ts';
import { adamwUpdate, DEFAULT_OPTIM, initAdam } from '../src/train/optim.ts';
import { createTrainer, defaultTrainConfig, disposeTrainer, trainStepParallel } from '../src/train/trainer.ts';
import { startPeers } from '../src/train/node/peers.ts';
import { Tokenizer } from '../src/tokenise/tokenizer.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveCheckpoint } from '../src/train/trainer.ts';
import { writeCheckpointDir } from '../src/train/node/checkpoint-dir.ts';
import { runTorch, torchProblem, writePrepared } from '../src/train/node/torch-engine.ts';
import { strictOptions } from './args.ts';

const USAGE = 'usage: npm run bench:train [-- --preset nano --batch 16 --seq 128 --backends wasm,cpu,torch --procs 2 --pos rope|learned --steps 30]';
const opts = strictOptions(process.argv.slice(2), 'bench:train', USAGE, ['preset', 'batch', 'seq', 'backends', 'procs', 'pos', 'steps']);
const arg = (name: string, fallback: string): string => opts.get(name) ?? fallback;

/** Forward matmul FLOPs per token (training runs all T positions; attention over all T keys as computed). */
export function forwardFlopsPerToken(c: GPTConfig, T: number): number {
  const C = c.nEmbd;
  const perLayer = 2 * 12 * C * C + 2 * 2 * T * C; // q,k,v,o + MLP (4C) ; scores + weighted sum
  return c.nLayer * perLayer + 2 * 2 * c.vocabSize * C; // + one-hot embedding + tied logits
}

/** --pos rope (default) or learned, for every backend alike. */
const posOf = (): { pos?: 'rope' } => (arg('pos', 'rope') === 'rope' ? { pos: 'rope' } : {});

async function timeIt(f: () => Promise<void> | void, minMs: number, minReps = 2): Promise<number> {
  await f(); // warm-up: kernels compiled, memory grown
  let reps = 0;
  const t0 = performance.now();
  while (reps < minReps || performance.now() - t0 < minMs) {
    await f();
    reps++;
  }
  return (performance.now() - t0) / reps;
}

async function benchBackend(name: string): Promise<Record<string, unknown>> {
  const chosen = await initNodeBackend(name);
  if (chosen.backend !== name) return { backend: name, available: false };
  const slow = name === 'cpu';
  const preset = arg('preset', 'nano') as PresetName;
  const B = Number(arg('batch', slow ? '4' : '16'));
  const T = Number(arg('seq', slow ? '64' : '128'));
  const cfg: GPTConfig = { vocabSize: 256, blockSize: 256, ...PRESETS[preset], ...posOf() };

  const n = slow ? 256 : 1024;
  const a = tf.randomNormal([n, n]);
  const mmMs = await timeIt(() => void tf.matMul(a, a).dataSync(), 1000);
  a.dispose();
  const matmulFlops = (2 * n ** 3) / (mmMs / 1000);

  const params = initParams(cfg, 1);
  const adam = initAdam(params);
  const rng = new Rng(1);
  const ids = Int32Array.from({ length: B * T }, () => rng.int(cfg.vocabSize));
  const x = tf.tensor2d(ids, [B, T], 'int32');
  const mask = tf.ones([B, T]) as tf.Tensor2D;
  let step = 0;
  const optim = { ...DEFAULT_OPTIM, totalSteps: 100 };
  const stepMs = await timeIt(() => {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => lossFn(params, cfg, x, x, mask));
      const byParam = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, grads[v.name]!]));
      adamwUpdate(params, byParam, adam, step++, 1e-3, optim);
      value.dataSync();
    });
  }, slow ? 3000 : 8000);
  const trainTokensPerS = (B * T) / (stepMs / 1000);
  const trainFlops = 3 * forwardFlopsPerToken(cfg, T) * trainTokensPerS;

  const prompts = Array.from({ length: 8 }, () => Array.from({ length: 48 }, () => rng.int(cfg.vocabSize)));
  const newTokens = slow ? 16 : 64;
  const gen = async (useCache: boolean): Promise<number> => {
    const ms = await timeIt(async () => {
      await generate(params, cfg, prompts, { stopId: -1, maxNewTokens: newTokens, useCache });
    }, 1000, 1);
    return (prompts.length * newTokens) / (ms / 1000);
  };
  const withCache = await gen(true);
  const withoutCache = await gen(false);
  const parallel = slow ? {} : await benchParallel(cfg, B, T, rng, name);
  x.dispose();
  mask.dispose();
  for (const v of [...Object.values(params), ...Object.values(adam.m), ...Object.values(adam.v)]) v.dispose();
  return {
    backend: name, available: true, preset, params: countParams(cfg), batch: B, seq: T,
    matmul: `${n}x${n}`, matmul_gflops: +(matmulFlops / 1e9).toFixed(2),
    train_tokens_per_s: Math.round(trainTokensPerS), train_step_ms: Math.round(stepMs),
    train_gflops: +(trainFlops / 1e9).toFixed(2), fraction_of_matmul: +(trainFlops / matmulFlops).toFixed(3),
    gen_tokens_per_s_kv_cache: Math.round(withCache), gen_tokens_per_s_no_cache: Math.round(withoutCache),
    gen_setup: `8 prompts x 48 tokens, ${newTokens} new tokens each`, ...parallel, load_average: +loadavg()[0]!.toFixed(2),
  };
}

/**
 * The real training step (`trainStepParallel`) with the batch split over `--procs` processes (default 2: one per
 * core here) against the same step in one process, same synthetic batch, measured back to back.
 */
async function benchParallel(cfg: GPTConfig, B: number, T: number, rng: Rng, backend: string): Promise<Record<string, number>> {
  const procs = Number(arg('procs', '2'));
  const tok = Tokenizer.fit(['abc'], {});
  const examples = Array.from({ length: 64 }, () => ({ level: 1, targetStart: T / 2,
    ids: Array.from({ length: T + 1 }, () => rng.int(cfg.vocabSize)) }));
  const train = defaultTrainConfig({ preset: arg('preset', 'nano') as PresetName, batchSize: B, blockSize: cfg.blockSize,
    steps: 1000, curriculumSteps: 0 });
  const s = createTrainer(train, tok, examples);
  s.model = cfg;
  for (const v of [...Object.values(s.params), ...Object.values(s.adam.m), ...Object.values(s.adam.v)]) v.dispose();
  s.params = initParams(cfg, 1);
  s.adam = initAdam(s.params);
  const pool = await startPeers(procs - 1, cfg, backend);
  const perS = async (peers: typeof pool.peers): Promise<number> => {
    const ms = await timeIt(async () => (await trainStepParallel(s, peers)).loss.dispose(), 8000);
    return (B * (T + 1)) / (ms / 1000);
  };
  try {
    const one = await perS([]);
    const many = await perS(pool.peers);
    return { data_parallel_procs: procs, train_tokens_per_s_1_proc: Math.round(one),
      [`train_tokens_per_s_${procs}_procs`]: Math.round(many), data_parallel_speedup: +(many / one).toFixed(2) };
  } finally {
    pool.close();
    disposeTrainer(s);
  }
}

/** The native trainer's real loop on synthetic rows of the same shape (B sequences of T + 1 ids), `--procs` 1 and N. */
async function benchTorch(wasmTokensPerS?: number): Promise<Record<string, unknown>> {
  const problem = torchProblem();
  if (problem) return { backend: 'torch', available: false, error: problem };
  await initNodeBackend('cpu');
  const preset = arg('preset', 'nano') as PresetName;
  const B = Number(arg('batch', '16'));
  const T = Number(arg('seq', '128'));
  const rng = new Rng(2);
  const tok = Tokenizer.fit(['abc'], {});
  const examples = Array.from({ length: 256 }, () => ({ level: 1, targetStart: T / 2,
    ids: Array.from({ length: T + 1 }, () => rng.int(tok.size)) }));
  const s = createTrainer(defaultTrainConfig({ preset, pos: posOf().pos ?? 'learned', batchSize: B, blockSize: 256, steps: 10_000, curriculumSteps: 0 }), tok, examples);
  const dir = mkdtempSync(join(tmpdir(), 'dry-run-bench-torch-'));
  try {
    writeCheckpointDir(join(dir, 'ckpt'), await saveCheckpoint(s));
    writePrepared(join(dir, 'data'), tok, examples, { blockSize: 256, data_sha256: 'synthetic' });
    const measure = async (procs: number): Promise<Record<string, unknown>> => {
      let line: Record<string, unknown> = {};
      const { done } = runTorch({ prepared: join(dir, 'data'), out: join(dir, 'ckpt'), procs, logEvery: 1000, ckptEvery: 1000,
        evalEvery: 0, bench: Number(arg('steps', '30')), onLine: (l) => { if (l.event === 'bench') line = l; } });
      if ((await done) !== 0) throw new Error(`train.py --bench exited with an error (procs ${procs})`);
      return line;
    };
    const one = await measure(1);
    const procs = Number(arg('procs', '2'));
    const many = procs > 1 ? await measure(procs) : undefined;
    const tps = Number(one.tokens_per_s);
    const trainFlops = 3 * forwardFlopsPerToken(s.model, T) * tps;
    const mm = Number(one.matmul_gflops) * 1e9;
    return {
      backend: 'torch', available: true, preset, pos: s.model.pos ?? 'learned', params: countParams(s.model), batch: B, seq: T,
      torch: one.torch, threads_per_process: one.threads, matmul: '1024x1024 (same process)', matmul_gflops: one.matmul_gflops,
      train_tokens_per_s: tps, train_gflops: +(trainFlops / 1e9).toFixed(2), fraction_of_matmul: +(trainFlops / mm).toFixed(3),
      ...(wasmTokensPerS ? { ratio_to_wasm: +(tps / wasmTokensPerS).toFixed(2) } : {}),
      ...(many ? { data_parallel_procs: procs, [`train_tokens_per_s_${procs}_procs`]: many.tokens_per_s,
        data_parallel_speedup: +(Number(many.tokens_per_s) / tps).toFixed(2) } : {}),
      load_average: +loadavg()[0]!.toFixed(2),
    };
  } finally {
    disposeTrainer(s);
    rmSync(dir, { recursive: true, force: true });
  }
}

const backends = arg('backends', NODE_BACKENDS.join(',')).split(',');
let wasmTokensPerS: number | undefined;
for (const b of backends) {
  try {
    if (b === 'torch') {
      console.log(JSON.stringify(await benchTorch(wasmTokensPerS)));
      continue;
    }
    const r = await benchBackend(b);
    if (b === 'wasm' && typeof r.train_tokens_per_s === 'number') wasmTokensPerS = r.train_tokens_per_s;
    console.log(JSON.stringify(r));
  } catch (e) {
    console.log(JSON.stringify({ backend: b, available: false, error: e instanceof Error ? e.message : String(e) }));
  }
}
console.log(JSON.stringify({ backend: 'webgpu', available: false,
  note: 'not registered in Node here (needs the optional `webgpu` package and a Vulkan driver); see docs/model.md for the page' }));

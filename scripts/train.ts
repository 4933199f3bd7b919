// npm run train -- --preset nano --data FILE.jsonl --steps N --out DIR [--backend wasm] [--resume] ...
// SFT on dataset rows (split `train`), one JSON line per log interval on stdout, checkpoints in DIR
// (config.json, tokenizer.json, model.safetensors, optimizer.safetensors), exact resume with --resume.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initNodeBackend } from '../src/model/node/backends.ts';
import { PRESETS, countParams, type PresetName } from '../src/model/gpt.ts';
import { Tokenizer } from '../src/tokenise/tokenizer.ts';
import { encodeRows, parseRows, type Row } from '../src/train/data.ts';
import { evaluateRows } from '../src/train/evaluate.ts';
import { createTrainer, defaultTrainConfig, resumeTrainer, saveCheckpoint, trainStepParallel,
  type CheckpointFiles, type Trainer } from '../src/train/trainer.ts';
import { startPeers, type PeerPool } from '../src/train/node/peers.ts';

const HELP = `npm run train -- --data FILE.jsonl --out DIR [options]
  --preset nano|micro|tiny|small   model size (default nano)
  --steps N            optimiser steps (sets the LR schedule); or
  --tokens N           a token budget: steps = N / (batch * mean example length)
  --batch N            sequences per step (default 16)
  --lr X               peak learning rate (default 2e-3)
  --block N            longest example kept, in tokens (default 256)
  --curriculum F       fraction of steps over which levels open easiest first (default 0.25; 0 = off)
  --seed N             weights and data order (default 1)
  --backend NAME       wasm | cpu (default: first that initialises, wasm first)
  --procs N            processes sharing each batch (data parallel, one per core; default 1)
  --resume             continue exactly from the checkpoint in --out (with --steps: extend it to that total)
  --minutes M          stop (with a checkpoint) after M minutes of wall time
  --log-every N        (default 25)   --ckpt-every N (default 250)
  --eval-every N       (default 500)  --eval-limit N validation rows per evaluation (default 60)`;

function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}\n${HELP}`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) args.set(a.slice(2), 'true');
    else args.set(a.slice(2), argv[++i]!);
  }
  return args;
}

function num(args: Map<string, string>, key: string, fallback: number): number {
  const v = args.get(key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${key} must be a number, got ${v}`);
  return n;
}

export function readCheckpointDir(dir: string): CheckpointFiles {
  const files: CheckpointFiles = {
    'config.json': readFileSync(join(dir, 'config.json'), 'utf8'),
    'tokenizer.json': readFileSync(join(dir, 'tokenizer.json'), 'utf8'),
    'model.safetensors': new Uint8Array(readFileSync(join(dir, 'model.safetensors'))),
  };
  if (existsSync(join(dir, 'optimizer.safetensors'))) {
    files['optimizer.safetensors'] = new Uint8Array(readFileSync(join(dir, 'optimizer.safetensors')));
  }
  return files;
}

/** Written into a sibling folder first, then swapped in, so a kill mid-write never leaves a broken checkpoint. */
function writeCheckpointDir(dir: string, files: CheckpointFiles): void {
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(join(tmp, name), data as string | Uint8Array);
  const old = `${dir}.old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

/** Up to `limit` rows, spread evenly over levels, in file order (so every evaluation sees the same rows). */
function evalSample(rows: Row[], limit: number): Row[] {
  const levels = [...new Set(rows.map((r) => r.level))].sort((a, b) => a - b);
  const per = Math.ceil(limit / Math.max(1, levels.length));
  return levels.flatMap((l) => rows.filter((r) => r.level === l).slice(0, per));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log(HELP);
    return;
  }
  const data = args.get('data');
  const out = args.get('out');
  if (!data || !out) throw new Error(`--data and --out are required\n${HELP}`);
  const preset = (args.get('preset') ?? 'nano') as PresetName;
  if (!(preset in PRESETS)) throw new Error(`unknown preset ${preset} (one of ${Object.keys(PRESETS).join(', ')})`);

  const backend = await initNodeBackend(args.get('backend'));
  const { rows, skipped } = parseRows(readFileSync(data, 'utf8'));
  const trainRows = rows.filter((r) => r.split === 'train');
  const valRows = evalSample(rows.filter((r) => r.split === 'validation'), num(args, 'eval-limit', 60));
  if (!trainRows.length) throw new Error(`${data} has no rows with split "train" (${rows.length} rows, ${skipped} skipped)`);

  let s: Trainer;
  const resume = args.has('resume') && existsSync(join(out, 'config.json'));
  if (resume) {
    const files = readCheckpointDir(out);
    const tok = Tokenizer.fromJSON(JSON.parse(files['tokenizer.json']));
    const cfg = JSON.parse(files['config.json']) as { train: { blockSize: number } };
    s = resumeTrainer(files, encodeRows(tok, trainRows, cfg.train.blockSize).examples);
    // --steps on resume extends the run: the cosine schedule is stretched over the new total (a warm restart
    // when the old run had finished). Without it the run continues exactly as configured.
    if (args.has('steps') && num(args, 'steps', s.train.steps) !== s.train.steps) {
      const steps = num(args, 'steps', s.train.steps);
      s.train = { ...s.train, steps, optim: { ...s.train.optim, totalSteps: steps } };
    }
  } else {
    const blockSize = num(args, 'block', 256);
    const batchSize = num(args, 'batch', 16);
    // Fitted on the training split only (first 5,000 rows: enough for a stable ranking, and fast).
    const tok = Tokenizer.fit(trainRows.slice(0, 5000).flatMap((r) => [r.prompt, r.target]), { vocabSize: 512 });
    const { examples, tooLong } = encodeRows(tok, trainRows, blockSize);
    const meanLen = examples.reduce((a, e) => a + e.ids.length, 0) / examples.length;
    const steps = args.has('tokens') ? Math.ceil(num(args, 'tokens', 0) / (batchSize * meanLen)) : num(args, 'steps', 1000);
    const lr = num(args, 'lr', 2e-3);
    const train = defaultTrainConfig({
      preset, seed: num(args, 'seed', 1), batchSize, blockSize, steps,
      curriculumSteps: Math.floor(steps * num(args, 'curriculum', 0.25)),
      optim: { lr, minLr: lr / 10, warmupSteps: Math.min(200, Math.floor(steps / 20)) },
      notes: { data, command: `npm run train -- ${process.argv.slice(2).join(' ')}`, backend: backend.backend },
    });
    s = createTrainer(train, tok, examples);
    console.log(JSON.stringify({ event: 'start', preset, params: countParams(s.model), vocab: tok.size, examples: examples.length,
      too_long: tooLong, mean_len: +meanLen.toFixed(1), steps, backend: backend.backend, config: s.model }));
  }
  if (resume) console.log(JSON.stringify({ event: 'resume', step: s.step, tokens: s.tokensSeen, backend: backend.backend }));

  const procs = num(args, 'procs', 1);
  if (!Number.isInteger(procs) || procs < 1) throw new Error(`--procs must be a whole number >= 1, got ${procs}`);
  if (procs > s.train.batchSize) throw new Error(`--procs ${procs} is more than the batch (${s.train.batchSize})`);
  const pool: PeerPool | undefined = procs > 1 ? await startPeers(procs - 1, s.model, backend.backend) : undefined;
  try {
    await loop(s, args, out, valRows, pool);
  } finally {
    pool?.close();
  }
}

async function loop(s: Trainer, args: Map<string, string>, out: string, valRows: Row[], pool?: PeerPool): Promise<void> {
  const logEvery = num(args, 'log-every', 25);
  const ckptEvery = num(args, 'ckpt-every', 250);
  const evalEvery = num(args, 'eval-every', 500);
  const deadline = args.has('minutes') ? Date.now() + num(args, 'minutes', 0) * 60_000 : Infinity;
  let stop = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => (stop = true));

  const save = async (): Promise<void> => writeCheckpointDir(out, await saveCheckpoint(s));
  const evaluate = async (): Promise<void> => {
    const t0 = performance.now();
    const { summary, predictions } = await evaluateRows(s.params, s.model, s.tok, valRows);
    s.history.push({ step: s.step, loss: NaN, lr: 0, tokens: s.tokensSeen, elapsedMs: s.elapsedMs, valAccuracy: summary.accuracy });
    const sample = predictions[0];
    console.log(JSON.stringify({ event: 'eval', step: s.step, tokens: s.tokensSeen, accuracy: summary.accuracy,
      trace_accuracy: summary.traceAccuracy, by_level: Object.fromEntries(Object.entries(summary.byLevel)
        .map(([l, v]) => [l, +v.accuracy.toFixed(3)])), eval_s: +((performance.now() - t0) / 1000).toFixed(1),
      sample: sample && { expected: sample.expected, generated: sample.generated.slice(-120) } }));
  };

  let lossSum = 0;
  let n = 0;
  let tokens = 0;
  let t0 = performance.now();
  while (s.step < s.train.steps && !stop && Date.now() < deadline) {
    let r;
    try {
      r = await trainStepParallel(s, pool?.peers ?? []);
    } catch (e) {
      await save(); // the failed step changed no weights (its batch counts as drawn): keep everything before it
      throw e;
    }
    lossSum += (await r.loss.data())[0]!;
    r.loss.dispose();
    n++;
    tokens += r.tokens;
    if (s.step % logEvery === 0) {
      const dt = (performance.now() - t0) / 1000;
      const loss = lossSum / n;
      s.history.push({ step: s.step, loss, lr: r.lr, tokens: s.tokensSeen, elapsedMs: s.elapsedMs });
      console.log(JSON.stringify({ step: s.step, loss: +loss.toFixed(4), lr: +r.lr.toExponential(3),
        tokens_per_s: Math.round(tokens / dt), tokens: s.tokensSeen, elapsed_s: Math.round(s.elapsedMs / 1000),
        levels_open: s.sampler.levelsOpen(s.step), T: r.T }));
      lossSum = 0;
      n = 0;
      tokens = 0;
      t0 = performance.now();
    }
    if (s.step % evalEvery === 0) await evaluate();
    if (s.step % ckptEvery === 0) await save();
    // wasm reads resolve as microtasks: without a macrotask turn, SIGTERM's handler would never run.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (s.step >= s.train.steps) await evaluate();
  await save();
  console.log(JSON.stringify({ event: 'saved', step: s.step, tokens: s.tokensSeen, out, done: s.step >= s.train.steps }));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

// npm run train -- --preset nano --data FILE.jsonl --steps N --out DIR [--backend wasm] [--resume] ...
// SFT on dataset rows (split `train`), one JSON line per log interval on stdout, checkpoints in DIR
// (config.json, tokenizer.json, model.safetensors, optimizer.safetensors), exact resume with --resume.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initNodeBackend, NODE_BACKENDS } from '../src/model/node/backends.ts';
import { PRESETS, countParams, type PresetName } from '../src/model/gpt.ts';
import { SCHEME, Tokenizer } from '../src/tokenise/tokenizer.ts';
import { encodeRows, fitTokenizer, parseRows, sampleByLevel, type Example } from '../src/train/data.ts';
import type { LoadedRow } from '../src/dataset/row.ts';
import { evaluateRows } from '../src/train/evaluate.ts';
import { createTrainer, defaultTrainConfig, loadParams, resumeTrainer, saveCheckpoint, trainStepParallel,
  type Trainer } from '../src/train/trainer.ts';
import { readCheckpointConfig } from '../src/train/checkpoint-format.ts';
import { startPeers, type PeerPool } from '../src/train/node/peers.ts';
import { readCheckpointDir, writeCheckpointDir } from '../src/train/node/checkpoint-dir.ts';
import { exactCompare, type Compare } from '../src/evaluate/score.ts';
import { createNodeRunner, type NodeRunner } from '../src/capture/node/runner.ts';
import { num, parseArgs } from './args.ts';
import { runTorch, torchProblem, writePrepared } from '../src/train/node/torch-engine.ts';

const HELP = `npm run train -- --data FILE.jsonl --out DIR [options]
  --engine tfjs|torch  who runs the steps: TensorFlow.js here (default) or the native PyTorch trainer
                       (src/train/native/train.py, one process per --procs; needs Debian's python3-torch)
  --preset nano|micro|tiny|small   model size (default nano)
  --pos rope|learned   position encoding: rotary positions (default) or a learned table (older checkpoints)
  --steps N            optimiser steps (sets the LR schedule); or
  --tokens N           a token budget: steps = N / (batch * mean example length)
  --batch N            sequences per step (default 16)
  --lr X               peak learning rate (default 2e-3)
  --block N            longest example kept, in tokens (default 256)
  --curriculum F       fraction of steps over which levels open easiest first (default 0.25; 0 = off)
  --seed N             weights and data order (default 1)
  --tokenizer-scheme 1|2|3 how text is cut into tokens: 2 (default) gives a name one token wherever it stands,
                       1 is the older scheme (a space in front of a name made it another token), 3 also makes
                       a name and the = that binds it one token ("x = ", "x="; under study)
  --backend NAME       wasm | cpu (default: first that initialises, wasm first)
  --procs N            processes sharing each batch (data parallel, one per core; default 1)
  --resume             continue exactly from the checkpoint in --out (with --steps: extend it to that total);
                       refused if --data is not the file it was trained on (--force to continue anyway)
  --force              start a new run even though --out holds a checkpoint (it is replaced at the first save)
  --compare python|exact   how evaluations score answers: by value in Pyodide (default) or as exact strings
  --minutes M          stop (with a checkpoint) after M minutes of wall time
  --until-tokens N     stop (with a checkpoint) once N tokens have been trained on, schedule unchanged
                       (compare runs at equal token budgets, then resume them)
  --log-every N        (default 25)   --ckpt-every N (default 250)
  --eval-every N       (default 500; 0 = none)  --eval-limit N validation rows per evaluation (default 60)`;

const count = (args: Map<string, string>, key: string, fallback: number, min = 1): number =>
  num(args, key, fallback, { int: true, min });

/** What a checkpoint records of its data, so a resume can tell whether it continues on the same rows. */
function dataId(text: string, trainRows: number): { data_sha256: string; train_rows: string } {
  return { data_sha256: createHash('sha256').update(text).digest('hex'), train_rows: String(trainRows) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), HELP);
  if (args.has('help')) {
    console.log(HELP);
    return;
  }
  const data = args.get('data');
  const out = args.get('out');
  if (!data || !out) throw new Error(`--data and --out are required\n${HELP}`);
  const preset = (args.get('preset') ?? 'nano') as PresetName;
  if (!(preset in PRESETS)) throw new Error(`unknown preset ${preset} (one of ${Object.keys(PRESETS).join(', ')})`);

  const engine = args.get('engine') ?? 'tfjs';
  if (engine !== 'tfjs' && engine !== 'torch') throw new Error(`--engine must be tfjs or torch, got ${engine}`);
  if (engine === 'torch') {
    const problem = torchProblem();
    if (problem) throw new Error(problem);
  }
  const pos = args.get('pos') ?? 'rope';
  if (pos !== 'learned' && pos !== 'rope') throw new Error(`--pos must be learned or rope, got ${pos}`);
  const backendName = args.get('backend');
  if (backendName && !(NODE_BACKENDS as string[]).includes(backendName)) {
    throw new Error(`unknown --backend ${backendName} (in Node: ${NODE_BACKENDS.join(', ')})`);
  }
  const compareMode = args.get('compare') ?? 'python';
  if (compareMode !== 'python' && compareMode !== 'exact') throw new Error(`--compare must be python or exact, got ${compareMode}`);
  if (!existsSync(data)) throw new Error(`--data ${data}: no such file (build one with npm run dataset, see docs/dataset.md)`);
  const hasCheckpoint = existsSync(join(out, 'config.json'));
  if (hasCheckpoint && !args.has('resume') && !args.has('force')) {
    const step = readCheckpointConfig(readFileSync(join(out, 'config.json'), 'utf8'), join(out, 'config.json')).step;
    throw new Error(`${out} already holds a checkpoint at step ${step}: add --resume to continue it, or --force to replace it`);
  }

  const backend = await initNodeBackend(backendName);
  const text = readFileSync(data, 'utf8');
  const { rows, skipped } = parseRows(text);
  const trainRows = rows.filter((r) => r.split === 'train');
  const valRows = sampleByLevel(rows.filter((r) => r.split === 'validation'), count(args, 'eval-limit', 60));
  if (!trainRows.length) throw new Error(`${data} has no rows with split "train" (${rows.length} rows, ${skipped} skipped)`);
  const id = dataId(text, trainRows.length);
  const command = `npm run train -- ${process.argv.slice(2).join(' ')}`;

  let s: Trainer;
  let examples: Example[];
  const resume = args.has('resume') && hasCheckpoint;
  if (args.has('resume') && !hasCheckpoint) console.error(`${out} holds no checkpoint yet: starting a new run there`);
  if (resume) {
    const files = readCheckpointDir(out);
    const tok = Tokenizer.fromJSON(JSON.parse(files['tokenizer.json']));
    const cfg = readCheckpointConfig(files['config.json'], join(out, 'config.json'));
    const was = cfg.train.notes?.data_sha256;
    if (was && was !== id.data_sha256 && !args.has('force')) {
      throw new Error(`${out} was trained on other data (${cfg.train.notes?.data}, ${cfg.train.notes?.train_rows} training rows, ` +
        `sha256 ${was.slice(0, 12)}…) than ${data} (${trainRows.length} rows, ${id.data_sha256.slice(0, 12)}…): an exact resume ` +
        'needs the same file; pass --force to continue on this one anyway');
    }
    const wasEngine = cfg.train.notes?.engine ?? 'tfjs';
    if (wasEngine !== engine && !args.has('force')) {
      throw new Error(`${out} was trained by the ${wasEngine} engine: resume it with --engine ${wasEngine} ` +
        '(or pass --force to continue its weights on the other engine; its data order then starts afresh)');
    }
    examples = encodeRows(tok, trainRows, cfg.train.blockSize).examples;
    s = resumeTrainer(files, examples);
    const ignored = ['preset', 'pos', 'batch', 'lr', 'block', 'curriculum', 'seed', 'tokens', 'tokenizer-scheme'].filter((k) => args.has(k));
    if (ignored.length) console.error(`resuming: ${ignored.map((k) => `--${k}`).join(', ')} ignored (the checkpoint's own settings apply)`);
    // --steps on resume extends the run: the cosine schedule is stretched over the new total (a warm restart
    // when the old run had finished). Without it the run continues exactly as configured.
    const steps = count(args, 'steps', s.train.steps);
    const notes = s.train.notes ?? {};
    s.train = { ...s.train, steps, optim: { ...s.train.optim, totalSteps: steps }, notes: { ...notes, ...id, engine,
      resumes: [notes.resumes, `at step ${s.step}: ${command}`].filter(Boolean).join('\n') } };
    console.log(JSON.stringify({ event: 'resume', step: s.step, tokens: s.tokensSeen, steps, backend: backend.backend }));
  } else {
    const blockSize = count(args, 'block', 256, 8);
    const batchSize = count(args, 'batch', 16);
    const scheme = num(args, 'tokenizer-scheme', SCHEME, { int: true, min: 1 });
    if (scheme !== 1 && scheme !== 2 && scheme !== 3) throw new Error(`--tokenizer-scheme must be 1, 2 or 3, got ${scheme}`);
    const tok = fitTokenizer(trainRows, scheme);
    const encoded = encodeRows(tok, trainRows, blockSize);
    examples = encoded.examples;
    const tooLong = encoded.tooLong;
    if (!examples.length) throw new Error(`every training row is longer than --block ${blockSize} tokens`);
    const meanLen = examples.reduce((a, e) => a + e.ids.length, 0) / examples.length;
    const steps = args.has('tokens') ? Math.ceil(num(args, 'tokens', 0, { min: 1 }) / (batchSize * meanLen)) : count(args, 'steps', 1000);
    const lr = num(args, 'lr', 2e-3, { min: 0 });
    const train = defaultTrainConfig({
      preset, pos, seed: count(args, 'seed', 1, 0), batchSize, blockSize, steps,
      curriculumSteps: Math.floor(steps * num(args, 'curriculum', 0.25, { min: 0 })),
      optim: { lr, minLr: lr / 10, warmupSteps: Math.min(200, Math.floor(steps / 20)) },
      notes: { data, ...id, command, backend: engine === 'torch' ? 'torch' : backend.backend, engine },
    });
    s = createTrainer(train, tok, examples);
    console.log(JSON.stringify({ event: 'start', preset, params: countParams(s.model), vocab: tok.size, examples: examples.length,
      too_long: tooLong, mean_len: +meanLen.toFixed(1), steps, backend: engine === 'torch' ? 'torch' : backend.backend,
      config: s.model }));
  }

  // Evaluations score answers by value as CRUXEval does, in the sandboxed Pyodide runner (started at the first one).
  let runner: Promise<NodeRunner> | undefined;
  const compare: Compare = compareMode === 'exact' ? exactCompare
    : async (a, b) => (await (runner ??= createNodeRunner({ processes: 1 }))).compare(a, b);
  if (engine === 'torch') {
    try {
      await torchLoop(s, args, out, valRows, compare, examples, id.data_sha256, !resume);
    } finally {
      await (await runner)?.close();
    }
    return;
  }

  const procs = count(args, 'procs', 1);
  if (procs > s.train.batchSize) throw new Error(`--procs ${procs} is more than the batch (${s.train.batchSize})`);
  const pool: PeerPool | undefined = procs > 1 ? await startPeers(procs - 1, s.model, backend.backend) : undefined;
  try {
    await loop(s, args, out, valRows, compare, pool);
  } finally {
    pool?.close();
    await (await runner)?.close();
  }
}

async function loop(s: Trainer, args: Map<string, string>, out: string, valRows: LoadedRow[], compare: Compare,
  pool?: PeerPool): Promise<void> {
  const logEvery = count(args, 'log-every', 25);
  const ckptEvery = count(args, 'ckpt-every', 250);
  const evalEvery = count(args, 'eval-every', 500, 0);
  const deadline = args.has('minutes') ? Date.now() + num(args, 'minutes', 0, { min: 0 }) * 60_000 : Infinity;
  const tokenBudget = num(args, 'until-tokens', Infinity, { min: 0 });
  let stop = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => (stop = true));

  const save = async (): Promise<void> => writeCheckpointDir(out, await saveCheckpoint(s));
  const evaluate = async (): Promise<void> => {
    const t0 = performance.now();
    const { summary, predictions } = await evaluateRows(s.params, s.model, s.tok, valRows, { compare });
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
  while (s.step < s.train.steps && !stop && Date.now() < deadline && s.tokensSeen < tokenBudget) {
    let r;
    try {
      r = await trainStepParallel(s, pool?.peers ?? []);
    } catch (e) {
      await save(); // a failed step leaves the trainer as it was before it (trainStepParallel): resumes exactly
      throw new Error(`${e instanceof Error ? e.message : String(e)}; saved at step ${s.step}: add --resume to continue`, { cause: e });
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

/** Evaluation at `step` of the checkpoint in `out`: the line printed and the figures recorded in its history. */
async function evaluateCheckpoint(out: string, valRows: LoadedRow[], compare: Compare, t0 = performance.now()):
  Promise<Record<string, unknown>> {
  const files = readCheckpointDir(out);
  const cfg = readCheckpointConfig(files['config.json'], join(out, 'config.json'));
  const tok = Tokenizer.fromJSON(JSON.parse(files['tokenizer.json']));
  const params = loadParams(cfg.model, files['model.safetensors']);
  try {
    const { summary, predictions } = await evaluateRows(params, cfg.model, tok, valRows, { compare });
    const sample = predictions[0];
    return { event: 'eval', step: cfg.step, tokens: cfg.tokensSeen, accuracy: summary.accuracy,
      trace_accuracy: summary.traceAccuracy, by_level: Object.fromEntries(Object.entries(summary.byLevel)
        .map(([l, v]) => [l, +v.accuracy.toFixed(3)])), eval_s: +((performance.now() - t0) / 1000).toFixed(1),
      sample: sample && { expected: sample.expected, generated: sample.generated.slice(-120) } };
  } finally {
    for (const v of Object.values(params)) v.dispose();
  }
}

/**
 * The torch engine: a new run starts from the step-0 checkpoint written here (tfjs's seeded initialiser, so a seed
 * gives the same weights on both engines), the rows are prepared once beside --out, and train.py takes over.
 */
async function torchLoop(s: Trainer, args: Map<string, string>, out: string, valRows: LoadedRow[], compare: Compare,
  examples: Example[], dataSha: string, fresh: boolean): Promise<void> {
  if (fresh) writeCheckpointDir(out, await saveCheckpoint(s));
  else { // a resume's --steps and notes
    const file = join(out, 'config.json');
    writeFileSync(file, JSON.stringify({ ...readCheckpointConfig(readFileSync(file, 'utf8'), file), train: s.train }, null, 1));
  }
  const prepared = `${out}.prepared`;
  writePrepared(prepared, s.tok, examples, { blockSize: s.train.blockSize, data_sha256: dataSha });
  const { done } = runTorch({
    prepared, out, procs: count(args, 'procs', 1), logEvery: count(args, 'log-every', 25),
    ckptEvery: count(args, 'ckpt-every', 250), evalEvery: count(args, 'eval-every', 500, 0),
    minutes: args.has('minutes') ? num(args, 'minutes', 0, { min: 0 }) : undefined,
    untilTokens: num(args, 'until-tokens', Infinity, { min: 0 }),
    onLine: (line) => console.log(JSON.stringify(line)),
    onEval: async () => {
      const r = await evaluateCheckpoint(out, valRows, compare);
      console.log(JSON.stringify(r));
      return r;
    },
  });
  const code = await done;
  if (code !== 0) throw new Error(`the torch trainer exited with code ${code}; add --resume to continue from its last checkpoint`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

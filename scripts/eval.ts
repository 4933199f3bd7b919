// npm run eval -- --checkpoint DIR --dataset FILE.jsonl [--limit N] [--split test] [--compare python|exact]
// Greedy generation for each row, answer compared with the real output by value (CRUXEval: eval(a) == eval(b),
// via the sandboxed Pyodide runner) and trace step accuracy. Accepts dataset rows and CRUXEval rows.
// Progress goes to stderr; the last stdout line is {"total", "correct", "accuracy", ..., "by_level"}.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { initNodeBackend, NODE_BACKENDS } from '../src/model/node/backends.ts';
import { parseRows, sampleByLevel } from '../src/train/data.ts';
import { evaluateRows } from '../src/train/evaluate.ts';
import { loadModelDir } from '../src/train/node/checkpoint-dir.ts';
import { exactCompare, type Compare } from '../src/evaluate/score.ts';
import { baselineAccuracy } from '../src/evaluate/baselines.ts';
import { errorHistogram } from '../src/evaluate/errors.ts';
import { createNodeRunner, type NodeRunner } from '../src/capture/node/runner.ts';
import { strictOptions } from './args.ts';

const HELP = `npm run eval -- --checkpoint DIR --dataset FILE.jsonl [options]
  --limit N            evaluate at most N rows, spread evenly over levels (default: all)
  --split NAME         rows of this split (default: test if the file has any, else all rows)
  --compare python|exact   by value in Pyodide (default) or as exact strings
  --batch N            prompts generated together (default 32)
  --backend NAME       wasm | cpu
  --predictions FILE   write every prediction as JSONL`;

// --help, a flag without its value and an unknown option (a typo) are answered before anything loads.
const opts = strictOptions(process.argv.slice(2), 'eval', HELP,
  ['checkpoint', 'dataset', 'limit', 'split', 'compare', 'batch', 'backend', 'predictions']);
const arg = (name: string): string | undefined => opts.get(name);

function count(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number >= 1, got ${v}`);
  return n;
}

async function main(): Promise<void> {
  const dir = arg('checkpoint');
  const dataset = arg('dataset');
  if (!dir || !dataset) throw new Error(`--checkpoint and --dataset are required\n${HELP}`);
  const mode = arg('compare') ?? 'python';
  if (mode !== 'python' && mode !== 'exact') throw new Error(`--compare must be python or exact, got ${mode}`);
  const batch = count('batch', 32);
  if (!existsSync(`${dir}/config.json`)) throw new Error(`${dir} has no config.json: pass a folder written by npm run train`);
  if (!existsSync(dataset)) throw new Error(`--dataset ${dataset}: no such file`);
  const backendName = arg('backend');
  if (backendName && !(NODE_BACKENDS as string[]).includes(backendName)) {
    throw new Error(`unknown --backend ${backendName} (in Node: ${NODE_BACKENDS.join(', ')})`);
  }
  const backend = await initNodeBackend(backendName);
  const { config, tok, params } = loadModelDir(dir);

  const { rows: all, skipped } = parseRows(readFileSync(dataset, 'utf8'));
  const split = arg('split') ?? (all.some((r) => r.split === 'test') ? 'test' : undefined);
  let rows = split ? all.filter((r) => r.split === split) : all;
  if (arg('limit')) rows = sampleByLevel(rows, count('limit', rows.length));
  if (!rows.length) throw new Error(`no rows to evaluate in ${dataset} (split ${split ?? 'any'}, ${skipped} lines skipped)`);

  let runner: NodeRunner | undefined;
  let compare: Compare = exactCompare;
  if (mode === 'python') {
    runner = await createNodeRunner({ processes: 1 });
    compare = (a, b) => runner!.compare(a, b);
  }
  const t0 = performance.now();
  try {
    const { summary, predictions, generatedTokens } = await evaluateRows(params, config.model, tok, rows, {
      batchSize: batch, compare,
      onProgress: (done, total) => process.stderr.write(`\r${done}/${total} rows`),
    });
    process.stderr.write('\n');
    const predFile = arg('predictions');
    if (predFile) writeFileSync(predFile, predictions.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const seconds = (performance.now() - t0) / 1000;
    // The same rows answered trivially (most common output of the training rows), compared the same way.
    // Where each story first leaves the reference story (rows with one): src/evaluate/errors.ts.
    const targets = new Map(rows.map((r) => [r.id, r.target]));
    const storied = predictions.filter((p) => targets.get(p.id)?.includes('[THOUGHT]'));
    const errorClasses = storied.length ? errorHistogram(storied.map((p) => ({ generated: p.generated,
      reference: targets.get(p.id)! }))) : undefined;
    const baselines = await baselineAccuracy(rows, all.filter((r) => r.split === 'train').map((r) => r.output), compare);
    console.log(JSON.stringify({
      checkpoint: dir, dataset, split: split ?? 'all', backend: backend.backend, compare: runner ? 'python' : 'exact',
      step: config.step, tokens_trained: config.tokensSeen, generated_tokens_per_s: Math.round(generatedTokens / seconds),
      by_level: summary.byLevel, trace_accuracy: summary.traceAccuracy,
      baselines, ...(errorClasses ? { error_classes: errorClasses } : {}), total: summary.total, correct: summary.correct, accuracy: summary.accuracy,
    }));
  } finally {
    await runner?.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

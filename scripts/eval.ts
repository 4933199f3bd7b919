// npm run eval -- --checkpoint DIR --dataset FILE.jsonl [--limit N] [--split test] [--compare python|exact]
// Greedy generation for each row, answer compared with the real output by value (CRUXEval: eval(a) == eval(b),
// via the sandboxed Pyodide runner) and trace step accuracy. Accepts dataset rows and CRUXEval rows.
// Progress goes to stderr; the last stdout line is {"total", "correct", "accuracy", ..., "by_level"}.
import { readFileSync, writeFileSync } from 'node:fs';
import { initNodeBackend } from '../src/model/node/backends.ts';
import { parseRows, type Row } from '../src/train/data.ts';
import { evaluateRows } from '../src/train/evaluate.ts';
import { loadParams, readCheckpointConfig } from '../src/train/trainer.ts';
import { Tokenizer } from '../src/tokenise/tokenizer.ts';
import { exactCompare, type Compare } from '../src/evaluate/score.ts';
import { createNodeRunner, type NodeRunner } from '../src/capture/node/runner.ts';

const HELP = `npm run eval -- --checkpoint DIR --dataset FILE.jsonl [options]
  --limit N            evaluate at most N rows, spread evenly over levels (default: all)
  --split NAME         rows of this split (default: test if the file has any, else all rows)
  --compare python|exact   by value in Pyodide (default) or as exact strings
  --batch N            prompts generated together (default 32)
  --backend NAME       wasm | cpu
  --predictions FILE   write every prediction as JSONL`;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function pick(rows: Row[], limit: number): Row[] {
  const levels = [...new Set(rows.map((r) => r.level))].sort((a, b) => a - b);
  const per = Math.ceil(limit / Math.max(1, levels.length));
  return levels.flatMap((l) => rows.filter((r) => r.level === l).slice(0, per)).slice(0, limit);
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return console.log(HELP);
  const dir = arg('checkpoint');
  const dataset = arg('dataset');
  if (!dir || !dataset) throw new Error(`--checkpoint and --dataset are required\n${HELP}`);
  const backend = await initNodeBackend(arg('backend'));
  const config = readCheckpointConfig(readFileSync(`${dir}/config.json`, 'utf8'));
  const tok = Tokenizer.fromJSON(JSON.parse(readFileSync(`${dir}/tokenizer.json`, 'utf8')));
  const params = loadParams(config.model, new Uint8Array(readFileSync(`${dir}/model.safetensors`)));

  const { rows: all, skipped } = parseRows(readFileSync(dataset, 'utf8'));
  const split = arg('split') ?? (all.some((r) => r.split === 'test') ? 'test' : undefined);
  let rows = split ? all.filter((r) => r.split === split) : all;
  if (arg('limit')) rows = pick(rows, Number(arg('limit')));
  if (!rows.length) throw new Error(`no rows to evaluate in ${dataset} (split ${split ?? 'any'}, ${skipped} lines skipped)`);

  let runner: NodeRunner | undefined;
  let compare: Compare = exactCompare;
  if ((arg('compare') ?? 'python') === 'python') {
    runner = await createNodeRunner({ processes: 1 });
    compare = (a, b) => runner!.compare(a, b);
  }
  const t0 = performance.now();
  try {
    const { summary, predictions, generatedTokens } = await evaluateRows(params, config.model, tok, rows, {
      batchSize: Number(arg('batch') ?? 32), compare,
      onProgress: (done, total) => process.stderr.write(`\r${done}/${total} rows`),
    });
    process.stderr.write('\n');
    const predFile = arg('predictions');
    if (predFile) writeFileSync(predFile, predictions.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const seconds = (performance.now() - t0) / 1000;
    console.log(JSON.stringify({
      checkpoint: dir, dataset, split: split ?? 'all', backend: backend.backend, compare: runner ? 'python' : 'exact',
      step: config.step, tokens_trained: config.tokensSeen, generated_tokens_per_s: Math.round(generatedTokens / seconds),
      by_level: summary.byLevel, trace_accuracy: summary.traceAccuracy,
      total: summary.total, correct: summary.correct, accuracy: summary.accuracy,
    }));
  } finally {
    await runner?.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

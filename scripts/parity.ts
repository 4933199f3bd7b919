// npm run parity -- --checkpoint DIR [--data FILE.jsonl] [--rows N] [--max-new N] [--backend wasm|cpu]
// Holds the model's two runtimes together: the same checkpoint's logits in TensorFlow.js (src/model/gpt.ts) and
// PyTorch (src/train/native/gpt.py) on the same token ids, and greedy generation in both (tfjs with its KV cache,
// PyTorch recomputing the whole sequence). Ends with one JSON line; exits 1 when the logits differ by more than
// 1e-3 or a greedy text differs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../src/model/node/backends.ts';
import { forward } from '../src/model/gpt.ts';
import { generate } from '../src/model/generate.ts';
import { encodeExample, encodePrompt } from '../src/tokenise/example.ts';
import { parseRows } from '../src/train/data.ts';
import { loadModelDir } from '../src/train/node/checkpoint-dir.ts';
import { PYTHON, torchEnv, torchProblem } from '../src/train/node/torch-engine.ts';
import { num, strictOptions } from './args.ts';

export const LIMIT = 1e-3;
const HELP = `npm run parity -- --checkpoint DIR [options]
  --data FILE.jsonl   rows whose prompt + target are fed to both runtimes (default public/model/sample-iterations.jsonl)
  --rows N            how many rows (default 4)
  --max-new N         greedy tokens per prompt (default 48)
  --backend NAME      tfjs backend: wasm | cpu (default wasm)`;

const opts = strictOptions(process.argv.slice(2), 'parity', HELP, ['checkpoint', 'data', 'rows', 'max-new', 'backend']);
const arg = (name: string, fallback?: string): string | undefined => opts.get(name) ?? fallback;

async function main(): Promise<void> {
  const dir = arg('checkpoint');
  if (!dir) throw new Error(`--checkpoint is required\n${HELP}`);
  const problem = torchProblem();
  if (problem) throw new Error(problem);
  const nRows = num(opts, 'rows', 4, { int: true, min: 1 });
  const maxNew = num(opts, 'max-new', 48, { int: true, min: 1 });
  const backend = await initNodeBackend(arg('backend', 'wasm'));
  const { config: { model: cfg }, tok, params } = loadModelDir(dir);
  const data = arg('data', fileURLToPath(new URL('../public/model/sample-iterations.jsonl', import.meta.url)))!;
  const rows = parseRows(readFileSync(data, 'utf8')).rows.slice(0, nRows);
  const sequences = rows.map((r) => encodeExample(tok, r.prompt, r.target).ids.slice(0, cfg.blockSize));
  const prompts = rows.map((r) => encodePrompt(tok, r.prompt)).filter((q) => q.length < cfg.blockSize);

  const tfLogits = sequences.map((s) => tf.tidy(() => forward(params, cfg, tf.tensor2d([s], [1, s.length], 'int32'))
    .dataSync() as Float32Array));
  const gen = await generate(params, cfg, prompts, { stopId: tok.endId, maxNewTokens: maxNew });

  const work = mkdtempSync(join(tmpdir(), 'dry-run-parity-'));
  try {
    writeFileSync(join(work, 'request.json'), JSON.stringify({ sequences, prompts, stopId: tok.endId, maxNew }));
    const script = fileURLToPath(new URL('../src/train/native/parity.py', import.meta.url));
    const r = spawnSync(PYTHON, [script, '--checkpoint', dir, '--input', join(work, 'request.json'), '--logits',
      join(work, 'logits.f32')], { encoding: 'utf8', env: torchEnv() });
    if (r.status !== 0) throw new Error(`parity.py failed: ${r.stderr || r.error?.message}`);
    const py = JSON.parse(r.stdout.trim().split('\n').pop()!) as { greedy: number[][]; torch: string };
    const buf = readFileSync(join(work, 'logits.f32'));
    const torchLogits = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    let maxDiff = 0;
    let at = 0;
    for (const l of tfLogits) for (let i = 0; i < l.length; i++) maxDiff = Math.max(maxDiff, Math.abs(l[i]! - torchLogits[at++]!));
    if (at !== torchLogits.length) throw new Error(`PyTorch returned ${torchLogits.length} logits, tfjs ${at}`);
    const same = gen.tokens.map((t, i) => tok.decode(t) === tok.decode(py.greedy[i] ?? []));
    const result = { max_abs_logit_diff: maxDiff, same_greedy_text: same.every(Boolean), limit: LIMIT,
      sequences: sequences.length, positions: sequences.reduce((a, s) => a + s.length, 0), greedy_rows: prompts.length,
      greedy_tokens: gen.tokens.reduce((a, t) => a + t.length, 0), pos: cfg.pos ?? 'learned', tfjs_backend: backend.backend,
      torch: py.torch, python: PYTHON, sample: tok.decode(gen.tokens[0] ?? []).slice(0, 80) };
    console.log(JSON.stringify(result));
    if (maxDiff > LIMIT || !result.same_greedy_text) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
    for (const v of Object.values(params)) v.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

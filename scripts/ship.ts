// npm run ship -- --checkpoint DIR --data FILE.jsonl [--out public/model] [--granularity detailed]
//                  [--results EVAL.json --command 'npm run eval -- ...']
// Copy a trained checkpoint into the page as the shipped model, halved: weights in F16 and Adam's moments in BF16
// (safetensors.ts), so public/ stays within its 10 MB; config.json and tokenizer.json as they are, with a note of
// where the model came from. Also writes the page's training sample for each story granularity it can make from
// FILE (the run's own dataset, full rows): 1,500 training and 150 validation rows of the same programs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSafetensors, encodeSafetensors } from '../src/model/safetensors.ts';
import { readCheckpointConfig, type MeasuredResults } from '../src/train/trainer.ts';
import { readCheckpointDir } from '../src/train/node/checkpoint-dir.ts';
import { directTwin } from '../src/dataset/build.ts';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const SAMPLE = { train: 1500, validation: 150 };

function main(): void {
  const dir = arg('checkpoint');
  const data = arg('data');
  const out = arg('out', 'public/model')!;
  const granularity = arg('granularity', 'detailed')!;
  if (!dir || !data) throw new Error('usage: npm run ship -- --checkpoint DIR --data FILE.jsonl [--out public/model] [--granularity NAME]');
  if (!existsSync(join(dir, 'config.json'))) throw new Error(`${dir} holds no checkpoint (config.json)`);
  const files = readCheckpointDir(dir);
  const config = readCheckpointConfig(files['config.json']);
  mkdirSync(out, { recursive: true });
  const notes = { ...config.train.notes, shipped_from: dir, shipped_dtype: 'F16 weights, BF16 Adam moments' };
  // The panel shows these beside a live run: the last line of `npm run eval` on fresh programs.
  const resultsFile = arg('results');
  let results: MeasuredResults | undefined;
  if (resultsFile) {
    const e = JSON.parse(readFileSync(resultsFile, 'utf8').trim().split('\n').pop()!) as { total: number; accuracy: number;
      by_level: Record<string, { accuracy: number }>; baselines?: { first_argument?: { accuracy: number } } };
    results = { command: arg('command') ?? '', rows: e.total, accuracy: e.accuracy,
      byLevel: Object.fromEntries(Object.entries(e.by_level).map(([l, v]) => [l, v.accuracy])),
      ...(e.baselines?.first_argument ? { firstArgument: e.baselines.first_argument.accuracy } : {}) };
  }
  writeFileSync(join(out, 'config.json'), JSON.stringify({ ...config, train: { ...config.train, notes },
    ...(results ? { results } : {}) }, null, 1));
  writeFileSync(join(out, 'tokenizer.json'), files['tokenizer.json']);
  const weights = decodeSafetensors(files['model.safetensors']);
  writeFileSync(join(out, 'model.safetensors'), encodeSafetensors(weights.tensors, weights.metadata, 'F16'));
  if (files['optimizer.safetensors']) {
    const opt = decodeSafetensors(files['optimizer.safetensors']);
    writeFileSync(join(out, 'optimizer.safetensors'), encodeSafetensors(opt.tensors, opt.metadata, 'BF16'));
  }
  // The page's samples: the same programs as full story rows and as their direct twin.
  const rows = readFileSync(data, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { split: string; target: string });
  const sample = [...rows.filter((r) => r.split === 'train').slice(0, SAMPLE.train),
    ...rows.filter((r) => r.split === 'validation').slice(0, SAMPLE.validation)];
  const lines = (rs: object[]) => rs.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFileSync(join(out, `sample-${granularity}.jsonl`), lines(sample));
  writeFileSync(join(out, 'sample-direct.jsonl'), lines(sample.map(directTwin)));
  console.log(JSON.stringify({ out, step: config.step, tokens: config.tokensSeen, sample_rows: sample.length, granularity }));
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}

// npm run ship -- --checkpoint DIR --data FILE.jsonl --role trace-sft|direct-sft|rl --name NAME --recipe TEXT
//                  [--out public/model] [--granularity detailed] [--story detailed|worked|direct] [--weights-only]
//                  [--results EVAL.json --command 'npm run eval -- ...']
// The model is entered (by role, replacing that role's entry) in public/models/index.json, which the page reads.
// Copy a trained checkpoint into the page as the shipped model, halved: weights in F16 and Adam's moments in BF16
// (safetensors.ts), so public/ stays within its 10 MB; config.json and tokenizer.json as they are, with a note of
// where the model came from. Also writes the page's training sample for each story granularity it can make from
// FILE (the run's own dataset, full rows): 1,500 training and 150 validation rows of the same programs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSafetensors, encodeSafetensors } from '../src/model/safetensors.ts';
import { readCheckpointConfig, type MeasuredResults } from '../src/train/checkpoint-format.ts';
import { readCheckpointDir } from '../src/train/node/checkpoint-dir.ts';
import { directTwin } from '../src/dataset/build.ts';
import { MODEL_ROLES, readManifest, ShippedModelSchema, storyOf, type ShippedModel } from '../src/train/manifest.ts';
import { strictOptions } from './args.ts';

const USAGE = `usage: npm run ship -- --checkpoint DIR --data FILE.jsonl --role trace-sft|direct-sft|rl --name NAME --recipe TEXT
                 [--out public/model] [--granularity detailed] [--story detailed|worked|direct] [--weights-only]
                 [--results EVAL.json --command 'npm run eval -- ...']`;
const opts = strictOptions(process.argv.slice(2), 'ship', USAGE,
  ['checkpoint', 'data', 'out', 'granularity', 'role', 'name', 'recipe', 'story', 'results', 'command'], ['weights-only']);
const arg = (name: string, fallback?: string): string | undefined => opts.get(name) ?? fallback;

const SAMPLE = { train: 1500, validation: 150 };

function main(): void {
  const dir = arg('checkpoint');
  const data = arg('data');
  const out = arg('out', 'public/model')!;
  const granularity = arg('granularity', 'detailed')!;
  const role = arg('role') as ShippedModel['role'] | undefined;
  if (!role || !MODEL_ROLES.includes(role)) throw new Error(`--role must be one of ${MODEL_ROLES.join(', ')}`);
  const weightsOnly = opts.has('weights-only');
  if (!dir || !data) throw new Error(USAGE);
  if (!existsSync(join(dir, 'config.json'))) throw new Error(`${dir} holds no checkpoint (config.json)`);
  const files = readCheckpointDir(dir);
  const config = readCheckpointConfig(files['config.json'], join(dir, 'config.json'));
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
  if (files['optimizer.safetensors'] && !weightsOnly) {
    const opt = decodeSafetensors(files['optimizer.safetensors']);
    writeFileSync(join(out, 'optimizer.safetensors'), encodeSafetensors(opt.tensors, opt.metadata, 'BF16'));
  }
  // The manifest: this role's entry replaced, the others kept.
  const manifestPath = 'public/models/index.json';
  const others = existsSync(manifestPath) ? readManifest(JSON.parse(readFileSync(manifestPath, 'utf8'))).filter((m) => m.role !== role) : [];
  const rowsTrained = Number(config.train.notes?.train_rows ?? 0);
  const entry: ShippedModel = { name: arg('name') ?? role, role, path: `${out.replace(/^public\//, '').replace(/\/?$/, '/')}`,
    tokens: config.tokensSeen, ...(rowsTrained ? { programs: rowsTrained } : {}), recipe: arg('recipe') ?? '',
    story: ShippedModelSchema.shape.story.unwrap().parse(arg('story') ?? storyOf({ role })),
    resumable: !!files['optimizer.safetensors'] && !weightsOnly };
  mkdirSync('public/models', { recursive: true });
  writeFileSync(manifestPath, JSON.stringify({ version: 1, models: readManifest({ version: 1, models: [...others, entry] }) }, null, 1) + '\n');
  if (role !== 'trace-sft') {
    console.log(JSON.stringify({ out, step: config.step, tokens: config.tokensSeen, role }));
    return;
  }
  // The page's samples (beside the trace model): the same programs as full story rows and as their direct twin.
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

// npm run dataset -- --levels 1-3 --n 20000 --seed 1 --granularity iterations --out FILE.jsonl
// Builds a dataset in Node: generated programs (or CRUXEval rows with --from-cruxeval) run for real
// through the sandboxed Node runner, verbalised, checked, split, written as JSONL. Progress on stderr.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createNodeRunner } from '../src/capture/node/runner.ts';
import type { Trace } from '../src/capture/trace.ts';
import { buildDataset, DEFAULT_CONFIG, directTwin, FORMATS, formatRow, validateConfig, type DatasetConfig, type Format } from '../src/dataset/build.ts';
import type { Row } from '../src/dataset/row.ts';
import { importCruxeval } from '../src/dataset/cruxeval.ts';
import { LEVELS, type Level } from '../src/dataset/generate.ts';
import { datasetStats, statsMarkdown } from '../src/dataset/stats.ts';
import { GRANULARITIES, type Granularity } from '../src/verbalise/story.ts';
import { refuse, strictOptions } from './args.ts';

const USAGE = `Usage: npm run dataset -- [options] --out FILE.jsonl

Generated programs (ground truth from really running each one):
  --levels 1-3            levels to mix, a range or a list (1,2,5); default 1-3
  --n 20000               samples to keep; default ${DEFAULT_CONFIG.n}
  --seed 1                generator seed; default ${DEFAULT_CONFIG.seed}
  --granularity NAME      ${GRANULARITIES.join(' | ')}; default ${DEFAULT_CONFIG.granularity}
  --max-target CHARS      drop samples whose target is longer; default ${DEFAULT_CONFIG.maxTargetChars}
  --max-prompt CHARS      drop samples whose prompt is longer; default ${DEFAULT_CONFIG.maxPromptChars}
  --max-steps N           step limit per run; default ${DEFAULT_CONFIG.maxSteps}
  --stdin-share P         share (0-1) of stdin scripts instead of calls; default ${DEFAULT_CONFIG.stdinShare}
  --params 1-3            integer parameters of a level 1 or 2 function, a count or a range (1-8); default ${DEFAULT_CONFIG.params.join('-')}
  --split-percent V,T     validation and test percent; default ${DEFAULT_CONFIG.validationPercent},${DEFAULT_CONFIG.testPercent}
Paired baseline:
  --direct-twin-of FILE   the rows of FILE (any story granularity) with their stories taken out: the same
                          programs, splits and answers, answer-only (the direct SFT twin's data)
Evaluation source (never for training):
  --from-cruxeval FILE    rows {code, input, output} run through the tracer; all rows get split "test"
Output:
  --out FILE.jsonl        where to write (required)
  --format rows|sft|rl    full rows (default), chat messages, or prompt/answer for RL
  --stats FILE.md         also write per-level statistics and example stories as Markdown
                          (between the dataset-stats markers if FILE already has them)
  --processes N           runner processes; default 2`;

function fail(message: string): never {
  return refuse('dataset', USAGE, message);
}

function parseLevels(text: string): Level[] {
  const range = /^(\d)-(\d)$/.exec(text);
  const list = range ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i) : text.split(',').map(Number);
  if (!list.length || list.some((l) => !LEVELS.includes(l as Level))) fail(`--levels "${text}": use levels 1-5 as a range (1-3) or a list (1,2,5)`);
  return list as Level[];
}

function parseParams(text: string | undefined): readonly [number, number] {
  if (text === undefined) return DEFAULT_CONFIG.params;
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) fail(`--params "${text}": use a count (3) or a range (2-5) of integer parameters for levels 1 and 2`);
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

function parseArgs(argv: string[]) {
  const opts = strictOptions(argv, 'dataset', USAGE, ['levels', 'n', 'seed', 'granularity', 'max-target', 'max-prompt',
    'max-steps', 'stdin-share', 'params', 'split-percent', 'from-cruxeval', 'out', 'format', 'stats', 'processes', 'direct-twin-of']);
  const num = (key: string, fallback: number, integer = true) => {
    const raw = opts.get(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) fail(`--${key} "${raw}" is not ${integer ? 'an integer' : 'a number'}`);
    return value;
  };
  const granularity = (opts.get('granularity') ?? DEFAULT_CONFIG.granularity) as Granularity;
  if (!GRANULARITIES.includes(granularity)) fail(`--granularity "${granularity}": use one of ${GRANULARITIES.join(', ')}`);
  const format = (opts.get('format') ?? 'rows') as Format;
  if (!FORMATS.includes(format)) fail(`--format "${format}": use one of ${FORMATS.join(', ')}`);
  const [validationPercent, testPercent] = (opts.get('split-percent') ?? `${DEFAULT_CONFIG.validationPercent},${DEFAULT_CONFIG.testPercent}`).split(',').map(Number);
  const config: DatasetConfig = {
    levels: parseLevels(opts.get('levels') ?? '1-3'),
    n: num('n', DEFAULT_CONFIG.n),
    seed: num('seed', DEFAULT_CONFIG.seed),
    granularity,
    maxTargetChars: num('max-target', DEFAULT_CONFIG.maxTargetChars),
    maxPromptChars: num('max-prompt', DEFAULT_CONFIG.maxPromptChars),
    maxSteps: num('max-steps', DEFAULT_CONFIG.maxSteps),
    stdinShare: num('stdin-share', DEFAULT_CONFIG.stdinShare, false),
    params: parseParams(opts.get('params')),
    validationPercent: validationPercent ?? NaN,
    testPercent: testPercent ?? NaN,
  };
  const problems = validateConfig(config);
  if (problems.length) fail(problems.join('; '));
  const out = opts.get('out');
  if (!out) fail('--out FILE.jsonl is required');
  const processes = num('processes', 2);
  if (processes < 1 || processes > 16) fail('--processes must be from 1 to 16');
  return { config, out, format, stats: opts.get('stats'), cruxeval: opts.get('from-cruxeval'), processes,
    twinOf: opts.get('direct-twin-of') };
}

const BEGIN = '<!-- dataset-stats:begin -->';
const END = '<!-- dataset-stats:end -->';

/** Write the statistics, or splice them between the markers of an existing document (docs/dataset.md). */
function writeStats(path: string, markdown: string) {
  let doc: string | undefined;
  try {
    doc = readFileSync(path, 'utf8');
  } catch {
    doc = undefined;
  }
  const a = doc?.indexOf(BEGIN) ?? -1;
  const b = doc?.indexOf(END) ?? -1;
  if (doc !== undefined && a >= 0 && b > a) {
    writeFileSync(path, `${doc.slice(0, a + BEGIN.length)}\n${markdown}\n${doc.slice(b)}`);
  } else writeFileSync(path, markdown);
}

/** Progress on a terminal rewrites one line; sent to a file it is a line every 10 s. */
let lastLine = 0;
function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${text}   `);
  else if (Date.now() - lastLine > 10_000) {
    lastLine = Date.now();
    process.stderr.write(`${text}\n`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  if (args.twinOf) {
    const rows = readFileSync(args.twinOf, 'utf8').split('\n').filter((l) => l.trim()).map((l) => directTwin(JSON.parse(l) as Row));
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, rows.map((r) => formatRow(r, args.format)).join('\n') + (rows.length ? '\n' : ''));
    process.stderr.write(`dataset: wrote the direct twin of ${rows.length} rows of ${args.twinOf} to ${args.out}\n`);
    return;
  }
  const runner = await createNodeRunner({ processes: args.processes });
  const traces = new Map<string, Trace>();
  let rows: Row[];
  try {
    if (args.cruxeval) {
      let text: string;
      try {
        text = readFileSync(args.cruxeval, 'utf8');
      } catch (e) {
        fail(`cannot read --from-cruxeval ${args.cruxeval}: ${(e as Error).message}`);
      }
      const result = await importCruxeval(text, args.config, (reqs) => runner.runMany(reqs, (done, total) => {
        progress(`cruxeval: ran ${done}/${total}`);
      }), (a, b) => runner.compare(a, b));
      process.stderr.write('\n');
      rows = result.rows;
      for (const [problem, count] of Object.entries(result.outcomes)) process.stderr.write(`  ${problem}: ${count}\n`);
      for (const d of result.disagreements.slice(0, 10)) process.stderr.write(`  ${d.id}: stated output ${d.stated}, real run gives ${d.real} (row left out)\n`);
      if (result.disagreements.length > 10) process.stderr.write(`  ... and ${result.disagreements.length - 10} more\n`);
    } else {
      const result = await buildDataset(args.config, (reqs) => runner.runMany(reqs), {
        batchSize: 200,
        onProgress: (p) => {
          const secs = (Date.now() - started) / 1000;
          progress(`dataset: kept ${p.kept}/${p.n} of ${p.tried} tried (${secs.toFixed(0)} s)`);
        },
        onRow: (row, trace) => { if (args.stats) traces.set(row.id, trace); },
      });
      process.stderr.write('\n');
      rows = result.rows;
      const outcomes = Object.entries(result.progress.outcomes).map(([k, v]) => `${k} ${v}`).join(', ');
      process.stderr.write(`dataset: outcomes of ${result.progress.tried} candidates: ${outcomes}\n`);
      if (rows.length < args.config.n) process.stderr.write(`dataset: WARNING only ${rows.length} of ${args.config.n} samples could be made within the limits\n`);
    }
  } finally {
    await runner.close();
  }
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, rows.map((r) => formatRow(r, args.format)).join('\n') + (rows.length ? '\n' : ''));
  const secs = (Date.now() - started) / 1000;
  const splits = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.split]: (acc[r.split] ?? 0) + 1 }), {});
  process.stderr.write(`dataset: wrote ${rows.length} rows (${Object.entries(splits).map(([k, v]) => `${k} ${v}`).join(', ')}) to ${args.out} in ${secs.toFixed(1)} s\n`);
  if (args.stats) {
    writeStats(args.stats, statsMarkdown(datasetStats(rows), rows, args.config));
    process.stderr.write(`dataset: statistics in ${args.stats}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`dataset: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});

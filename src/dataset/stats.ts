// Statistics of a built dataset: level and status mix, lengths (characters and tokens), trace
// lengths, diversity. Shared by the Data panel and `npm run dataset -- --stats FILE.md`.
import { diversity, type Diversity } from './canonical.ts';
import type { DatasetConfig } from './build.ts';
import type { Row } from './row.ts';

// Token estimate: the tokenizer's pre-tokenisation (a digit, a word with its space, a punctuation run,
// a newline with its indentation); a fitted vocabulary never has more tokens than this.
const PIECE = /\[\/?(?:PYTHON|THOUGHT|ANSWER|STDIN)\]|[0-9]| ?[A-Za-z_]+| ?[^\sA-Za-z_0-9]+|\n[ \t]*|[ \t]+|\s/g;
export function tokenEstimate(text: string): number {
  return text.match(PIECE)?.length ?? 0;
}

export interface Summary { count: number; mean: number; median: number; p95: number; max: number }

export function summarise(values: readonly number[]): Summary {
  if (!values.length) return { count: 0, mean: 0, median: 0, p95: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { count: sorted.length, mean: sorted.reduce((s, v) => s + v, 0) / sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

export interface Histogram { edges: number[]; counts: number[] }

/** Equal-width histogram with `bins` bins from 0 to the maximum. */
export function histogram(values: readonly number[], bins = 20): Histogram {
  const max = Math.max(1, ...values);
  const width = Math.max(1, Math.ceil(max / bins));
  const counts = new Array<number>(Math.ceil((max + 1) / width)).fill(0);
  for (const v of values) counts[Math.floor(v / width)]!++;
  return { edges: counts.map((_, i) => i * width), counts };
}

export interface LevelStats {
  level: number;
  samples: number;
  promptChars: Summary;
  targetChars: Summary;
  targetTokens: Summary;
  /** Numbered sentences in the target. */
  sentences: Summary;
  /** Steps of the real trace. */
  traceSteps: Summary;
  kinds: Record<string, number>;
  splits: Record<string, number>;
  /** Calls (`call`) and stdin scripts (`program`). */
  modes: Record<string, number>;
  diversity: Diversity;
}

export interface DatasetStats {
  samples: number;
  levels: LevelStats[];
  all: Omit<LevelStats, 'level' | 'kinds'>;
}

const sentencesOf = (target: string) => (target.match(/^\d+\. /gm) ?? []).length;
const tally = (items: readonly string[]) => items.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});

function statsOf(rows: readonly Row[]): Omit<LevelStats, 'level' | 'kinds'> {
  return {
    samples: rows.length,
    promptChars: summarise(rows.map((r) => r.prompt.length)),
    targetChars: summarise(rows.map((r) => r.target.length)),
    targetTokens: summarise(rows.map((r) => tokenEstimate(r.target))),
    sentences: summarise(rows.map((r) => sentencesOf(r.target))),
    traceSteps: summarise(rows.map((r) => r.steps)),
    splits: tally(rows.map((r) => r.split)),
    modes: tally(rows.map((r) => r.mode)),
    diversity: diversity(rows.map((r) => r.code)),
  };
}

export function datasetStats(rows: readonly Row[]): DatasetStats {
  const levels = [...new Set(rows.map((r) => r.level))].sort((a, b) => a - b);
  return {
    samples: rows.length,
    levels: levels.map((level) => {
      const mine = rows.filter((r) => r.level === level);
      return { level, kinds: tally(mine.map((r) => r.kind)), ...statsOf(mine) };
    }),
    all: statsOf(rows),
  };
}

const f1 = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const sum = (s: Summary) => `${f1(s.mean)} / ${f1(s.median)} / ${f1(s.p95)} / ${f1(s.max)}`;

/** The first `n` rows, with the first stdin script in place of the last when none of them is one. */
function examplesOf(rows: readonly Row[], n: number): Row[] {
  const first = rows.slice(0, n);
  const script = rows.find((r) => r.mode === 'program');
  return script && n > 0 && !first.includes(script) && !first.some((r) => r.mode === 'program') ? [...first.slice(0, n - 1), script] : first;
}

/** Markdown: a per-level table, diversity, and the first three stories of each level (one a stdin script when there is one). */
export function statsMarkdown(stats: DatasetStats, rows: readonly Row[], config?: DatasetConfig, examplesPerLevel = 3): string {
  const out: string[] = [];
  if (config) out.push(`Config: levels ${config.levels.join(',')}, n ${config.n}, seed ${config.seed}, granularity ${config.granularity}, max target ${config.maxTargetChars} chars, max steps ${config.maxSteps}, stdin share ${config.stdinShare}.`, '');
  out.push('Lengths are mean / median / p95 / max. Tokens: pre-tokenizer pieces (an upper bound for the fitted vocabulary).', '');
  out.push('| level | samples | calls/stdin | split train/val/test | prompt chars | target chars | target tokens | sentences | trace steps |');
  out.push('|---|---|---|---|---|---|---|---|---|');
  const line = (name: string, s: Omit<LevelStats, 'level' | 'kinds'>) =>
    `| ${name} | ${s.samples} | ${s.modes.call ?? 0}/${s.modes.program ?? 0} | ${s.splits.train ?? 0}/${s.splits.validation ?? 0}/${s.splits.test ?? 0} | ${sum(s.promptChars)} | ${sum(s.targetChars)} | ${sum(s.targetTokens)} | ${sum(s.sentences)} | ${sum(s.traceSteps)} |`;
  for (const l of stats.levels) out.push(line(String(l.level), l));
  out.push(line('all', stats.all), '');
  out.push('Diversity (shape = names renamed and constants abstracted; canonical = names renamed, the split identity):', '');
  out.push('| level | programs | distinct canonical | distinct shapes | distinct 3-grams | distinct/total 4-grams | shapes by kind |');
  out.push('|---|---|---|---|---|---|---|');
  const div = (name: string, d: Diversity, kinds?: Record<string, number>) =>
    `| ${name} | ${d.programs} | ${d.distinctCanonical} | ${d.distinctShapes} | ${d.distinctNgrams[3]} | ${d.ngramDistinctRatio[4].toFixed(3)} | ${kinds ? Object.entries(kinds).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') : ''} |`;
  for (const l of stats.levels) out.push(div(String(l.level), l.diversity, l.kinds));
  out.push(div('all', stats.all.diversity), '');
  for (const l of stats.levels) {
    out.push(`### Level ${l.level}: example stories`, '');
    for (const row of examplesOf(rows.filter((r) => r.level === l.level), examplesPerLevel)) {
      out.push(`\`${row.id}\` (${row.kind}, ${row.split})`, '', '```text', row.prompt, row.target, '```', '');
    }
  }
  return out.join('\n');
}

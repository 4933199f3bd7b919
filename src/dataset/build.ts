// Build a dataset from a config: generate programs, run each one for real (ground truth comes
// only from the runner), verbalise the trace, keep it only if the run finished ok and the story's
// answer equals the real output. One implementation, used by scripts/dataset.ts (Node runner)
// and workers/dataset.worker.ts (in-worker Pyodide): the caller passes how to run a batch.
// Reproducible: candidates are numbered, each has its own seed, and they are accepted in order.
import type { RunRequest, Trace, TraceStatus } from '../capture/trace.ts';
import { answerOf, GRANULARITIES, verbalise, workOf, type Granularity } from '../verbalise/story.ts';
import { compareStates, expectedStates, parseStory } from '../verbalise/parse.ts';
import { canonicalForm, fnv1a } from './canonical.ts';
import { DEFAULT_SHAPE, generateProgram, LEVELS, type Level, type Program } from './generate.ts';
import { itemSeed, Rng } from './rng.ts';
import type { Row, Split } from './row.ts';

// The row type lives in row.ts; re-exported for the Data panel and the dataset worker, which import it from here.
export type { Row, Split } from './row.ts';

export interface DatasetConfig {
  levels: Level[];
  /** Number of samples to keep. */
  n: number;
  seed: number;
  granularity: Granularity;
  /** Samples whose prompt or target is longer than this (characters) are dropped. */
  maxPromptChars: number;
  maxTargetChars: number;
  /** Step limit for each run; longer runs end with status step_limit and are dropped. */
  maxSteps: number;
  /** Share of programs written as stdin scripts (predict the stdout) rather than calls. */
  stdinShare: number;
  /** How many integer parameters a level 1 or 2 function takes, [min, max] (more names to look up by name). */
  params: readonly [number, number];
  /** Percent of program identities in validation and test (the rest is train). */
  validationPercent: number;
  testPercent: number;
}

export const DEFAULT_CONFIG: DatasetConfig = {
  levels: [1, 2, 3],
  n: 1000,
  seed: 1,
  granularity: 'iterations',
  maxPromptChars: 600,
  maxTargetChars: 1500,
  maxSteps: 1000,
  stdinShare: 0.1,
  params: DEFAULT_SHAPE.params,
  validationPercent: 5,
  testPercent: 5,
};

/** Why a candidate was not kept (besides being kept: `ok`). */
export type Outcome = 'ok' | TraceStatus | 'too_long' | 'big_numbers' | 'duplicate' | 'answer_mismatch' | 'roundtrip_mismatch';

export interface BuildProgress {
  kept: number;
  tried: number;
  n: number;
  outcomes: Partial<Record<Outcome, number>>;
}

/** Runs a batch of requests, in order, returning one trace per request. */
export type RunBatch = (reqs: RunRequest[]) => Promise<Trace[]>;

export interface BuildOptions {
  onProgress?: (p: BuildProgress) => void;
  /** Called with each kept row and its trace, in order (the panel keeps traces for its browser). */
  onRow?: (row: Row, trace: Trace) => void;
  signal?: AbortSignal;
  batchSize?: number;
}

export function splitOf(code: string, config: Pick<DatasetConfig, 'validationPercent' | 'testPercent'>): Split {
  const bucket = fnv1a(canonicalForm(code)) % 100;
  if (bucket < config.testPercent) return 'test';
  if (bucket < config.testPercent + config.validationPercent) return 'validation';
  return 'train';
}

/**
 * What a program's split identity is computed from. A generated stdin script is its function plus
 * lines that read the arguments and print the result: its identity is the function, so a script and
 * the call it wraps (or another script over the same function) always land in the same split.
 */
export function identityOf(p: Pick<Program, 'code' | 'mode'>): string {
  if (p.mode !== 'program') return p.code;
  const lines = p.code.split('\n');
  const script = lines.findIndex((l) => /^(?:arg\d+ = eval\(input\(\)\)|print\(f\(.*\)\))$/.test(l));
  return script > 0 ? lines.slice(0, script).join('\n') : p.code;
}

/** The same row answer-only: its story taken out of the target (the direct SFT twin of a story dataset). */
export function directTwin<R extends { target: string; granularity?: string }>(row: R): R {
  const target = row.target.replace(/^\[THOUGHT\][\s\S]*?\[\/THOUGHT\]\n/, '');
  return { ...row, target, ...(row.granularity !== undefined ? { granularity: 'direct' } : {}) };
}

/** Worked expressions are recorded only when the story shows them (they cost tracing time). */
export function requestOf(p: Pick<Program, 'code' | 'mode' | 'call' | 'stdin'>, maxSteps: number,
  work: RunRequest['work'] = false): RunRequest {
  const extra = { limits: { maxSteps, timeoutMs: 5000 }, ...(work ? { work } : {}) };
  return p.mode === 'call'
    ? { code: p.code, mode: 'call', call: p.call ?? '', ...extra }
    : { code: p.code, mode: 'program', stdin: p.stdin ?? '', ...extra };
}

/** The call arguments of `f(...)`, or the stdin. */
export function inputOf(p: Pick<Program, 'mode' | 'call' | 'stdin'>): string {
  if (p.mode === 'program') return p.stdin ?? '';
  const call = p.call ?? '';
  const open = call.indexOf('(');
  return open >= 0 && call.endsWith(')') ? call.slice(open + 1, -1) : call;
}

const BIG_NUMBER = /\d{5,}/;

/**
 * Turn one real trace into a row, or say why not. Used for generated programs and CRUXEval alike.
 * The story's answer (read back from the target) must equal the real output.
 */
export function rowOf(
  trace: Trace,
  meta: { id: string; level: Level | 0; kind: string; split: Split; input: string },
  config: Pick<DatasetConfig, 'granularity' | 'maxPromptChars' | 'maxTargetChars'>,
  checkNumbers = true,
): { row: Row; outcome: 'ok' } | { row: null; outcome: Outcome } {
  if (trace.status !== 'ok') return { row: null, outcome: trace.status };
  const story = verbalise(trace, config.granularity);
  // A direct dataset keeps exactly the programs its iterations twin keeps (the paper's paired baseline),
  // so its length filter reads the iterations story.
  const judged = config.granularity === 'direct' ? verbalise(trace, 'iterations') : story;
  if (story.prompt.length > config.maxPromptChars || judged.target.length > config.maxTargetChars) return { row: null, outcome: 'too_long' };
  if (checkNumbers && BIG_NUMBER.test(judged.target)) return { row: null, outcome: 'big_numbers' };
  const output = answerOf(trace);
  const parsed = parseStory(story.target);
  if (parsed.answer !== output) return { row: null, outcome: 'answer_mismatch' };
  // The story must read back into the real states; a failure here is a verbaliser bug, counted, never kept.
  if (parsed.errors.length || compareStates(parsed.states, expectedStates(trace, config.granularity)).firstDivergence) {
    return { row: null, outcome: 'roundtrip_mismatch' };
  }
  return {
    outcome: 'ok',
    row: {
      ...meta, code: trace.code, mode: trace.mode, output, prompt: story.prompt, target: story.target,
      status: trace.status, steps: trace.steps.length, granularity: config.granularity,
    },
  };
}

/** Check a config; returns the problems in words (empty when fine). */
export function validateConfig(c: DatasetConfig): string[] {
  const problems: string[] = [];
  if (!c.levels.length || c.levels.some((l) => !LEVELS.includes(l))) problems.push('levels must be among 1-5');
  if (!Number.isInteger(c.n) || c.n < 1 || c.n > 1_000_000) problems.push('n must be an integer from 1 to 1000000');
  if (!Number.isInteger(c.seed) || c.seed < 0 || c.seed > 0xffffffff) problems.push('seed must be an integer from 0 to 4294967295');
  if (!GRANULARITIES.includes(c.granularity)) problems.push(`granularity must be one of ${GRANULARITIES.join(', ')}`);
  if (!(c.maxTargetChars > 0) || !(c.maxPromptChars > 0)) problems.push('length limits must be positive');
  if (!(c.maxSteps > 0)) problems.push('maxSteps must be positive');
  if (!(c.stdinShare >= 0 && c.stdinShare <= 1)) problems.push('stdinShare must be between 0 and 1');
  const [lo, hi] = c.params;
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1 && lo <= hi && hi <= 8)) problems.push('params must be a range of whole numbers within 1-8 (min ≤ max)');
  if (!(c.validationPercent >= 0 && c.testPercent >= 0 && c.validationPercent + c.testPercent < 100)) problems.push('validation + test percent must be below 100');
  return problems;
}

/** Candidate `index` of a run: its level cycles through the config's levels, its seed is its own. */
export function candidate(config: Pick<DatasetConfig, 'levels' | 'seed' | 'stdinShare'> & Partial<Pick<DatasetConfig, 'params'>>, index: number): Program {
  const level = config.levels[index % config.levels.length]!;
  return generateProgram(new Rng(itemSeed(config.seed, index)), level, config.stdinShare, { params: config.params ?? DEFAULT_SHAPE.params });
}

/** Build the dataset. Resolves with the kept rows, in order (fewer than n only when aborted). */
export async function buildDataset(config: DatasetConfig, runBatch: RunBatch, opts: BuildOptions = {}): Promise<{ rows: Row[]; progress: BuildProgress }> {
  const problems = validateConfig(config);
  if (problems.length) throw new Error(`Bad dataset config: ${problems.join('; ')}`);
  const batchSize = opts.batchSize ?? 64;
  const rows: Row[] = [];
  const seen = new Set<string>();
  const progress: BuildProgress = { kept: 0, tried: 0, n: config.n, outcomes: {} };
  const count = (o: Outcome) => { progress.outcomes[o] = (progress.outcomes[o] ?? 0) + 1; };
  // Give up if the generator cannot reach n (e.g. very tight length limits).
  const maxTries = config.n * 20 + 1000;
  let next = 0;
  while (rows.length < config.n && next < maxTries) {
    if (opts.signal?.aborted) break;
    const programs: { index: number; program: Program }[] = [];
    while (programs.length < batchSize && next < maxTries) {
      const index = next++;
      const program = candidate(config, index);
      const key = `${program.code}\u0000${program.call ?? ''}\u0000${program.stdin ?? ''}`;
      if (seen.has(key)) {
        count('duplicate');
        progress.tried++;
        continue;
      }
      seen.add(key);
      programs.push({ index, program });
    }
    const traces = await runBatch(programs.map(({ program }) => requestOf(program, config.maxSteps, workOf(config.granularity))));
    if (opts.signal?.aborted) break; // a cancelled batch is not counted: the result is a clean prefix
    for (let i = 0; i < programs.length && rows.length < config.n; i++) {
      const { index, program } = programs[i]!;
      const trace = traces[i]!;
      progress.tried++;
      const made = rowOf(trace, {
        id: `s${config.seed}-${index}`, level: program.level, kind: program.kind,
        split: splitOf(identityOf(program), config), input: inputOf(program),
      }, config);
      count(made.outcome);
      if (made.row) {
        rows.push(made.row);
        opts.onRow?.(made.row, trace);
      }
    }
    progress.kept = rows.length;
    opts.onProgress?.({ ...progress, outcomes: { ...progress.outcomes } });
  }
  progress.kept = rows.length;
  return { rows, progress };
}

// ---- output formats ---------------------------------------------------------------------------

export const FORMATS = ['rows', 'sft', 'rl'] as const;
export type Format = (typeof FORMATS)[number];

/** One JSONL line for a row in a format (see docs/dataset.md for the schemas). */
export function formatRow(row: Row, format: Format): string {
  if (format === 'sft') {
    return JSON.stringify({
      id: row.id, split: row.split,
      messages: [{ role: 'user', content: row.prompt }, { role: 'assistant', content: row.target }],
    });
  }
  if (format === 'rl') {
    return JSON.stringify({ id: row.id, split: row.split, prompt: row.prompt, answer: row.output, mode: row.mode, reward: 'exact_match' });
  }
  return JSON.stringify(row);
}

// Dataset rows -> token sequences -> batches. No tfjs here: batches are plain typed arrays, turned into tensors
// by the step. Data order comes from one seeded Rng, so a checkpoint that stores its state resumes exactly.
import { encodeExample, type EncodedExample } from '../tokenise/example.ts';
import { SCHEME, Tokenizer, type Scheme } from '../tokenise/tokenizer.ts';
import { Rng } from '../dataset/rng.ts';
import { promptOf } from '../verbalise/story.ts';
import { readCruxeval } from '../dataset/cruxeval.ts';
import type { LoadedRow } from '../dataset/row.ts';

// `Row` was this module's name for the row type; kept for workers/train.worker.ts. New code imports LoadedRow.
export type { LoadedRow as Row } from '../dataset/row.ts';

export interface Example extends EncodedExample {
  level: number;
}

/**
 * Parse JSONL text: dataset rows, or CRUXEval rows ({code, input, output}: prompt built as the dataset does,
 * no reference story, level 0, split `test`). Unusable lines are skipped with a count, never a crash.
 */
export function parseRows(jsonl: string): { rows: LoadedRow[]; skipped: number } {
  const rows: LoadedRow[] = [];
  let skipped = 0;
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as Partial<LoadedRow>;
      const crux = r.prompt === undefined ? readCruxeval(line).rows[0] : undefined;
      if (crux) {
        const prompt = promptOf({ mode: 'call', code: crux.code, call: `f(${crux.input})` });
        rows.push({ id: crux.id ?? String(rows.length), level: 0, split: 'test', code: crux.code, input: crux.input,
          output: crux.output, prompt, target: '' });
        continue;
      }
      if (typeof r.prompt !== 'string' || typeof r.target !== 'string') {
        skipped++;
        continue;
      }
      if (r.status !== undefined && r.status !== 'ok') {
        skipped++;
        continue;
      }
      rows.push({ ...r, id: String(r.id ?? rows.length), level: Number(r.level ?? 0), split: r.split ?? 'train',
        output: String(r.output ?? '') } as LoadedRow);
    } catch {
      skipped++;
    }
  }
  return { rows, skipped };
}

/**
 * The tokenizer a new run fits: on the training split only, its first 5,000 rows (enough for a stable ranking of
 * pieces, and fast). Shared by `npm run train` and the train worker so both build the same vocabulary.
 */
export function fitTokenizer(trainRows: LoadedRow[], scheme: Scheme = SCHEME): Tokenizer {
  return Tokenizer.fit(trainRows.slice(0, 5000).flatMap((r) => [r.prompt, r.target]), { vocabSize: 512, scheme });
}

/** Up to `limit` rows spread evenly over levels, in file order, so every evaluation sees the same rows. */
export function sampleByLevel(rows: LoadedRow[], limit: number): LoadedRow[] {
  const levels = [...new Set(rows.map((r) => r.level))].sort((a, b) => a - b);
  const per = Math.ceil(limit / Math.max(1, levels.length));
  return levels.flatMap((l) => rows.filter((r) => r.level === l).slice(0, per)).slice(0, limit);
}

/** Encode rows; rows longer than maxLen tokens are dropped (counted) rather than truncated mid-answer. */
export function encodeRows(tok: Tokenizer, rows: LoadedRow[], maxLen: number): { examples: Example[]; tooLong: number } {
  const examples: Example[] = [];
  let tooLong = 0;
  for (const r of rows) {
    const e = encodeExample(tok, r.prompt, r.target);
    if (e.ids.length > maxLen) tooLong++;
    else examples.push({ ...e, level: r.level });
  }
  return { examples, tooLong };
}

export interface Batch {
  B: number;
  T: number;
  /** [B*T] inputs, targets (next tokens) and loss mask (1 on target positions). */
  x: Int32Array;
  y: Int32Array;
  mask: Float32Array;
  /** Non-pad tokens in the batch (what tokens/s counts). */
  tokens: number;
}

/** Pads to the longest row rounded up to a multiple of 8, so few distinct shapes occur. */
export function makeBatch(examples: Example[], padId: number): Batch {
  const B = examples.length;
  const longest = Math.max(...examples.map((e) => e.ids.length - 1));
  const T = Math.ceil(longest / 8) * 8;
  const x = new Int32Array(B * T).fill(padId);
  const y = new Int32Array(B * T).fill(padId);
  const mask = new Float32Array(B * T);
  let tokens = 0;
  examples.forEach((e, b) => {
    for (let t = 0; t + 1 < e.ids.length; t++) {
      x[b * T + t] = e.ids[t]!;
      y[b * T + t] = e.ids[t + 1]!;
      // position t predicts token t+1: a target token when t+1 >= targetStart
      if (t + 1 >= e.targetStart) mask[b * T + t] = 1;
    }
    tokens += e.ids.length;
  });
  return { B, T, x, y, mask, tokens };
}

export interface SamplerState {
  /** RNG state when the current group of batches was drawn. */
  rng: number;
  /** Batches of that group already handed out. */
  used?: number;
}

/** Batches drawn together and sorted by length, so each batch pads little (~35% padding without it). */
const GROUP = 4;

/**
 * Curriculum: for the first `curriculumSteps` steps the pool grows level by level (level k joins after
 * (k-1)/nLevels of that span), then every level is sampled uniformly. Sampling is with replacement.
 * Examples are drawn GROUP batches at a time and sorted by length; the state (RNG at the draw, batches used)
 * regenerates the same group on resume.
 */
export class Sampler {
  private readonly byLevel: Example[][];
  private readonly rng: Rng;
  private groupRng: number;
  private group: Example[][] = [];
  private used = 0;
  /** Batches of the saved group already used, replayed once after a resume. */
  private resumeUsed: number;

  constructor(examples: Example[], readonly curriculumSteps: number, state: SamplerState) {
    if (examples.length === 0) throw new Error('no training examples (all filtered out or empty file?)');
    const levels = [...new Set(examples.map((e) => e.level))].sort((a, b) => a - b);
    this.byLevel = levels.map((l) => examples.filter((e) => e.level === l));
    this.rng = new Rng(state.rng);
    this.groupRng = state.rng;
    this.resumeUsed = state.used ?? 0;
  }

  /** Back to a state taken earlier by `state()`: the next batches are the ones drawn after that moment. */
  rewind(state: SamplerState): void {
    this.rng.state = state.rng;
    this.groupRng = state.rng;
    this.group = [];
    this.used = 0;
    this.resumeUsed = state.used ?? 0;
  }

  state(): SamplerState {
    return { rng: this.groupRng, used: this.used };
  }

  /** How many levels (easiest first) are in the pool at this step. */
  levelsOpen(step: number): number {
    const n = this.byLevel.length;
    if (this.curriculumSteps <= 0 || step >= this.curriculumSteps) return n;
    return Math.min(n, 1 + Math.floor((step / this.curriculumSteps) * n));
  }

  next(step: number, batchSize: number): Example[] {
    if (this.resumeUsed > 0) {
      // Regenerate the group the checkpoint was in the middle (or at the end) of, with the pool open at its first step.
      this.draw(step - this.resumeUsed, batchSize);
      this.used = this.resumeUsed;
      this.resumeUsed = 0;
    }
    if (this.used >= this.group.length) this.draw(step, batchSize);
    return this.group[this.used++]!;
  }

  private draw(step: number, batchSize: number): void {
    this.groupRng = this.rng.state;
    const pool = this.byLevel.slice(0, this.levelsOpen(step)).flat();
    const drawn = Array.from({ length: GROUP * batchSize }, () => pool[this.rng.int(pool.length)]!);
    drawn.sort((a, b) => a.ids.length - b.ids.length);
    this.group = Array.from({ length: GROUP }, (_, g) => drawn.slice(g * batchSize, (g + 1) * batchSize));
    this.used = 0;
  }
}

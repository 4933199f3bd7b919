// The model as a judge of code: one candidate dry-run on each of a task's tests, in the call-mode prompt the model
// was trained on (`[PYTHON] code  assert entry(input) == ?? [/PYTHON]`), k stories a test, every test and sample
// of the candidate in one batch through the key/value cache. Each cell's answers are tallied by value; the
// majority is the predicted output, and the test is predicted to pass when it equals the expected output by value.
// A stage (it drives the model): shared by `npm run rank`, the repair loop and the page's rank worker.
import { Rng } from '../dataset/rng.ts';
import { extractAnswer, type Compare } from '../evaluate/score.ts';
import { tally } from '../evaluate/vote.ts';
import { generate } from '../model/generate.ts';
import type { GPTConfig, Params } from '../model/gpt.ts';
import { samplesIn } from '../evaluate/vote.ts';
import { MIN_STORY_ROOM } from '../simulate/ask.ts';
import { encodePrompt } from '../tokenise/example.ts';
import type { Tokenizer } from '../tokenise/tokenizer.ts';
import { promptOf } from '../verbalise/story.ts';
import type { BankTest } from './bank.ts';
import { shownProgram } from './prompt.ts';

export interface CellPrediction {
  /** Each sample's answer (the value after `==` in its [ANSWER] block), null where it wrote none. */
  outputs: (string | null)[];
  /** The answer most samples gave (grouped by value), null when none answered. */
  majority: string | null;
  /** 0..1, share of samples in the majority. */
  agreement: number;
  /** The majority equals the test's expected output by value. */
  predictedPass: boolean;
  /** The stories as written, one per sample ('' when the prompt was too long). */
  texts?: string[];
  /** The prompt left under MIN_STORY_ROOM tokens of the block for a story: nothing was asked. */
  tooLong?: boolean;
}

export interface Simulator {
  params: Params;
  config: GPTConfig;
  tok: Tokenizer;
  /** By value (the runner's `compare`: CRUXEval's eval(a) == eval(b)), or exact text in tests. */
  compare: Compare;
}

export interface PredictOptions {
  /** Stories per test (1 to MAX_SAMPLES); 1 is greedy, the model's most likely story. */
  samples: number;
  /** For samples > 1 (at least 1e-3); ignored for one sample. */
  temperature: number;
  seed: number;
  /** Longest story, in tokens (default: what the block leaves after the prompt). */
  maxTokens?: number;
  /**
   * Called after each token (all rows of the batch): a worker yields here so a stop message is read. Resolving
   * to false stops the batch; the cells then hold what was written (usually no answer).
   */
  onToken?: () => boolean | void | Promise<boolean | void>;
}

/** The prompt for one candidate on one test (the entry function named `f`, as in training: src/rank/prompt.ts). */
export function cellPrompt(entry: string, code: string, test: Pick<BankTest, 'input'>): string {
  return promptOf({ mode: 'call', ...shownProgram(entry, code, test.input) });
}

/** Sampled stories for each test (`[test][sample]`), one batch; a too-long prompt gets null stories. */
export async function sampleTests(sim: Simulator, entry: string, code: string, tests: readonly Pick<BankTest, 'input'>[],
  opts: PredictOptions): Promise<{ texts: (string[] | null)[]; tokens: number; stopped: boolean }> {
  const { texts, tokens, stopped } = await sampleMany(sim, entry, [code], tests, opts);
  return { texts: texts[0]!, tokens, stopped };
}

/**
 * Sampled stories of several codes on the same tests (`[code][test][sample]`), all in one batch through the key/value
 * cache: a repair turn's neighbours judged together. Greedy rows are what each prompt gives alone; sampled rows draw
 * from one seeded stream over the batch, so k > 1 samples differ from asking one code at a time.
 */
export async function sampleMany(sim: Simulator, entry: string, codes: readonly string[], tests: readonly Pick<BankTest, 'input'>[],
  opts: PredictOptions): Promise<{ texts: (string[] | null)[][]; tokens: number; stopped: boolean }> {
  const k = samplesIn(opts.samples);
  const { tok, config } = sim;
  const ids = codes.map((code) => tests.map((t) => encodePrompt(tok, cellPrompt(entry, code, t))));
  const fits = ids.map((perTest) => perTest.map((x) => x.length + MIN_STORY_ROOM <= config.blockSize));
  // Row r is code rows[r].code, test rows[r].test, sample rows[r].sample.
  const rows = ids.flatMap((perTest, code) => perTest.flatMap((x, test) => (fits[code]![test]
    ? Array.from({ length: k }, (_, sample) => ({ code, test, sample, ids: x })) : [])));
  let stopped = false;
  let tokens = 0;
  const out = rows.length ? await generate(sim.params, config, rows.map((r) => r.ids), {
    stopId: tok.endId,
    maxNewTokens: opts.maxTokens ?? config.blockSize,
    temperature: k === 1 ? 0 : Math.max(1e-3, opts.temperature),
    rng: new Rng(opts.seed),
    onToken: async (_, picked) => {
      tokens += picked.filter((t) => t >= 0).length;
      if (opts.onToken && (await opts.onToken()) === false) {
        stopped = true;
        return false;
      }
      return undefined;
    },
  }) : { tokens: [] };
  const texts = fits.map((perTest) => perTest.map((ok) => (ok ? new Array<string>(k).fill('') : null)));
  rows.forEach((r, i) => {
    texts[r.code]![r.test]![r.sample] = tok.decode(out.tokens[i]!);
  });
  return { texts, tokens, stopped };
}

/** One cell from its stories: answers tallied by value, the majority set against the expected output. */
export async function predictionOf(texts: readonly string[] | null, samples: number, expected: string,
  compare: Compare): Promise<CellPrediction> {
  if (!texts) {
    return { outputs: new Array<null>(samples).fill(null), majority: null, agreement: 0, predictedPass: false, texts: [], tooLong: true };
  }
  const outputs = texts.map((t) => extractAnswer(t));
  const votes = await tally(outputs, compare);
  const majority = votes.majority?.answer ?? null;
  const predictedPass = majority !== null && (majority.trim() === expected.trim() || (await compare(expected, majority)));
  return { outputs, majority, agreement: votes.majority ? votes.majority.samples.length / texts.length : 0, predictedPass,
    texts: [...texts] };
}

/** Every test of one candidate, dry-run by the model: one prediction per test, in order. */
export async function predictTests(sim: Simulator, entry: string, code: string, tests: readonly BankTest[],
  opts: PredictOptions): Promise<CellPrediction[]> {
  return (await predictMany(sim, entry, [code], tests, opts))[0]!;
}

/** Every test of several codes, in one batch (`sampleMany`): `[code][test]`. */
export async function predictMany(sim: Simulator, entry: string, codes: readonly string[], tests: readonly BankTest[],
  opts: PredictOptions): Promise<CellPrediction[][]> {
  const k = samplesIn(opts.samples);
  const { texts } = await sampleMany(sim, entry, codes, tests, opts);
  const cells: CellPrediction[][] = [];
  for (const perTest of texts) {
    const row: CellPrediction[] = [];
    for (const [i, t] of tests.entries()) row.push(await predictionOf(perTest[i]!, k, t.output, sim.compare));
    cells.push(row);
  }
  return cells;
}

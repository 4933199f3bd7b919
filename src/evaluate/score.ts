// Scoring a model's generated target against the truth. Pure: used by `npm run eval`, training-time
// evaluation and the Train panel.
// - output exact-match: the value after `==` in the model's [ANSWER] block, compared with the real output
//   by a `Compare` function. Until the Pyodide runner's value comparison (CRUXEval's `eval(a) == eval(b)`)
//   is wired in, `exactCompare` (string equality after trimming) stands in; one argument switches it.
// - trace step accuracy: the model's story read back into states and compared with the reference story's
//   states, position by position, up to the first divergence (`parseStory`/`compareStates`).
import { compareStates, parseStory } from '../verbalise/parse.ts';

export type Compare = (expected: string, actual: string) => boolean | Promise<boolean>;

export const exactCompare: Compare = (expected, actual) => expected.trim() === actual.trim();

export interface SampleScore {
  /** The answer the model gave, or null if its text has no readable [ANSWER] block. */
  answer: string | null;
  correct: boolean;
  /** Agreeing prefix of story states / states in the reference story (both 0 for direct targets). */
  tracePrefix: number;
  traceTotal: number;
}

export function extractAnswer(generated: string): string | null {
  return parseStory(generated).answer;
}

export async function scoreSample(generated: string, reference: { output: string; target?: string },
  compare: Compare = exactCompare): Promise<SampleScore> {
  const parsed = parseStory(generated);
  const answer = parsed.answer;
  const correct = answer !== null && (await compare(reference.output, answer));
  let tracePrefix = 0;
  let traceTotal = 0;
  if (reference.target && reference.target.includes('[THOUGHT]')) {
    const real = parseStory(reference.target).states;
    const c = compareStates(parsed.states, real);
    tracePrefix = Math.min(c.prefix, real.length);
    traceTotal = real.length;
  }
  return { answer, correct, tracePrefix, traceTotal };
}

export interface LevelSummary {
  total: number;
  correct: number;
  accuracy: number;
  /** Mean over samples of agreeing-prefix / reference states (only samples with a reference story). */
  traceAccuracy: number | null;
}

export interface Summary extends LevelSummary {
  byLevel: Record<string, LevelSummary>;
}

export function summarise(scored: { level: number; score: SampleScore }[]): Summary {
  const sum = (items: typeof scored): LevelSummary => {
    const correct = items.filter((s) => s.score.correct).length;
    const traced = items.filter((s) => s.score.traceTotal > 0);
    return {
      total: items.length, correct, accuracy: items.length ? correct / items.length : 0,
      traceAccuracy: traced.length
        ? traced.reduce((a, s) => a + s.score.tracePrefix / s.score.traceTotal, 0) / traced.length : null,
    };
  };
  const levels = [...new Set(scored.map((s) => s.level))].sort((a, b) => a - b);
  return { ...sum(scored), byLevel: Object.fromEntries(levels.map((l) => [String(l), sum(scored.filter((s) => s.level === l))])) };
}

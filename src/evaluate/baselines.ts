// Trivial answers scored on the same rows as a model, so an accuracy means what it seems to: "the first
// argument" (a function that returns its input unchanged, or nearly) and "the most common output of the
// training rows". Pure: used by `npm run eval`; compared by the same `Compare` as the model's answers.
import { scanValue } from '../verbalise/parse.ts';
import type { Compare } from './score.ts';

/** The first top-level argument of a call's argument text (`2, [1, 3]` -> `2`); a script's first stdin line. */
export function firstArgument(row: { input?: string; mode?: string }): string {
  const input = row.input ?? '';
  if (row.mode === 'program') return `${input.split('\n')[0] ?? ''}\n`;
  return input.slice(0, scanValue(input, 0)).trim();
}

/** The most frequent value (ties: the one that reached that count first). */
export function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  let best = '';
  let bestN = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestN) [best, bestN] = [v, n];
  }
  return best;
}

export interface BaselineRow {
  level: number;
  output: string;
  input?: string;
  mode?: string;
}

/** Share of rows each trivial answer gets right, overall and per level. */
export async function baselineAccuracy(rows: BaselineRow[], trainOutputs: string[], compare: Compare):
  Promise<Record<'first_argument' | 'most_common', { accuracy: number; by_level: Record<string, number> }>> {
  const common = mostCommon(trainOutputs);
  const score = async (answer: (r: BaselineRow) => string) => {
    const hits: Record<string, [number, number]> = {};
    let right = 0;
    for (const r of rows) {
      const ok = await compare(r.output, answer(r));
      const h = (hits[r.level] ??= [0, 0]);
      h[0] += ok ? 1 : 0;
      h[1]++;
      right += ok ? 1 : 0;
    }
    return { accuracy: rows.length ? right / rows.length : 0,
      by_level: Object.fromEntries(Object.entries(hits).map(([l, [a, n]]) => [l, +(a / n).toFixed(3)])) };
  };
  return { first_argument: await score(firstArgument), most_common: await score(() => common) };
}

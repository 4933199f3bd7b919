// Which validation rows a run's evaluations generate answers for. Accuracy on 8 rows moves in 12.5 % steps, too
// coarse to follow a run; 32 rows spread over levels (the same rows at every evaluation) cost a few seconds on
// wasm every 50 steps. A short run (a demo, a test) cannot have learnt the answer format yet: a few rows and short
// answers keep it fast, on software WebGPU too.
import type { LoadedRow } from '../dataset/row.ts';
import { sampleByLevel } from './data.ts';

/** Runs of at most this many steps are short. */
export const SHORT_RUN = 50;
export const EVAL_ROWS = { short: 8, long: 32 } as const;

export function evalSample(val: LoadedRow[], steps: number): { rows: LoadedRow[]; maxNewTokens?: number } {
  return steps <= SHORT_RUN ? { rows: sampleByLevel(val, EVAL_ROWS.short), maxNewTokens: 32 }
    : { rows: sampleByLevel(val, EVAL_ROWS.long) };
}

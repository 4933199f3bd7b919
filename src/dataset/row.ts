// The dataset's JSONL row (docs/dataset.md), the one definition of its fields. `Row` is what `npm run dataset` and
// the Data panel write; `LoadedRow` is the part of it a reader can count on when it loads a JSONL line (a row of
// this or an older dataset, or a CRUXEval line turned into a row by `parseRows` in src/train/data.ts).
import type { TraceStatus } from '../capture/trace.ts';
import type { Granularity } from '../verbalise/story.ts';
import type { Level } from './generate.ts';

export type Split = 'train' | 'validation' | 'test';

export interface Row {
  id: string;
  /** Difficulty level 1-5; 0 for imported (CRUXEval) programs. */
  level: Level | 0;
  split: Split;
  /** Which generator shape made the program (e.g. `while-digits`, `recursion-fib`), or `cruxeval`. */
  kind: string;
  code: string;
  /** Call arguments (call mode, e.g. `3, [1, 2]`) or the stdin (program mode). */
  input: string;
  mode: 'call' | 'program';
  /** The real output: repr of the call's value, or the stdout. */
  output: string;
  prompt: string;
  target: string;
  status: TraceStatus;
  /** Number of trace steps of the real run. */
  steps: number;
  granularity: Granularity;
}

/**
 * A row as read back from a file: the fields training and evaluation need are always there; the others may be
 * missing (a CRUXEval line has no story, older files lack newer fields). `level` and `split` are whatever the
 * line says, not checked against the builder's sets.
 */
export type LoadedRow = Pick<Row, 'id' | 'output' | 'prompt' | 'target'>
  & Partial<Omit<Row, 'id' | 'output' | 'prompt' | 'target' | 'level' | 'split'>>
  & { level: number; split: string };

// The checkpoint format: a folder (Node) or one IndexedDB record (the page) of four files, and the one reader of
// its config.json. Pure, no tfjs (the imports below are types), so the page's checkpoint list, the workers, the
// Node commands and the trainer accept and refuse the same files with the same words. train.py writes the same
// config (it copies the one it starts from); gpt.py and plot-curves.py read it in Python.
import type { GPTConfig } from '../model/gpt.ts';
import type { SamplerState } from './data.ts';
import type { LogEntry, TrainConfig } from './trainer.ts';

export const CHECKPOINT_FORMAT = 'dry-run-checkpoint';

/** What a checkpoint is made of; written as files by Node, as one IndexedDB record by the page. */
export interface CheckpointFiles {
  'config.json': string;
  'tokenizer.json': string;
  'model.safetensors': Uint8Array;
  /** Absent in a weights-only checkpoint (still usable for generation, not for an exact resume). */
  'optimizer.safetensors'?: Uint8Array;
}

export interface CheckpointConfig {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  model: GPTConfig;
  train: TrainConfig;
  step: number;
  tokensSeen: number;
  elapsedMs: number;
  sampler: SamplerState;
  params: number;
  history: LogEntry[];
  /** A shipped model's measured accuracy (npm run ship --results): what the panel shows beside a live run. */
  results?: MeasuredResults;
}

/** An `npm run eval` summary of a checkpoint, kept in its config when it is shipped. */
export interface MeasuredResults {
  command: string;
  rows: number;
  accuracy: number;
  byLevel: Record<string, number>;
  /** The same rows answered trivially ("answer = first argument"). */
  firstArgument?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A checkpoint's config.json, checked: format, version and the `model` and `train` sections every reader needs.
 * Throws one sentence saying what is wrong (`source` names the file in it). The other fields are trusted as written.
 */
export function readCheckpointConfig(json: string, source = 'config.json'): CheckpointConfig {
  const refuse = (why: string): never => {
    throw new Error(`${source} is not a Dry Run checkpoint config (${CHECKPOINT_FORMAT} v1): ${why}`);
  };
  let c: unknown;
  try {
    c = JSON.parse(json);
  } catch (e) {
    return refuse(`it is not JSON (${(e as Error).message})`);
  }
  if (!isObject(c)) return refuse('it is not a JSON object');
  if (c.format !== CHECKPOINT_FORMAT) return refuse(c.format === undefined ? 'it has no "format"' : `its format is ${JSON.stringify(c.format)}`);
  if (c.version !== 1) return refuse(c.version === undefined ? 'it has no "version"' : `its version is ${JSON.stringify(c.version)}`);
  for (const section of ['model', 'train'] as const) if (!isObject(c[section])) refuse(`it has no "${section}" section`);
  return c as unknown as CheckpointConfig;
}

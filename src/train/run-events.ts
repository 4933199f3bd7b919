// What the train worker (workers/train.worker.ts) reports about a run: its progress and history (`RunInfo`),
// the events of a run call (`TrainEvent`), the rows it loaded (`DataCounts`). Types only, beside the run config
// (run-config.ts), so the page's pure modules and their tests use them without the worker's backends.
import type { Prediction } from './evaluate.ts';
import type { LogEntry, MeasuredResults } from './trainer.ts';

export type TrainEvent =
  | { kind: 'log'; step: number; steps: number; loss: number; lr: number; tokensPerS: number; elapsedMs: number;
    /** From this session's last steps' wall time; null until enough steps were timed. */
    remainingMs: number | null;
    /** CPU workers that shared the step (this one and its peers), and shards the peers computed so far. */
    workers: number; peerShards: number }
  /** `rows`: validation rows the accuracy was measured on. */
  | { kind: 'eval'; step: number; accuracy: number; rows: number; predictions: Prediction[] }
  /** `stopping`: the loop has ended (a pause or stop was seen) and the run is being saved. */
  | { kind: 'state'; state: 'running' | 'stopping' | 'paused' | 'done'; step: number; steps: number }
  /** The CPU workers a run uses: `used` of `wanted` started; `failures` says why the others did not. */
  | { kind: 'workers'; used: number; wanted: number; failures: string[] }
  | { kind: 'saved'; step: number }
  | { kind: 'save-failed'; step: number; message: string };

export interface DataCounts {
  train: number;
  val: number;
  skipped: number;
}

export interface RunInfo {
  step: number;
  steps: number;
  preset: string;
  params: number;
  /** Training can continue from here (optimizer state present). */
  resumable: boolean;
  history: LogEntry[];
  label: string;
  /** Measured accuracy per level, kept with a shipped model (CheckpointConfig.results). */
  results?: MeasuredResults;
}

// The API of the runner worker (workers/runner.worker.ts), as the page sees it through comlink.
// A separate file so the page and tests can import the type without compiling the worker.
import type { RunRequest, Trace } from './trace.ts';

export interface RunnerReply {
  trace: Trace;
  /** The interpreter is broken or its heap oversized: the page should replace this worker. */
  recycle: boolean;
}

export interface RunnerApi {
  /** Load Pyodide and the tracer (idempotent). `progress` gets (message, fraction in 0..1). */
  init(interrupt?: Uint8Array, progress?: (message: string, fraction: number) => void): Promise<void>;
  run(req: RunRequest): Promise<RunnerReply>;
  compare(expected: string, actual: string): Promise<boolean>;
}

// The dataset worker: builds a dataset in the browser with the same build logic as `npm run dataset`
// (src/dataset/build.ts). It owns its own Pyodide because it only runs programs the generator wrote
// (never code from a link), and a build must not queue behind the Explorer's runs.
// Traces stay here (they are large); the page asks for one sample at a time.
import * as Comlink from 'comlink';
import { loadPyodide } from 'pyodide';
import tracerSource from '../src/capture/tracer.py?raw';
import type { PythonRunner } from '../src/capture/python-runner.ts';
import { loadPythonRunner } from '../src/capture/load-pyodide.ts';
import type { Trace } from '../src/capture/trace.ts';
import { buildDataset, type BuildProgress, type DatasetConfig, type Row } from '../src/dataset/build.ts';

let runner: Promise<PythonRunner> | undefined;
let abort: AbortController | undefined;
let traces: Trace[] = [];
let rows: Row[] = [];

/** Lets the worker read a Cancel message between batches (runs themselves are synchronous). */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface BuildResult {
  progress: BuildProgress;
  cancelled: boolean;
  /** Milliseconds spent building (Python start-up excluded). */
  ms: number;
}

const api = {
  async init(progress?: (message: string, fraction: number) => void): Promise<void> {
    runner ??= (async () => {
      progress?.('Loading Python (Pyodide) for ground truth…', 0.1);
      const { runner: python } = await loadPythonRunner(loadPyodide, new URL('/pyodide/', self.location.origin).href, tracerSource);
      progress?.('Python is ready', 1);
      return python;
    })();
    try {
      await runner;
    } catch (e) {
      runner = undefined;
      throw e;
    }
  },

  /**
   * Build a dataset. Progress and new rows (in chunks, in order) come back through the callbacks;
   * resolves when done or cancelled.
   */
  async build(
    config: DatasetConfig,
    onProgress: (p: BuildProgress) => void,
    onRows: (rows: Row[]) => void,
  ): Promise<BuildResult> {
    await api.init();
    const python = await runner!;
    abort?.abort();
    const mine = new AbortController();
    abort = mine;
    traces = [];
    rows = [];
    let pending: Row[] = [];
    const started = performance.now();
    const result = await buildDataset(config, async (reqs) => {
      await breathe();
      if (mine.signal.aborted) return []; // buildDataset stops without reading them
      return reqs.map((req) => python.run(req));
    }, {
      batchSize: 25,
      signal: mine.signal,
      onRow: (row, trace) => {
        rows.push(row);
        traces.push(trace);
        pending.push(row);
      },
      onProgress: (p) => {
        if (pending.length) onRows(pending);
        pending = [];
        onProgress(p);
      },
    });
    if (pending.length) onRows(pending);
    return { progress: result.progress, cancelled: mine.signal.aborted, ms: performance.now() - started };
  },

  cancel(): void {
    abort?.abort();
  },

  /** The kept sample `index` with its real trace. */
  sample(index: number): { row: Row; trace: Trace } | null {
    const row = rows[index];
    const trace = traces[index];
    return row && trace ? { row, trace } : null;
  },
};

export type DatasetApi = typeof api;

Comlink.expose(api);

// The sandboxed child process of the Node runner (see runner.ts): loads Pyodide once, then runs requests
// from the parent over IPC. Bundled by esbuild at first use and started under Node's permission model
// (reads of the Pyodide package only; no writes, no child processes, no workers, no code from strings).
// Pyodide alone is not a sandbox in Node, so the environment is stripped here before any user code runs.
import { constants as fsConstants } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PyodideAPI } from 'pyodide';
import { createPythonRunner, failedTrace } from '../python-runner.ts';
import { loadRunnerPyodide } from '../load-pyodide.ts';
import type { LoadPyodide } from '../load-pyodide.ts';
import type { PythonRunner } from '../python-runner.ts';
import type { ChildReply, ChildRequest } from './protocol.ts';

// Keep what this file needs; everything else reachable from globalThis is removed below.
const proc = process;
const send = (msg: ChildReply, then?: () => void): void => {
  proc.send?.(msg, undefined, undefined, then);
};
/** Past this wasm heap size the child exits after answering: the heap never shrinks, a fresh process does. */
const HEAP_RECYCLE_BYTES = 1 << 30;

async function load(pyodideDir: string): Promise<PyodideAPI> {
  // Pyodide's NODEFS asks process.binding('constants') at start-up, which the permission model refuses.
  const withBinding = proc as unknown as { binding: (name: string) => unknown };
  const binding = withBinding.binding.bind(proc);
  withBinding.binding = (name: string) => (name === 'constants' ? { fs: fsConstants } : binding(name));
  const mod = (await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href)) as { loadPyodide: LoadPyodide };
  const pyodide = await loadRunnerPyodide(mod.loadPyodide, `${pyodideDir}/`);
  stripGlobals();
  return pyodide;
}

/** Network and process handles user code could reach if it ever got hold of globalThis. */
function stripGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  for (const name of ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest', 'process', 'require', 'navigator']) {
    try {
      delete g[name];
    } catch {
      g[name] = undefined;
    }
  }
}

async function main(): Promise<void> {
  const pyodideDir = proc.argv[2];
  if (!pyodideDir) throw new Error('usage: runner-child PYODIDE_DIR');
  let runner: PythonRunner | undefined;
  let tracerSource: string | undefined;
  /** Set once a reply said `recycle`: requests already queued here must not run in this interpreter. */
  let exiting = false;
  const pyodidePromise = load(pyodideDir);

  proc.on('message', (raw) => {
    const msg = raw as ChildRequest;
    if (msg.kind === 'init') {
      tracerSource = msg.tracerSource;
      pyodidePromise.then(
        (pyodide) => {
          runner = createPythonRunner(pyodide, tracerSource ?? '');
          send({ kind: 'ready' });
        },
        (err: unknown) => {
          send({ kind: 'fatal', message: err instanceof Error ? err.message : String(err) });
          proc.exit(70);
        },
      );
      return;
    }
    if (exiting) return; // the parent runs them in a fresh child once this one has exited
    if (!runner) {
      send({ kind: 'fatal', message: 'request before the runner was ready' });
      return;
    }
    if (msg.kind === 'run') {
      let json: string;
      try {
        json = runner.runToJson(msg.req);
      } catch (err) {
        json = JSON.stringify(failedTrace(msg.req, 'crashed', { type: 'Crashed', message: String(err), line: null }));
      }
      const recycle = !runner.healthy || runner.heapBytes() > HEAP_RECYCLE_BYTES;
      exiting = recycle;
      send({ kind: 'trace', id: msg.id, json, recycle }, recycle ? () => proc.exit(0) : undefined);
    } else if (msg.kind === 'compare') {
      send({ kind: 'compared', id: msg.id, equal: runner.compare(msg.expected, msg.actual) });
    }
  });
  proc.on('disconnect', () => proc.exit(0));
}

void main();

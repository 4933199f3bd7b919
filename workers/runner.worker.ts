// The runner worker: loads Pyodide once (from /pyodide/ of our own origin, never a CDN) and runs programs
// through the shared Python-side runner. The page talks to it only through src/capture/client.ts (comlink).
//
// Code from a shared link runs here, so after Pyodide has loaded, everything in this scope that reaches the
// network or the user's stored work is removed: user code that gets hold of JS objects finds nothing to use.
import * as Comlink from 'comlink';
import { loadPyodide } from 'pyodide';
import tracerSource from '../src/capture/tracer.py?raw';
import { loadPythonRunner } from '../src/capture/load-pyodide.ts';
import type { PythonRunner } from '../src/capture/python-runner.ts';
import type { RunnerApi, RunnerReply } from '../src/capture/runner-api.ts';
import type { RunRequest } from '../src/capture/trace.ts';

/** Past this wasm heap size the page replaces the worker after the run: the heap never shrinks. */
const HEAP_RECYCLE_BYTES = 1 << 30;

/** What user code must not reach: the network, storage shared with the page, other contexts, new code. */
const REMOVED_GLOBALS = [
  'fetch', 'XMLHttpRequest', 'WebSocket', 'WebTransport', 'EventSource', 'indexedDB', 'caches', 'importScripts',
  'BroadcastChannel', 'Worker', 'SharedWorker', 'eval', 'Request', 'CookieStore', 'cookieStore',
] as const;

let runner: Promise<PythonRunner> | undefined;

function harden(): void {
  const scope = self as unknown as Record<string, unknown>;
  for (const name of REMOVED_GLOBALS) {
    try {
      delete scope[name];
    } catch {
      /* not configurable: overwritten below */
    }
    if (name in scope) {
      try {
        Object.defineProperty(scope, name, { value: undefined, configurable: false, writable: false });
      } catch {
        /* best effort */
      }
    }
  }
  // navigator.storage reaches the origin's private file system; it lives on the prototype.
  const navProto = Object.getPrototypeOf(self.navigator) as object | null;
  if (navProto) Reflect.deleteProperty(navProto, 'storage');
  // A JsProxy of any function leads to `fn.constructor`, i.e. Function('...'): code from strings.
  const fnProtos = [
    Function.prototype,
    Object.getPrototypeOf(async function () {}) as object,
    Object.getPrototypeOf(function* () {}) as object,
    Object.getPrototypeOf(async function* () {}) as object,
  ];
  for (const proto of fnProtos) {
    Object.defineProperty(proto, 'constructor', { value: undefined, configurable: false, writable: false });
  }
}

const api: RunnerApi = {
  async init(interrupt?: Uint8Array, progress?: (message: string, fraction: number) => void): Promise<void> {
    runner ??= (async () => {
      // loadPyodide reports nothing while it downloads and compiles (~2-5 s): advance an estimate meanwhile.
      const t0 = performance.now();
      const tick = () => progress?.('Loading Python (Pyodide)…', 0.05 + 0.8 * (1 - Math.exp(-(performance.now() - t0) / 2500)));
      tick();
      const ticker = setInterval(tick, 250);
      let r: PythonRunner;
      try {
        ({ runner: r } = await loadPythonRunner(loadPyodide, new URL('/pyodide/', self.location.origin).href, tracerSource, { interrupt }));
      } finally {
        clearInterval(ticker);
      }
      harden();
      progress?.('Python is ready', 1);
      return r;
    })();
    await runner;
  },

  async run(req: RunRequest): Promise<RunnerReply> {
    if (!runner) await api.init();
    const r = await runner!;
    const trace = r.run(req);
    return { trace, recycle: !r.healthy || r.heapBytes() > HEAP_RECYCLE_BYTES };
  },

  async compare(expected: string, actual: string): Promise<boolean> {
    if (!runner) await api.init();
    return (await runner!).compare(expected, actual);
  },
};

Comlink.expose(api);

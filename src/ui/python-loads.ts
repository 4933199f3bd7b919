// Where Python stands in the page, for the header. The page has two Pythons: the page's RunnerClient (the
// Explorer's runs, the Train panel's scoring: src/ui/runner.ts) and the Data panel's dataset worker, which loads
// its own Pyodide (workers/dataset.worker.ts) and reports it here (`trackPythonLoad`). The header shows the
// runner's state, unless the runner is idle or ready while another Python loads, or idle while another is ready:
// it never says "not started" while a Python loads.
import type { RunnerStatus } from '../capture/client.ts';

/** Another Python of the page, by who runs it (`the Data panel`). */
type Others = ReadonlyMap<string, 'loading' | 'ready'>;

let others: Others = new Map();
const listeners = new Set<() => void>();

/** `state` null: that Python is gone (its worker was replaced, or it failed to load). */
export function reportPython(who: string, state: 'loading' | 'ready' | null): void {
  const next = new Map(others);
  if (state) next.set(who, state);
  else next.delete(who);
  others = next;
  for (const listener of listeners) listener();
}

/** Reports `load` as `who`'s Python loading, then ready (or gone, if it fails). */
export async function trackPythonLoad<T>(who: string, load: Promise<T>): Promise<T> {
  reportPython(who, 'loading');
  try {
    const value = await load;
    reportPython(who, 'ready');
    return value;
  } catch (e) {
    reportPython(who, null);
    throw e;
  }
}

/**
 * A worker's own Python as the header hears of it: `starting(init)` wraps each call that waits for it (only the
 * first of a worker reports loading), `gone()` when the worker is terminated (a fresh one loads again).
 */
export function workerPython(who: string): { starting<T>(init: Promise<T>): Promise<T>; gone(): void } {
  let loaded = false;
  return {
    async starting<T>(init: Promise<T>): Promise<T> {
      const value = await (loaded ? init : trackPythonLoad(who, init));
      loaded = true;
      return value;
    },
    gone() {
      loaded = false;
      reportPython(who, null);
    },
  };
}

export function getOtherPythons(): Others {
  return others;
}

export function subscribeOtherPythons(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The header's Python: the runner's status, or another Python's loading (or readiness) when that says more. */
export function pagePython(runner: RunnerStatus, elsewhere: Others): RunnerStatus {
  // Loading, running or restarting, or failed to start (idle with a message): the runner's own state matters most.
  if (runner.state !== 'idle' && runner.state !== 'ready') return runner;
  if (runner.state === 'idle' && runner.message) return runner;
  const loading = [...elsewhere].find(([, s]) => s === 'loading')?.[0];
  if (loading) {
    return { state: 'loading', message: runner.state === 'ready' ? `Python is loading for ${loading} (the Explorer's is ready).`
      : `Python is loading for ${loading}; the Explorer starts its own at its first run.` };
  }
  const ready = [...elsewhere].find(([, s]) => s === 'ready')?.[0];
  if (runner.state === 'idle' && ready) {
    return { state: 'ready', message: `Python is ready for ${ready}; the Explorer starts its own at its first run.` };
  }
  return runner;
}

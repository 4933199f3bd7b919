// The page's one RunnerClient (Pyodide in a worker, started lazily by the client itself), a hook for its
// status (the Explorer's runs, the Train panel's scoring), and one for the whole page's Python (the header:
// the Data panel's dataset worker loads a Python of its own, python-loads.ts).
import { useEffect, useState, useSyncExternalStore } from 'react';
import { RunnerClient, type RunnerStatus } from '../capture/client.ts';
import { getOtherPythons, pagePython, subscribeOtherPythons } from './python-loads.ts';

export type PythonStatus = RunnerStatus;

let client: RunnerClient | undefined;

export function getRunner(): RunnerClient {
  // After Stop, Python needs time to hand back a long partial trace (measured: ~2 s for 113k steps on a
  // busy 2-core machine); with the client's 1 s default it was terminated first and every step was lost.
  client ??= new RunnerClient({ interruptGraceMs: 5000 });
  return client;
}

export function usePythonStatus(): PythonStatus {
  const [status, setStatus] = useState<PythonStatus>({ state: 'idle' });
  useEffect(() => getRunner().onStatus(setStatus), []);
  return status;
}

/** Where Python stands in the page: the runner's status, or another Python loading (or ready) when it is idle. */
export function usePagePythonStatus(): PythonStatus {
  const runner = usePythonStatus();
  return pagePython(runner, useSyncExternalStore(subscribeOtherPythons, getOtherPythons));
}

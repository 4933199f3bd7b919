// The page's one RunnerClient (Pyodide in a worker, started lazily by the client itself) and a hook
// for its status, shown in the header and used by the explorer.
import { useEffect, useState } from 'react';
import { RunnerClient, type RunnerStatus } from '../capture/client.ts';

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

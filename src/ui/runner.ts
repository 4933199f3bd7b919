// The page's one RunnerClient (Pyodide in a worker, started lazily by the client itself) and a hook
// for its status, shown in the header and used by the explorer.
import { useEffect, useState } from 'react';
import { RunnerClient, type RunnerStatus } from '../capture/client.ts';

export type PythonStatus = RunnerStatus;

let client: RunnerClient | undefined;

export function getRunner(): RunnerClient {
  client ??= new RunnerClient();
  return client;
}

export function usePythonStatus(): PythonStatus {
  const [status, setStatus] = useState<PythonStatus>({ state: 'idle' });
  useEffect(() => getRunner().onStatus(setStatus), []);
  return status;
}

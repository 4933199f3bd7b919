// The page's one RunnerClient (Pyodide in a worker, started lazily by the client itself) and a hook
// for its status, shown in the header and used by the explorer.
import { useEffect, useState } from 'react';
import type { RunnerClient } from '../capture/client.ts';

// TEMPORARY until src/capture/client.ts lands (runner helper): an eager glob resolves to nothing instead
// of failing the build for everyone. Replace with `import { RunnerClient } from '../capture/client.ts'`.
const found = import.meta.glob<{ RunnerClient: new () => RunnerClient }>('../capture/client.ts', { eager: true });

/** RunnerClient's status (interface 2 of the brief), restated so the UI compiles against the contract. */
export interface PythonStatus {
  state: 'idle' | 'loading' | 'ready' | 'busy' | 'restarting';
  message?: string;
  progress?: number;
}

let client: RunnerClient | undefined;

export function getRunner(): RunnerClient {
  const module = Object.values(found)[0];
  if (!module) throw new Error('the Python runner is not part of this build yet');
  client ??= new module.RunnerClient();
  return client;
}

export function usePythonStatus(): PythonStatus {
  const [status, setStatus] = useState<PythonStatus>({ state: 'idle' });
  useEffect(() => {
    try {
      return getRunner().onStatus(setStatus);
    } catch {
      return undefined;
    }
  }, []);
  return status;
}

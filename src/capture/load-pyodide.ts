// Loading Pyodide for a runner, in one place for every host: the runner worker, the dataset worker and the Node
// child process. No DOM and no Node built-ins: each host passes its own `loadPyodide` (the npm package's export in
// a worker; in the Node child, the one imported from the package directory it is allowed to read).
import type { PyodideAPI } from 'pyodide';
import { createPythonRunner, minimalJsGlobals } from './python-runner.ts';
import type { PythonRunner } from './python-runner.ts';

export type LoadPyodide = (options: {
  indexURL: string;
  jsglobals: object;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}) => Promise<PyodideAPI>;

export interface LoadedRunner {
  pyodide: PyodideAPI;
  runner: PythonRunner;
}

/**
 * Pyodide with the runner's settings: its files from `indexURL` (our own origin or the npm package, never a CDN),
 * an empty object as the `js` module (user code that does `import js` finds nothing to use), and the runtime's own
 * output discarded (a run's stdout is captured by the tracer).
 */
export function loadRunnerPyodide(load: LoadPyodide, indexURL: string): Promise<PyodideAPI> {
  return load({ indexURL, jsglobals: minimalJsGlobals(), stdout: () => {}, stderr: () => {} });
}

/** Load Pyodide and start the tracer in it; `interrupt` (the page's Stop buffer) is installed before any run. */
export async function loadPythonRunner(
  load: LoadPyodide,
  indexURL: string,
  tracerSource: string,
  opts: { interrupt?: Uint8Array } = {},
): Promise<LoadedRunner> {
  const pyodide = await loadRunnerPyodide(load, indexURL);
  if (opts.interrupt) pyodide.setInterruptBuffer(opts.interrupt);
  return { pyodide, runner: createPythonRunner(pyodide, tracerSource) };
}

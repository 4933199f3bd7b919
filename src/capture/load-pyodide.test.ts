// The one place Pyodide is loaded for a runner: the settings every host gets, and that the hosts use it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PyodideAPI } from 'pyodide';
import { describe, expect, it } from 'vitest';
import { loadRunnerPyodide } from './load-pyodide.ts';
import type { LoadPyodide } from './load-pyodide.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('loadRunnerPyodide', () => {
  it('loads from the given index URL with an empty js module and the runtime output discarded', async () => {
    let seen: Parameters<LoadPyodide>[0] | undefined;
    const fake = {} as PyodideAPI;
    const load: LoadPyodide = (options) => {
      seen = options;
      return Promise.resolve(fake);
    };
    expect(await loadRunnerPyodide(load, '/pyodide/')).toBe(fake);
    expect(seen?.indexURL).toBe('/pyodide/');
    expect(Object.getPrototypeOf(seen?.jsglobals)).toBeNull();
    expect(Object.keys(seen?.jsglobals ?? { x: 1 })).toEqual([]);
    expect(seen?.stdout('x')).toBeUndefined();
    expect(seen?.stderr('x')).toBeUndefined();
  });

  it('is the only place the hosts configure loadPyodide', () => {
    for (const file of ['workers/runner.worker.ts', 'workers/dataset.worker.ts', 'src/capture/node/runner-child.ts']) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      expect(source, file).not.toMatch(/jsglobals|loadPyodide\(\{/);
      expect(source, file).toMatch(/loadPythonRunner|loadRunnerPyodide/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { getOtherPythons, pagePython, reportPython, trackPythonLoad, workerPython } from './python-loads.ts';

const none = new Map<string, 'loading' | 'ready'>();
const data = (s: 'loading' | 'ready') => new Map([['the Data panel', s]]);

describe('pagePython (the header’s Python)', () => {
  it('is the runner’s own state when nothing else runs Python', () => {
    expect(pagePython({ state: 'idle' }, none)).toEqual({ state: 'idle' });
    expect(pagePython({ state: 'loading', progress: 0.5 }, none)).toEqual({ state: 'loading', progress: 0.5 });
  });

  it('says Python is loading, not "not started", while the Data panel loads its own', () => {
    expect(pagePython({ state: 'idle' }, data('loading'))).toMatchObject({ state: 'loading',
      message: expect.stringContaining('for the Data panel') });
    expect(pagePython({ state: 'ready' }, data('loading'))).toMatchObject({ state: 'loading' });
    expect(pagePython({ state: 'idle' }, data('ready'))).toMatchObject({ state: 'ready', message: expect.stringContaining('the Data panel') });
  });

  it('keeps the runner’s state when it says more: running, restarting, its own load, a failure', () => {
    for (const s of [{ state: 'busy' }, { state: 'restarting' }, { state: 'loading', progress: 0.2 },
      { state: 'idle', message: 'Python failed to load: x' }] as const) expect(pagePython(s, data('loading'))).toEqual(s);
    expect(pagePython({ state: 'ready' }, data('ready'))).toEqual({ state: 'ready' });
  });
});

describe('trackPythonLoad', () => {
  it('reports a load as loading, then ready; a failed one as gone', async () => {
    let done!: () => void;
    const load = trackPythonLoad('the Data panel', new Promise<void>((resolve) => (done = resolve)));
    expect(getOtherPythons().get('the Data panel')).toBe('loading');
    done();
    await load;
    expect(getOtherPythons().get('the Data panel')).toBe('ready');
    await expect(trackPythonLoad('the Data panel', Promise.reject(new Error('no wasm')))).rejects.toThrow('no wasm');
    expect(getOtherPythons().has('the Data panel')).toBe(false);
    reportPython('the Data panel', null);
  });
});

describe('workerPython (the Data panel’s worker)', () => {
  it('reports its first load, not the calls after it, and a fresh worker’s load again', async () => {
    const python = workerPython('the Data panel');
    const seen: (string | undefined)[] = [];
    const call = async () => {
      let done!: () => void;
      const started = python.starting(new Promise<void>((resolve) => (done = resolve)));
      seen.push(getOtherPythons().get('the Data panel'));
      done();
      await started;
      seen.push(getOtherPythons().get('the Data panel'));
    };
    await call();
    await call();
    expect(seen).toEqual(['loading', 'ready', 'ready', 'ready']);
    python.gone();
    expect(getOtherPythons().has('the Data panel')).toBe(false);
    await call();
    expect(seen.slice(4)).toEqual(['loading', 'ready']);
    python.gone();
  });
});

import { describe, expect, it } from 'vitest';
import type { RunInfo, TrainEvent } from '../../../train/run-events.ts';
import { stepRange } from './chart-scale.ts';
import { statusLine } from './messages.ts';
import { canResume, chartSteps, initialView, trainView, type Action, type TrainView } from './view.ts';

const info = (o: Partial<RunInfo>): RunInfo => ({ step: 0, steps: 300, preset: 'nano', params: 1000, resumable: true, history: [],
  label: 'run', ...o });
const event = (e: TrainEvent): Action => ({ type: 'event', event: e });
const log = (step: number) => event({ kind: 'log', step, steps: 300, loss: 2 - step / 100, lr: 1e-3, tokensPerS: 100,
  elapsedMs: step * 1000, remainingMs: null, workers: 1, peerShards: 0 });
const state = (s: 'running' | 'paused' | 'done', step: number) => event({ kind: 'state', state: s, step, steps: 300 });
const run = (v: TrainView, ...actions: Action[]) => actions.reduce(trainView, v);
const line = (v: TrainView) => statusLine(v.message, v.progress, v.phase);

/** The shipped model, weights only, with a finished run of 3300 steps behind it. */
const shipped = run(initialView, { type: 'backend', backend: 'wasm', message: 'Using wasm.' },
  { type: 'show', id: 'shipped', append: true, message: 'Loaded the shipped model.',
    info: info({ step: 3300, steps: 3300, resumable: false, label: 'shipped model',
      history: [{ step: 3300, loss: 0.5, lr: 0, tokens: 1, elapsedMs: 1 }, { step: 3300, loss: NaN, lr: 0, tokens: 1, elapsedMs: 1, valAccuracy: 0.4 }] }) });

describe('the Train panel’s view', () => {
  it('shows a loaded model’s curves, with Resume only when it can go on', () => {
    expect(shipped).toMatchObject({ phase: 'ready', message: 'Using wasm. Loaded the shipped model.', loadedId: 'shipped',
      loss: { xs: [3300], ys: [0.5] }, acc: { xs: [3300], ys: [0.4] } });
    expect(canResume(shipped)).toBe(false);
  });

  it('follows a run call: its logs on the status line and the loss curve, then where it paused', () => {
    let v = run(shipped, { type: 'show', info: info({}), id: null, message: 'New run: nano.' },
      { type: 'run-started', lead: 'New run: nano.' }, state('running', 0), log(5), log(10), log(12));
    expect(v.phase).toBe('running');
    expect(line(v)).toMatch(/^New run: nano\..* Step 12 \/ 300 · loss 1\.880/);
    v = run(v, state('paused', 12), { type: 'run-ended', info: info({ step: 12 }), stopped: false });
    expect(v.phase).toBe('paused');
    expect(line(v)).toMatch(/^Paused at step 12\. Step 12 \/ 300/);
    expect(v.loss).toEqual({ xs: [5, 10, 12], ys: [1.95, 1.9, 1.88] });
    expect(canResume(v)).toBe(true);
  });

  it('a new run’s charts span its own steps from the start, not the last model’s (empty until it logs)', () => {
    const v = run(shipped, { type: 'show', info: info({}), id: null, message: 'New run.' });
    expect(v).toMatchObject({ phase: 'paused', loadedId: null, loss: { xs: [] }, acc: { xs: [] }, predictions: null });
    expect(chartSteps(v.run)).toEqual([0, 300]);
    // The chart's x scale: the run's span, with no point drawn yet and once some are.
    const range = stepRange(() => chartSteps(v.run));
    expect(range(null, null, null)).toEqual([0, 300]);
    expect(range(null, 1, 12)).toEqual([0, 300]);
    expect(range(null, 1, 320)).toEqual([0, 320]);
    expect(stepRange(() => undefined)(null, 1, 12)).toEqual([1, 12]);
    expect(stepRange(() => undefined)(null, null, null)).toEqual([null, null]);
  });

  it('after Pause, Step and Resume, the status line says it is training again, from where', () => {
    let v = run(shipped, { type: 'show', info: info({}), id: null, message: 'New run: nano.' },
      { type: 'run-started', lead: 'New run: nano.' }, state('running', 0));
    expect(v.phase).toBe('running');
    expect(line(v)).toBe('New run: nano. Training…');
    v = run(v, log(5), log(10), log(12), state('paused', 12), { type: 'run-ended', info: info({ step: 12 }), stopped: false });
    expect(line(v)).toMatch(/^Paused at step 12\. Step 12 \/ 300/);
    expect(canResume(v)).toBe(true);
    v = run(v, { type: 'run-started', maxSteps: 1 }, state('running', 12));
    expect(line(v)).toMatch(/^Training one step, from step 12…/);
    v = run(v, log(13), state('paused', 13), { type: 'run-ended', info: info({ step: 13 }), stopped: false });
    expect(line(v)).toMatch(/^Paused at step 13\./);
    v = run(v, { type: 'run-started' }, state('running', 13), log(15));
    expect(line(v)).toMatch(/^Training from step 13… Step 15 \/ 300/);
    expect(line(v)).not.toContain('Paused');
    expect(v.loss.xs).toEqual([5, 10, 12, 13, 15]);
  });

  it('keeps the evaluations’ accuracy and predictions, and the autosave’s step', () => {
    const v = run(shipped, { type: 'show', info: info({}), id: null, message: 'New run.' }, { type: 'run-started' },
      { type: 'event', event: { kind: 'eval', step: 50, accuracy: 0.25, rows: 8, predictions: [] }, mode: 'python' },
      { type: 'event', event: { kind: 'saved', step: 50 } });
    expect(v).toMatchObject({ acc: { xs: [50], ys: [0.25] }, lastEval: { step: 50, accuracy: 0.25, rows: 8 },
      predictions: { list: [], mode: 'python' }, lastSaved: 50, ownsAutosave: true });
  });

  it('a step cut off by Stop: nothing loaded, a fresh worker, then what can be resumed', () => {
    let v = run(shipped, { type: 'show', info: info({}), id: null, message: 'New run.' }, { type: 'run-started' },
      { type: 'event', event: { kind: 'saved', step: 1 } }, { type: 'cut-off' });
    // The note is said at once, while the fresh worker starts (a software-WebGPU start takes seconds).
    expect(v).toMatchObject({ phase: 'starting', run: null, loadedId: null, generation: 1 });
    expect(v.message).toMatch(/^Stopped: the step in progress did not end within 3 s.* A fresh training worker is starting…$/);
    v = run(v, { type: 'backend', backend: 'wasm', message: 'Using wasm.' });
    expect(v.message).toContain('The run was last saved at step 1');
    v = run(v, { type: 'restarted' });
    expect(v.phase).toBe('ready');
    expect(v.message).toContain('The run was last saved at step 1');
    expect(v.restartNote).toBeNull();
  });

  it('a failed run call cannot be resumed from the panel (the saved run can)', () => {
    const v = run(shipped, { type: 'show', info: info({ step: 1 }), id: 'autosave', message: 'Loaded.' }, { type: 'run-started' },
      { type: 'run-failed', error: 'a peer died' });
    expect(v).toMatchObject({ phase: 'failed', message: 'Training stopped with an error: a peer died', run: { resumable: false } });
    expect(canResume(v)).toBe(false);
  });

  it('a deleted checkpoint is no longer the loaded one; another stays loaded', () => {
    expect(run(shipped, { type: 'forget', id: 'shipped' }).loadedId).toBeNull();
    expect(run(shipped, { type: 'forget', id: 'other' }).loadedId).toBe('shipped');
  });
});

import { describe, expect, it } from 'vitest';
import type { CheckpointMeta } from '../../../train/browser/checkpoint-store.ts';
import type { RunInfo } from '../../../train/run-events.ts';
import { backendMessage, cutOffNote, loadedMessage, resumeSavedButton, runEndMessage, statusLine, trainingMessage,
  type LogEvent } from './messages.ts';

const info = (o: Partial<RunInfo>): RunInfo => ({ step: 0, steps: 300, preset: 'nano', params: 1000, resumable: true, history: [],
  label: 'run', ...o });
const log: LogEvent = { kind: 'log', step: 12, steps: 300, loss: 1.23456, lr: 1e-3, tokensPerS: 1234.4, elapsedMs: 65_000,
  remainingMs: 30_000, workers: 2, peerShards: 12 };

describe('statusLine', () => {
  it('follows the sentence with the run’s step, loss, speed and time, and the time left only while it runs', () => {
    expect(statusLine('Training…', log, 'running')).toBe(
      'Training… Step 12 / 300 · loss 1.235 · 1234 tokens/s on 2 CPU workers · elapsed 1 min 5 s · remaining ~30 s');
    expect(statusLine('Paused at step 12.', log, 'paused')).toBe(
      'Paused at step 12. Step 12 / 300 · loss 1.235 · 1234 tokens/s on 2 CPU workers · elapsed 1 min 5 s');
    expect(statusLine('Training…', { ...log, remainingMs: null, workers: 1 }, 'running')).toContain('on 1 CPU worker · elapsed 1 min 5 s · remaining estimating…');
    expect(statusLine('Using wasm.', null, 'ready')).toBe('Using wasm.');
  });
});

describe('loadedMessage', () => {
  it('says Resume continues an unfinished run, on the rows loaded here for a shipped model', () => {
    expect(loadedMessage('“paused run”', info({ step: 12 }))).toBe('Loaded “paused run” (nano, step 12): Resume continues its training.');
    expect(loadedMessage('the shipped model', info({ step: 12 }), true))
      .toBe('Loaded the shipped model (nano, step 12): Resume continues its training on the rows loaded here.');
  });

  it('says a finished run is complete, with nothing to resume (and nothing about the rows)', () => {
    expect(loadedMessage('the shipped model', info({ step: 3300, steps: 3300 }), true))
      .toBe('Loaded the shipped model (nano, step 3300). Its run is complete (all 3300 steps), so there is nothing to resume.');
  });

  it('says weights only show predictions', () => {
    expect(loadedMessage('the imported checkpoint “x”', info({ resumable: false, step: 5 })))
      .toBe('Loaded the imported checkpoint “x” (nano, step 5): weights only, so it shows predictions but cannot continue training.');
  });
});

describe('resumeSavedButton', () => {
  const autosave = (o: Partial<CheckpointMeta>): CheckpointMeta => ({ id: 'autosave', name: 'Autosave', kind: 'autosave', preset: 'nano',
    params: 1, step: 12, steps: 30, tokensSeen: 0, valAccuracy: null, savedAt: 1, resumable: true, dataId: null, dataLabel: '', bytes: 1, ...o });

  it('resumes an unfinished saved run unless the panel is busy', () => {
    expect(resumeSavedButton(autosave({}), false)).toEqual({ label: 'Resume saved run (step 12)', disabled: false });
    expect(resumeSavedButton(autosave({}), true)).toMatchObject({ disabled: true });
  });

  it('is off once the saved run is complete, and says why', () => {
    const b = resumeSavedButton(autosave({ step: 30, steps: 30 }), false);
    expect(b).toMatchObject({ label: 'Resume saved run (step 30)', disabled: true });
    expect(b.title).toContain('The saved run is complete (all 30 steps)');
  });

  it('is off without a saved run, or one without optimizer state', () => {
    expect(resumeSavedButton(undefined, false)).toMatchObject({ label: 'Resume saved run', disabled: true });
    expect(resumeSavedButton(autosave({ resumable: false }), false)).toMatchObject({ disabled: true });
  });
});

describe('the run call’s sentences', () => {
  it('says it is training, from where', () => {
    expect(trainingMessage(0)).toBe('Training…');
    expect(trainingMessage(12)).toBe('Training from step 12…');
    expect(trainingMessage(12, 1)).toBe('Training one step, from step 12…');
  });

  it('says how it ended', () => {
    expect(runEndMessage(info({ step: 300 }), false)).toBe('Done: 300 steps.');
    expect(runEndMessage(info({ step: 12 }), false)).toBe('Paused at step 12.');
    expect(runEndMessage(info({ step: 12 }), true)).toBe('Stopped at step 12, and saved: “Resume saved run (step 12)” or Resume continues it.');
  });

  it('says what a cut-off step leaves to resume', () => {
    expect(cutOffNote(1)).toBe('Stopped: the step in progress did not end within 3 s, so the training worker was closed, with its '
      + 'CPU workers. The run was last saved at step 1: “Resume saved run (step 1)” continues it from there.');
    expect(cutOffNote(null)).toContain('This run had not been saved yet');
  });

  it('names the backend, and why others were skipped', () => {
    expect(backendMessage({ backend: 'wasm', skipped: [] })).toBe('Using wasm.');
    expect(backendMessage({ backend: 'wasm', skipped: [{ backend: 'webgpu', reason: 'no adapter' }] })).toBe('Using wasm (webgpu: no adapter).');
  });
});

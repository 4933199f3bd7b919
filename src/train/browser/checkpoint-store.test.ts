// The pure parts of the checkpoint store: a list row read from a checkpoint's config, and what a person is
// told when the browser's storage refuses a write. (The IndexedDB parts run in the browser: e2e/train.spec.ts.)
import { describe, expect, it } from 'vitest';
import type { CheckpointFiles } from '../trainer.ts';
import { describeStorageError, metaOf, RL_AUTOSAVE_ID } from './checkpoint-store.ts';

function files(over: Record<string, unknown> = {}, withOptimizer = true): CheckpointFiles {
  const config = {
    format: 'dry-run-checkpoint', version: 1, model: { vocabSize: 10, blockSize: 8, nLayer: 1, nHead: 1, nEmbd: 4 },
    train: { preset: 'nano', steps: 500 }, step: 120, tokensSeen: 34_000, params: 1234,
    history: [{ step: 50, loss: NaN, valAccuracy: 0.25 }, { step: 100, loss: NaN, valAccuracy: 0.5 }, { step: 120, loss: 1.2 }],
    ...over,
  };
  return {
    'config.json': JSON.stringify(config), 'tokenizer.json': '{}', 'model.safetensors': new Uint8Array(100),
    ...(withOptimizer ? { 'optimizer.safetensors': new Uint8Array(200) } : {}),
  };
}

describe('metaOf', () => {
  it('reads preset, params, step, tokens and the last validation accuracy', () => {
    const m = metaOf(files(), { id: 'a', name: 'my run', kind: 'saved', savedAt: 5, dataId: 'd', dataLabel: 'the sample' });
    expect(m).toMatchObject({ id: 'a', name: 'my run', kind: 'saved', preset: 'nano', params: 1234, step: 120, steps: 500,
      tokensSeen: 34_000, valAccuracy: 0.5, savedAt: 5, resumable: true, dataId: 'd', dataLabel: 'the sample' });
    expect(m.bytes).toBeGreaterThan(300);
  });

  it('knows a weights-only checkpoint and one never evaluated', () => {
    const m = metaOf(files({ history: [] }, false), { id: 'b', name: 'x', kind: 'imported', savedAt: 1 });
    expect(m.resumable).toBe(false);
    expect(m.valAccuracy).toBeNull();
    expect(m.dataId).toBeNull();
  });

  it('reads an RL run (its step, steps and start) and counts its reference weights', () => {
    const rl = { config: { steps: 20, group: 8 }, step: 3, history: [], from: 'the Story model' };
    const f = { ...files({ rl }), 'reference.safetensors': new Uint8Array(1000) };
    const m = metaOf(f, { id: RL_AUTOSAVE_ID, name: 'RL autosave', kind: 'autosave', savedAt: 2 });
    expect(m.rl).toEqual({ step: 3, steps: 20, from: 'the Story model' });
    // The SFT progress stays the checkpoint's own: the Train panel reads it as any checkpoint.
    expect(m.step).toBe(120);
    expect(m.bytes).toBe(metaOf(files({ rl }), { id: 'y', name: 'y', kind: 'saved', savedAt: 1 }).bytes + 1000);
    expect(metaOf(files(), { id: 'x', name: 'x', kind: 'saved', savedAt: 1 }).rl).toBeUndefined();
  });

  it('refuses a config.json that is not a Dry Run checkpoint', () => {
    expect(() => metaOf(files({ format: 'hf' }), { id: 'c', name: 'x', kind: 'imported', savedAt: 1 })).toThrow(/not a Dry Run/);
  });
});

describe('describeStorageError', () => {
  it('says what to do when the disk is full', () => {
    const msg = describeStorageError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(msg).toMatch(/storage for the page is full \(QuotaExceededError\)\. Export and delete old checkpoints/);
  });

  it('passes any other refusal on with its name', () => {
    expect(describeStorageError(new DOMException('gone', 'InvalidStateError'))).toMatch(/InvalidStateError: gone/);
  });
});

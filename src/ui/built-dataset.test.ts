// The hand-over of the Data panel's rows to the Train panel: published, cleared, and readable by the trainer
// exactly as the `rows` download would be.
import { describe, expect, it } from 'vitest';
import type { Row } from '../dataset/build.ts';
import { parseRows } from '../train/data.ts';
import { describeBuilt, getBuiltDataset, publishBuiltDataset, toJsonl } from './built-dataset.ts';

const row = (i: number, split: Row['split']): Row => ({
  id: `r${i}`, level: 1, split, kind: 'arith', code: 'def f(x):\n    return x + 1', input: String(i), mode: 'call',
  output: String(i + 1), prompt: `[PYTHON]\ndef f(x):\n    return x + 1\nassert f(${i}) == ??\n[/PYTHON]`,
  target: `[ANSWER]\nassert f(${i}) == ${i + 1}\n[/ANSWER]`, status: 'ok', steps: 3, granularity: 'direct',
});

describe('built dataset', () => {
  it('is published at the end of a build and cleared at the start of the next', () => {
    const d = { rows: [row(1, 'train'), row(2, 'train'), row(3, 'validation')], granularity: 'direct', levels: [1, 2],
      seed: 7, partial: false };
    publishBuiltDataset(d);
    expect(getBuiltDataset()).toBe(d);
    publishBuiltDataset(null);
    expect(getBuiltDataset()).toBeNull();
    publishBuiltDataset({ ...d, rows: [] });
    expect(getBuiltDataset()).toBeNull();
  });

  it('reads back as training rows, split by split, with nothing skipped', () => {
    const d = { rows: [row(1, 'train'), row(2, 'train'), row(3, 'validation'), row(4, 'test')], granularity: 'direct',
      levels: [1], seed: 1, partial: true };
    const { rows, skipped } = parseRows(toJsonl(d));
    expect(skipped).toBe(0);
    expect(rows.map((r) => [r.id, r.split, r.output])).toEqual([['r1', 'train', '2'], ['r2', 'train', '3'],
      ['r3', 'validation', '4'], ['r4', 'test', '5']]);
    expect(describeBuilt(d)).toBe('4 rows (level 1, direct stories, seed 1, cancelled build)');
  });
});

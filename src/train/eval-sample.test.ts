import { describe, expect, it } from 'vitest';
import type { LoadedRow } from '../dataset/row.ts';
import { evalSample } from './eval-sample.ts';

const rows = (level: number, n: number): LoadedRow[] => Array.from({ length: n }, (_, i) => ({ id: `l${level}-${i}`, level,
  split: 'validation', prompt: 'p', target: 't', output: '1' }));

describe('evalSample', () => {
  // Like the shipped sample: 40, 59 and 51 validation rows of levels 1-3, in file order by level.
  const val = [...rows(1, 40), ...rows(2, 59), ...rows(3, 51)];

  it('measures a longer run on 32 rows spread over the levels, the same rows every time', () => {
    const { rows: picked, maxNewTokens } = evalSample(val, 500);
    expect(picked).toHaveLength(32);
    expect(maxNewTokens).toBeUndefined();
    const perLevel = [1, 2, 3].map((l) => picked.filter((r) => r.level === l).length);
    expect(Math.min(...perLevel)).toBeGreaterThanOrEqual(10);
    expect(evalSample(val, 500).rows.map((r) => r.id)).toEqual(picked.map((r) => r.id));
  });

  it('keeps a short run fast: 8 rows, short answers', () => {
    const { rows: picked, maxNewTokens } = evalSample(val, 50);
    expect(picked).toHaveLength(8);
    expect(maxNewTokens).toBe(32);
    expect(new Set(picked.map((r) => r.level)).size).toBe(3);
    expect(evalSample(val, 51).rows).toHaveLength(32);
  });

  it('uses every row when there are fewer', () => {
    expect(evalSample(rows(1, 5), 1000).rows).toHaveLength(5);
    expect(evalSample([], 1000).rows).toEqual([]);
  });
});

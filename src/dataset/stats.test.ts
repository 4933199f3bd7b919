import { describe, expect, it } from 'vitest';
import type { Row } from './row.ts';
import { datasetStats, statsMarkdown } from './stats.ts';

const row = (i: number, mode: Row['mode']): Row => ({
  id: `s1-${i}`, level: 1, split: 'train', kind: 'arith', code: `def f(a):\n    return a + ${i}\n`, input: '1', mode,
  output: mode === 'call' ? String(1 + i) : `${1 + i}\n`, prompt: `p${i}`, target: `[THOUGHT]\n1. Line 2: f returns ${1 + i}.\n[/THOUGHT]`,
  status: 'ok', steps: 3, granularity: 'iterations',
});

describe('statsMarkdown', () => {
  const rows = [row(0, 'call'), row(1, 'call'), row(2, 'call'), row(3, 'call'), row(4, 'program')];

  it('counts calls and stdin scripts per level', () => {
    const stats = datasetStats(rows);
    expect(stats.levels[0]!.modes).toEqual({ call: 4, program: 1 });
    expect(statsMarkdown(stats, rows)).toContain('| 1 | 5 | 4/1 | 5/0/0 |');
  });

  it('shows a stdin script among a level\'s examples when the level has one', () => {
    const md = statsMarkdown(datasetStats(rows), rows);
    expect(md.match(/^`s1-\d+`/gm)).toEqual(['`s1-0`', '`s1-1`', '`s1-4`']);
    const calls = rows.slice(0, 4);
    expect(statsMarkdown(datasetStats(calls), calls).match(/^`s1-\d+`/gm)).toEqual(['`s1-0`', '`s1-1`', '`s1-2`']);
  });
});

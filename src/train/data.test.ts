import { describe, expect, it } from 'vitest';
import { parseRows } from './data.ts';

describe('parseRows', () => {
  it('reads dataset rows, turns CRUXEval rows into test rows, and counts what it cannot use', () => {
    const jsonl = [
      JSON.stringify({ id: 's1', level: 2, split: 'train', output: '3', prompt: 'P', target: 'T', status: 'ok' }),
      JSON.stringify({ id: 'sample_7', code: 'def f(x):\n    return x', input: '1', output: '1' }),
      JSON.stringify({ id: 's2', level: 1, split: 'train', output: '', prompt: 'P', target: 'T', status: 'error' }),
      '{not json',
      JSON.stringify({ code: 'def f(): pass' }),
      '',
    ].join('\n');
    const { rows, skipped } = parseRows(jsonl);
    expect(skipped).toBe(3);
    expect(rows.map((r) => r.id)).toEqual(['s1', 'sample_7']);
    expect(rows[0]).toMatchObject({ level: 2, split: 'train', prompt: 'P', target: 'T' });
    const crux = rows[1]!;
    expect(crux).toMatchObject({ level: 0, split: 'test', output: '1', target: '' });
    expect(crux.prompt).toContain('def f(x):');
    expect(crux.prompt).toContain('assert f(1) == ??');
  });
});

// The direct twin of a story dataset: the shipped samples were built twice from one seed (iterations and direct);
// taking the stories out of the first must give the second, row for row.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { directTwin } from './build.ts';

const rows = (name: string) => readFileSync(new URL(`../../public/model/${name}`, import.meta.url), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; prompt: string; target: string; output: string });

describe('directTwin', () => {
  it('equals the direct build of the same programs', () => {
    const story = rows('sample-iterations.jsonl');
    const direct = rows('sample-direct.jsonl');
    expect(story.length).toBeGreaterThan(100);
    expect(story.map(directTwin)).toEqual(direct);
  });

  it('leaves the prompt, the answer and a row without a story alone', () => {
    const row = { id: 'x', prompt: 'p', target: '[THOUGHT]\n1. Call f(a=1).\n[/THOUGHT]\n[ANSWER]\nassert f(1) == 1\n[/ANSWER]', granularity: 'detailed' };
    expect(directTwin(row)).toEqual({ ...row, target: '[ANSWER]\nassert f(1) == 1\n[/ANSWER]', granularity: 'direct' });
    expect(directTwin(directTwin(row))).toEqual(directTwin(row));
  });
});

// The direct twin of a story dataset: the page's shipped samples are one story dataset and its twin (npm run
// ship writes both); row for row the same programs, and each twin target is exactly the direct story's answer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { directTwin } from './build.ts';

type R = { id: string; prompt: string; target: string; output: string; input: string; mode: string };
const rows = (name: string) => readFileSync(new URL(`../../public/model/${name}`, import.meta.url), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l) as R);

describe('directTwin', () => {
  it('the shipped direct sample is the detailed one, answer-only: same programs, the answer block the direct story has', () => {
    const story = rows('sample-detailed.jsonl');
    const direct = rows('sample-direct.jsonl');
    expect(story.length).toBeGreaterThan(100);
    expect(direct.map((r) => [r.id, r.prompt, r.output])).toEqual(story.map((r) => [r.id, r.prompt, r.output]));
    for (const r of direct) {
      expect(r.target).toBe(r.mode === 'call' ? `[ANSWER]\nassert f(${r.input}) == ${r.output}\n[/ANSWER]` : `[ANSWER]\n${r.output}[/ANSWER]`);
    }
    expect(story.every((r) => r.target.startsWith('[THOUGHT]\n'))).toBe(true);
  });

  it('leaves the prompt, the answer and a row without a story alone', () => {
    const row = { id: 'x', prompt: 'p', target: '[THOUGHT]\n1. Call f(a=1).\n[/THOUGHT]\n[ANSWER]\nassert f(1) == 1\n[/ANSWER]', granularity: 'detailed' };
    expect(directTwin(row)).toEqual({ ...row, target: '[ANSWER]\nassert f(1) == 1\n[/ANSWER]', granularity: 'direct' });
    expect(directTwin(directTwin(row))).toEqual(directTwin(row));
  });
});

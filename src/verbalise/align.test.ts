// The model's story beside the real run, on real traces (the Node runner) and hand-made stories: a right one,
// one wrong at step k, one that stops early, one with an unreadable line, one that runs on, and a direct answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner, type NodeRunner } from '../capture/node/runner.ts';
import type { Trace } from '../capture/trace.ts';
import { alignStory, divergenceSentence } from './align.ts';
import { verbalise } from './story.ts';

let runner: NodeRunner;
let trace: Trace;
let story: string;
const code = 'def f(n):\n    total = 0\n    for i in range(n):\n        total = total + i * 2\n    return total\n' +
  'arg0 = eval(input())\nprint(f(arg0))\n';
beforeAll(async () => {
  runner = await createNodeRunner({ processes: 1 });
  trace = await runner.run({ code, mode: 'program', stdin: '3\n', work: true });
  story = verbalise(trace, 'detailed').target;
}, 60_000);
afterAll(async () => runner.close());

/** The story with sentence `k` (1-based) replaced by `f(sentence)`. */
function edit(k: number, f: (s: string) => string | null): string {
  return story.split('\n').flatMap((l) => {
    if (!l.startsWith(`${k}. `)) return [l];
    const r = f(l);
    return r === null ? [] : [r];
  }).join('\n');
}

describe('alignStory', () => {
  it('a right story follows the whole run, step by step, with the answer', () => {
    expect(trace.status).toBe('ok');
    const a = alignStory(story, trace, 'detailed');
    expect(a.divergence).toBeNull();
    expect(a.steps.length).toBeGreaterThan(4);
    expect(a.steps.every((s) => s.agree && s.model && s.real)).toBe(true);
    expect(a.followed).toBe(a.realSteps);
    expect(a.modelAnswer).toBe('6\n');
    expect(a.realAnswer).toBe('6\n');
    // Each real step points at the trace step where its state holds, in order.
    const at = a.steps.map((s) => s.real!.traceStep);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(divergenceSentence(a, true)).toBe(`The model followed the whole run (${a.realSteps} steps). Its answer, 6, is right.`);
  });

  it('a story wrong at step k is marked there, with the variable, its line and both values', () => {
    const k = story.split('\n').findIndex((l) => /iteration 2: i = 1, total = total \+ i \* 2/.test(l));
    expect(k).toBeGreaterThan(0);
    const n = Number(/^(\d+)\./.exec(story.split('\n')[k]!)![1]);
    const wrong = edit(n, (s) => s.replace(/= (\d+)\.$/, (_, v: string) => `= ${Number(v) + 1}.`));
    const a = alignStory(wrong, trace, 'detailed');
    expect(a.divergence).toMatchObject({ index: n - 1, kind: 'value', line: 3,
      difference: { name: 'total', simulated: '3', real: '2' } });
    expect(a.followed).toBe(n - 1);
    expect(a.steps[n - 1]!.agree).toBe(false);
    expect(a.steps[n - 2]!.agree).toBe(true);
    expect(trace.steps[a.divergence!.traceStep]).toBeDefined();
    expect(divergenceSentence(a, null)).toBe(
      `The model followed the run for ${n - 1} steps, then thought \`total\` became 3 at line 3; it was 2. Its answer: 6.`);
  });

  it('a story that stops early says so, and points at the step it did not reach', () => {
    const lines = story.split('\n');
    const cut = lines.slice(0, 4).join('\n'); // [THOUGHT] and three sentences, no answer
    const a = alignStory(cut, trace, 'detailed');
    expect(a.divergence).toMatchObject({ index: 3, kind: 'stopped' });
    expect(a.steps[3]!.model).toBeNull();
    expect(a.modelAnswer).toBeNull();
    expect(divergenceSentence(a, null)).toBe(
      'The model followed the run for 3 steps, then stopped writing its story before the run ended. It wrote no answer.');
  });

  it('an unreadable line is the divergence, quoted', () => {
    const bad = edit(3, () => '3. Line 3 total goes up');
    const a = alignStory(bad, trace, 'detailed');
    expect(a.divergence).toMatchObject({ index: 2, kind: 'unreadable', text: '3. Line 3 total goes up' });
    expect(divergenceSentence(a, false)).toMatch(
      /^The model followed the run for 2 steps, then wrote a line that is not a step of the story: “3\. Line 3 total goes up”\. Its answer, 6, is wrong: the real one is 6\.$/);
  });

  it('a wrong line number and extra steps are told apart from values', () => {
    // Sentence 4 is `4. Line 2: total = 0.` (the call is sentence 3).
    const jumped = edit(4, (s) => s.replace(/^4\. Line 2/, '4. Line 4'));
    expect(alignStory(jumped, trace, 'detailed').divergence).toMatchObject({ index: 3, kind: 'line',
      difference: { simulated: 4, real: 2 } });
    expect(divergenceSentence(alignStory(jumped, trace, 'detailed'), null)).toContain(
      'followed the run for 3 steps, then went to line 4; the program went to line 2.');
    const last = story.split('\n').filter((l) => /^\d+\. /.test(l)).length;
    const more = story.replace('[/THOUGHT]', `${last + 1}. Line 7: no change.\n[/THOUGHT]`);
    const a = alignStory(more, trace, 'detailed');
    expect(a.divergence).toMatchObject({ index: last, kind: 'extra-step' });
    expect(divergenceSentence(a, true)).toContain(`followed the run for ${last} steps, then went on with steps the run never took`);
  });

  it('a direct answer has no story: only the answers are compared', () => {
    const a = alignStory('[ANSWER]\n7\n[/ANSWER]', trace, 'direct');
    expect(a.hasStory).toBe(false);
    expect(a.steps).toEqual([]);
    expect(a.modelAnswer).toBe('7\n');
    expect(divergenceSentence(a, false)).toBe('The model answered without a story. Its answer, 7, is wrong: the real one is 6.');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner, type NodeRunner } from '../capture/node/runner.ts';
import { replay } from '../capture/replay.ts';
import type { RunRequest, Step, Trace } from '../capture/trace.ts';
import { DEFAULT_LIMITS } from '../capture/trace.ts';
import { candidate, requestOf } from '../dataset/build.ts';
import type { Level } from '../dataset/generate.ts';
import { describeStep } from './index.ts';
import { compareStates, expectedStates, parseStory } from './parse.ts';
import { previousInFrame, renderSentence, storySentences } from './story.ts';

function traceOf(steps: Step[]): Trace {
  return {
    version: 1, mode: 'call', code: '', call: 'f()', limits: DEFAULT_LIMITS, status: 'ok',
    steps, stdout: '', stdoutTruncated: false, durationMs: 0,
  };
}
const s = (event: Step['event'], line: number, func: string, depth: number, changed: Record<string, string> = {}, extra: Partial<Step> = {}): Step =>
  ({ event, line, func, depth, changed, ...extra });

// def fib(n):            1
//     if n < 2:          2
//         return n       3
//     total = 3          4
//     total = total + 3  5
//     return total       6
const steps: Step[] = [
  s('call', 1, 'fib', 0, { n: '3' }),
  s('line', 2, 'fib', 0),
  s('line', 4, 'fib', 0),
  s('line', 5, 'fib', 0, { total: '3' }),
  s('line', 6, 'fib', 0, { total: '6' }),
  s('call', 1, 'g', 1, { x: '1' }),
  s('line', 2, 'g', 1),
  s('exception', 2, 'g', 1, {}, { stdout: 'hi\n', value: 'ZeroDivisionError: division by zero' }),
  s('return', 2, 'g', 1, {}),
  s('line', 7, 'fib', 0, {}, { removed: ['total'] }),
  s('return', 7, 'fib', 0, {}, { value: '2' }),
];
const trace = traceOf(steps);

describe('describeStep', () => {
  it('names a call with its arguments', () => {
    expect(describeStep(trace, 0)).toBe('Call `fib(n=3)`.');
  });
  it('says what the previous line of the frame did, old value included, and where control goes', () => {
    expect(describeStep(trace, 3)).toBe('Line 4: `total` = 3. Next: line 5.');
    expect(describeStep(trace, 4)).toBe('Line 5: `total` = 6 (was 3). Next: line 6.');
    expect(describeStep(trace, 2)).toBe('Line 2: no change. Next: line 4.');
  });
  it('starts a frame without inventing a previous line', () => {
    expect(describeStep(trace, 1)).toBe('Start at line 2.');
  });
  it('skips deeper frames when finding the previous line of a frame', () => {
    expect(describeStep(trace, 9)).toBe('Line 6: del `total`. Next: line 7.');
  });
  it('reports printed text, exceptions and returns', () => {
    expect(describeStep(trace, 7)).toBe('Line 2: prints "hi\\n", raises ZeroDivisionError: division by zero.');
    expect(describeStep(trace, 8)).toBe('Line 2: `g` exits. The exception goes up to the caller.');
    expect(describeStep(trace, 10)).toBe('Line 7: `fib` returns 2.');
  });
  it('returns an empty string out of range', () => {
    expect(describeStep(trace, 99)).toBe('');
  });
});

// ---- one verbaliser: on real traces, every Explorer line is the story's sentence for its step ----

let runner: NodeRunner;
beforeAll(async () => { runner = await createNodeRunner({ processes: 2 }); }, 60_000);
afterAll(async () => { await runner?.close(); });

const program = (code: string, stdin = ''): RunRequest => ({ code, mode: 'program', stdin });
const HANDWRITTEN: RunRequest[] = [
  program('n = int(input())\ndef g(x):\n    y = x * 2\n    return y\nprint(g(n))\n', '4\n'),
  program('xs = [3, 1]\ntotal = 0\nfor x in xs:\n    total += x\n    print(total)\ndel xs\n'),
  program('def g(x):\n    return 1 // x\ntry:\n    g(0)\nexcept ZeroDivisionError as e:\n    msg = str(e)\nprint(msg)\n'),
  program('a = 1\nb = a / 0\n'),
  { code: 'def f(n):\n    if n < 2:\n        return n\n    return f(n - 1) + f(n - 2)\n', mode: 'call', call: 'f(4)' },
];

/** The Explorer line with its reader-only extras removed: what a story says about that step. */
function storyPart(t: Trace, index: number, states: ReturnType<typeof replay>): string {
  const step = t.steps[index]!;
  let text = describeStep(t, index)
    .replace(/ ?(?:Next: line \d+|The program ends|The program starts|The exception goes up to the caller|The program stops: .* was not caught)\.$/, '');
  const prev = previousInFrame(t.steps, index);
  const before = prev >= 0 ? states[prev]?.frames[step.depth]?.vars ?? {} : {};
  for (const [name, value] of Object.entries(step.changed)) {
    const old = before[name];
    if (old !== undefined) text = text.replace(`\`${name}\` = ${value} (was ${old})`, `\`${name}\` = ${value}`);
  }
  return text.replaceAll('`', '');
}

describe('describeStep at an uncaught exception', () => {
  it('says the frame stops and hands the error up, and that the program stops with it (not "returns None")', async () => {
    const code = 'def average(xs):\n    return sum(xs) / len(xs)\n\nprint(average([]))\n';
    const trace = await runner.run({ code, mode: 'program', stdin: '' });
    expect(trace.status).toBe('error');
    const texts = trace.steps.map((_, i) => describeStep(trace, i));
    const unwind = trace.steps.findIndex((st) => st.func === 'average' && st.event === 'return');
    expect(texts[unwind]).toBe('Line 2: `average` exits. The exception goes up to the caller.');
    expect(texts.at(-1)).toBe('The program stops: ZeroDivisionError: division by zero was not caught.');
    expect(texts.join(' ')).not.toMatch(/returns None/);
    const ok = await runner.run({ code: 'x = 1\n', mode: 'program', stdin: '' });
    expect(describeStep(ok, ok.steps.length - 1)).toBe('Line 1: `x` = 1. The program ends.');
  });
});

describe('describeStep and the story are one verbaliser', () => {
  it('agrees with the full story sentence at every step of real traces (calls, stdin scripts, errors)', async () => {
    const levels: Level[] = [1, 2, 3, 4, 5];
    const generated = Array.from({ length: 60 }, (_, i) => requestOf(candidate({ levels, seed: 77, stdinShare: 0.5 }, i), 1000));
    const traces = await runner.runMany([...HANDWRITTEN, ...generated]);
    let told = 0;
    let withOld = 0;
    const modes = new Set<string>();
    for (const t of traces) {
      if (!t.steps.length || t.steps.some((x) => x.value?.includes('`') || Object.values(x.changed).some((v) => v.includes('`')))) continue;
      modes.add(t.mode);
      const states = replay(t);
      const full = storySentences(t, 'full', states);
      const byStep = new Map(full.map((x) => [x.endStep, x]));
      const lines: string[] = [];
      t.steps.forEach((step, i) => {
        const sentence = byStep.get(i);
        const part = storyPart(t, i, states);
        if (!sentence) {
          // Only hints: nothing the story would have said.
          expect(part, `${t.code}\nstep ${i}`).toBe(step.event === 'line' ? `Start at line ${step.line}.` : '');
          return;
        }
        told++;
        if (describeStep(t, i).includes(' (was ')) withOld++;
        expect(part, `${t.code}\nstep ${i}`).toBe(renderSentence(sentence));
        lines.push(`${lines.length + 1}. ${part}`);
      });
      // Read back as a story, the Explorer's lines give the real states of the full story.
      const parsed = parseStory(lines.join('\n'));
      expect(parsed.errors).toEqual([]);
      expect(compareStates(parsed.states, expectedStates(t, 'full')).firstDivergence, t.code).toBeNull();
    }
    expect(modes).toEqual(new Set(['call', 'program']));
    expect(told).toBeGreaterThan(500);
    expect(withOld).toBeGreaterThan(20);
  }, 120_000);
});

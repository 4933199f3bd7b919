import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Step, Trace } from '../capture/trace.ts';
import { DEFAULT_LIMITS } from '../capture/trace.ts';
import { compareStates, expectedStates, parseStory, scanValue } from './parse.ts';
import { GRANULARITIES, verbalise } from './story.ts';

function traceOf(code: string, steps: Step[], result = 'None', call = 'f()'): Trace {
  return {
    version: 1, mode: 'call', code, call, limits: DEFAULT_LIMITS, status: 'ok',
    steps, stdout: '', stdoutTruncated: false, durationMs: 0, result,
  };
}
const s = (event: Step['event'], line: number, changed: Record<string, string> = {}, extra: Partial<Step> = {}): Step =>
  ({ event, line, func: 'f', depth: 0, changed, ...extra });

// def f(n):              1
//     total = 0          2
//     for i in range(n): 3
//         total += i     4
//     return total       5
const LOOP = 'def f(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\n';
function loopTrace(n: number): Trace {
  const steps: Step[] = [s('call', 1, { n: String(n) }), s('line', 2), s('line', 3, { total: '0' })];
  let total = 0;
  for (let i = 0; i < n; i++) {
    steps.push(s('line', 4, { i: String(i) }));
    const changed: Record<string, string> = total + i !== total ? { total: String(total + i) } : {};
    total += i;
    steps.push(s('line', 3, changed));
  }
  steps.push(s('line', 5), s('return', 5, {}, { value: String(total) }));
  return traceOf(LOOP, steps, String(total), `f(${n})`);
}

describe('verbalise', () => {
  it('writes the prompt and the answer in the CRUXEval format', () => {
    const story = verbalise(loopTrace(3), 'direct');
    expect(story.prompt).toBe(`[PYTHON]\n${LOOP.trimEnd()}\nassert f(3) == ??\n[/PYTHON]`);
    expect(story.target).toBe('[ANSWER]\nassert f(3) == 3\n[/ANSWER]');
  });

  it('tells a loop iteration by iteration', () => {
    expect(verbalise(loopTrace(3), 'iterations').target).toBe([
      '[THOUGHT]',
      '1. Call f(n=3).',
      '2. Line 2: total = 0.',
      '3. Line 3, iteration 1: i = 0.',
      '4. Line 3, iteration 2: i = 1, total = 1.',
      '5. Line 3, iteration 3: i = 2, total = 3.',
      '6. Line 3: loop ends.',
      '7. Line 5: f returns 3.',
      '[/THOUGHT]',
      '[ANSWER]',
      'assert f(3) == 3',
      '[/ANSWER]',
    ].join('\n'));
  });

  it('gives every executed line its own sentence at full granularity', () => {
    const lines = verbalise(loopTrace(2), 'full').target.split('\n');
    expect(lines.slice(1, 9)).toEqual([
      '1. Call f(n=2).', '2. Line 2: total = 0.', '3. Line 3: i = 0.', '4. Line 4: no change.',
      '5. Line 3: i = 1.', '6. Line 4: total = 1.', '7. Line 3: no change.', '8. Line 5: f returns 1.',
    ]);
  });

  it('summarises the middle of a long loop by its net effect', () => {
    const target = verbalise(loopTrace(8), 'compressed').target;
    expect(target).toContain('4. Line 3, iteration 2: i = 1, total = 1.\n5. Line 3, iterations 3-7: total = 21, i = 6.\n6. Line 3, iteration 8: i = 7, total = 28.');
    expect(verbalise(loopTrace(5), 'compressed').target).toBe(verbalise(loopTrace(5), 'iterations').target);
  });

  it('is deterministic', () => {
    for (const g of GRANULARITIES) expect(verbalise(loopTrace(6), g)).toEqual(verbalise(loopTrace(6), g));
  });

  it('names calls and returns, and explains exceptions', () => {
    const code = 'def g(x):\n    return 1 // x\n\ndef f(a):\n    try:\n        b = g(a)\n    except ZeroDivisionError:\n        b = -1\n    return b\n';
    const steps: Step[] = [
      s('call', 4, { a: '0' }), s('line', 5), s('line', 6),
      { event: 'call', line: 1, func: 'g', depth: 1, changed: { x: '0' } },
      { event: 'line', line: 2, func: 'g', depth: 1, changed: {} },
      { event: 'exception', line: 2, func: 'g', depth: 1, changed: {}, value: 'ZeroDivisionError: integer division or modulo by zero' },
      { event: 'return', line: 2, func: 'g', depth: 1, changed: {} },
      s('exception', 6, {}, { value: 'ZeroDivisionError: integer division or modulo by zero' }),
      s('line', 7), s('line', 8), s('line', 9, { b: '-1' }), s('return', 9, {}, { value: '-1' }),
    ];
    const target = verbalise(traceOf(code, steps, '-1', 'f(0)'), 'iterations').target;
    expect(target).toContain('2. Call g(x=0).\n3. Line 2: raises ZeroDivisionError: integer division or modulo by zero.\n4. Line 2: g exits.\n5. Line 6: raises ZeroDivisionError');
    expect(target).toContain('6. Line 8: b = -1.\n7. Line 9: f returns -1.');
  });
});

describe('stdin scripts', () => {
  // n = int(input())      1
  // def g(x):             2
  //     return x * 2      3
  // print(g(n))           4
  const code = 'n = int(input())\ndef g(x):\n    return x * 2\nprint(g(n))\n';
  const m = (event: Step['event'], line: number, changed: Record<string, string> = {}, extra: Partial<Step> = {}): Step =>
    ({ event, line, func: '<module>', depth: 0, changed, ...extra });
  const steps: Step[] = [
    m('line', 1), m('line', 2, { n: '4' }), m('line', 4, { g: '<function g>' }),
    { event: 'call', line: 2, func: 'g', depth: 1, changed: { x: '4' } },
    { event: 'line', line: 3, func: 'g', depth: 1, changed: {} },
    { event: 'return', line: 3, func: 'g', depth: 1, changed: {}, value: '8' },
    m('return', 4, {}, { stdout: '8\n' }),
  ];
  const trace: Trace = { ...traceOf(code, steps), mode: 'program', stdin: '4\n', call: undefined, result: undefined, stdout: '8\n' };

  it('asks for the stdout given the stdin, and tells the module frame implicitly', () => {
    const story = verbalise(trace, 'iterations');
    expect(story.prompt).toBe(`[PYTHON]\n${code.trimEnd()}\n[/PYTHON]\n[STDIN]\n4\n[/STDIN]`);
    expect(story.target).toBe('[THOUGHT]\n1. Line 1: n = 4.\n2. Line 2: g = <function g>.\n3. Call g(x=4).\n4. Line 3: g returns 8.\n5. Line 4: prints "8\\n".\n[/THOUGHT]\n[ANSWER]\n8\n[/ANSWER]');
    const parsed = parseStory(story.target);
    expect(parsed.answer).toBe('8\n');
    expect(compareStates(parsed.states, expectedStates(trace, 'iterations')).firstDivergence).toBeNull();
  });
});

describe('parseStory', () => {
  it('reads values with commas, brackets and quotes', () => {
    const text = "1. Call f(xs=[1, 2], s='a, b').\n2. Line 3: d = {'k': (1, 2)}, t = \"it's\", u = '[', prints \"x, y\\n\".";
    const parsed = parseStory(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.states[1]).toEqual({ line: 3, func: 'f', depth: 0, vars: { xs: '[1, 2]', s: "'a, b'", d: "{'k': (1, 2)}", t: '"it\'s"', u: "'['" }, stdout: 'x, y\n', sentence: 2 });
  });

  it('reports malformed sentences and keeps going', () => {
    const parsed = parseStory('[THOUGHT]\n1. Call f(n=1).\n2. Line two: n = 2.\n3. Line 3: n = 3.\n[/THOUGHT]\n[ANSWER]\nassert f(1) == 3\n[/ANSWER]');
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.states.map((x) => x.vars.n)).toEqual(['1', '3']);
    expect(parsed.answer).toBe('3');
  });

  it('reads the answer after the top-level ==', () => {
    expect(parseStory("[ANSWER]\nassert f('a == b', [1]) == 'x == y'\n[/ANSWER]").answer).toBe("'x == y'");
    expect(parseStory('[ANSWER]\n7\n[/ANSWER]').answer).toBe('7\n');
    expect(parseStory('no answer here').answer).toBeNull();
  });

  it('finds the first step where a simulated story leaves the real one', () => {
    const trace = loopTrace(4);
    const real = expectedStates(trace, 'iterations');
    const wrong = verbalise(trace, 'iterations').target.replace('total = 3', 'total = 4');
    const cmp = compareStates(parseStory(wrong).states, real);
    expect(cmp.firstDivergence?.index).toBe(4);
    expect(cmp.firstDivergence?.reason).toBe('total = 4 instead of 3');
    expect(cmp.prefix).toBe(4);
    expect(cmp.matched).toBe(cmp.total - 1);
    expect(compareStates(real.slice(0, 2), real).firstDivergence?.reason).toBe('missing step');
  });

  it('scans a value up to the next top-level separator', () => {
    expect(scanValue("[1, 2], y = 3", 0)).toBe(6);
    expect(scanValue("'a\\', b', z", 0)).toBe(8);
  });
});

// ---- property: parse(verbalise(trace)) gives back the trace's states, on random traces --------

const pyStr = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const scalar = fc.oneof(
  fc.integer({ min: -999, max: 999 }).map(String),
  fc.string({ maxLength: 6 }).map(pyStr),
  fc.constantFrom('True', 'None', '3.5', "'a, b'", '"it\'s"', "'['", '<object>'),
);
const repr: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('dict')),
  list: fc.array(tie('value') as fc.Arbitrary<string>, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
  dict: fc.array(fc.tuple(scalar, tie('value') as fc.Arbitrary<string>), { maxLength: 2 }).map((kv) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
})).value as fc.Arbitrary<string>;

// A random but well-formed trace over a random program shape: frames nest, lines jump around
// loop headers and bodies, variables change to arbitrary reprs, text is printed.
const CODE = 'def f(a):\n    x = 1\n    for i in a:\n        x += i\n        while x:\n            x -= 1\n    y = 2\n    return y\n';
const action = fc.record({
  kind: fc.constantFrom('line', 'line', 'line', 'line', 'call', 'return'),
  line: fc.integer({ min: 2, max: 8 }),
  changes: fc.array(fc.tuple(fc.constantFrom('x', 'y', 'i', 'a', 'zz', '.0'), repr), { maxLength: 3 }),
  del: fc.boolean(),
  stdout: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
});

interface Action { kind: string; line: number; changes: [string, string][]; del: boolean; stdout?: string | undefined }

function randomTrace(actions: readonly Action[]): Trace {
  const steps: Step[] = [{ event: 'call', line: 1, func: 'f', depth: 0, changed: { a: '[1]' } }];
  const stack: { func: string; vars: Set<string> }[] = [{ func: 'f', vars: new Set(['a']) }];
  let calls = 0;
  for (const act of actions) {
    const depth = stack.length - 1;
    const top = stack[depth]!;
    const changed = Object.fromEntries(act.changes);
    const step: Step = { event: 'line', line: act.line, func: top.func, depth, changed };
    if (act.stdout) step.stdout = act.stdout;
    const gone = act.del ? [...top.vars].filter((v) => !(v in changed)).slice(0, 1) : [];
    if (gone.length) step.removed = gone;
    for (const v of gone) top.vars.delete(v);
    for (const v of Object.keys(changed)) top.vars.add(v);
    if (act.kind === 'call' && stack.length < 4) {
      const func = `g${calls++ % 3}`;
      steps.push({ event: 'call', line: 1, func, depth: depth + 1, changed: { a: act.changes[0]?.[1] ?? '0' } });
      stack.push({ func, vars: new Set(['a']) });
    } else if (act.kind === 'return' && stack.length > 1) {
      steps.push({ ...step, event: 'return', value: act.changes[0]?.[1] ?? 'None' });
      stack.pop();
    } else steps.push(step);
  }
  while (stack.length) {
    const depth = stack.length - 1;
    steps.push({ event: 'return', line: 8, func: stack[depth]!.func, depth, changed: {}, value: '2' });
    stack.pop();
  }
  const stdout = steps.map((x) => x.stdout ?? '').join('');
  return { ...traceOf(CODE, steps, '2', 'f([1])'), stdout };
}

describe('round trip on random traces', () => {
  it('parse(verbalise(trace)) gives back the states, at every granularity', () => {
    fc.assert(fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
      const trace = randomTrace(actions);
      for (const g of GRANULARITIES) {
        const story = verbalise(trace, g);
        const parsed = parseStory(story.target);
        expect(parsed.errors).toEqual([]);
        expect(parsed.answer).toBe('2');
        const cmp = compareStates(parsed.states, expectedStates(trace, g));
        expect(cmp.firstDivergence).toBeNull();
      }
    }), { numRuns: 300 });
  });
});

describe('programOfPrompt', () => {
  it('reads back the program of both prompt forms, and nothing else', async () => {
    const { programOfPrompt, promptOf } = await import('./story.ts');
    const code = 'def f(a):\n    return a + 1\n';
    expect(programOfPrompt(promptOf({ mode: 'call', code, call: 'f(2)' }))).toEqual({ mode: 'call', code, call: 'f(2)' });
    expect(programOfPrompt(promptOf({ mode: 'program', code, stdin: '4\n' }))).toEqual({ mode: 'program', code, stdin: '4\n' });
    expect(programOfPrompt('x = 1')).toBeNull();
  });
});

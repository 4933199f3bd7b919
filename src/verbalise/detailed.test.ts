// The `detailed` granularity on real traces: the worked forms come from Python (the tracer, request `work`), the
// story shows them, and it still reads back into the real states. Pure expressions only: anything that could run
// user code or has an effect gets no work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner, type NodeRunner } from '../capture/node/runner.ts';
import { compareStates, expectedStates, lastForm, parseStory, storyGranularityOf } from './parse.ts';
import { GRANULARITIES, showsWork, verbalise, workOf } from './story.ts';

let runner: NodeRunner;
beforeAll(async () => {
  runner = await createNodeRunner({ processes: 1 });
});
afterAll(async () => runner.close());

const call = (code: string, c: string, work: boolean | 'bound' = true) => runner.run({ code, mode: 'call', call: c, work });

describe('detailed stories', () => {
  it('work each assignment and return out one operation at a time, in Python\'s order, and read back', async () => {
    const code = 'def f(res, k):\n    x = res + res * 2\n    diff = max(x, 2 + 1)\n    u = 0\n    for ch in range(k):\n' +
      '        u += ch\n    y = x if x > 3 and u < 100 else -x\n    return x - x % 4\n';
    const trace = await call(code, 'f(2, 2)');
    expect(trace.status).toBe('ok');
    const story = verbalise(trace, 'detailed');
    expect(story.target).toContain('2. Line 2: x = res + res * 2 = 2 + 2 * 2 = 2 + 4 = 6.');
    expect(story.target).toContain('3. Line 3: diff = max(x, 2 + 1) = max(6, 2 + 1) = max(6, 3) = 6.');
    expect(story.target).toContain('4. Line 4: u = 0.');
    expect(story.target).toContain('Line 5, iteration 2: ch = 1, u = u + ch = 0 + 1 = 1.');
    expect(story.target).toContain('y = x if x > 3 and u < 100 else -x = 6 if 6 > 3 and 1 < 100 else -6 = ' +
      '6 if True and 1 < 100 else -6 = 6 if 1 < 100 else -6 = 6 if True else -6 = 6.');
    expect(story.target).toContain('f returns x - x % 4 = 6 - 6 % 4 = 6 - 2 = 4.');
    const parsed = parseStory(story.target);
    expect(parsed.errors).toEqual([]);
    expect(compareStates(parsed.states, expectedStates(trace, 'detailed')).firstDivergence).toBeNull();
    // Without `work` in the request the same story is the iterations story.
    const plain = await call(code, 'f(2, 2)', false);
    expect(plain.steps.some((s) => s.work)).toBe(false);
    expect(verbalise(plain, 'detailed').target).toBe(verbalise(plain, 'iterations').target);
  });

  it('shows no work where evaluating could run code or change something', async () => {
    const code = 'def g(a):\n    return a + 1\n\ndef f(a):\n    xs = [a]\n    b = g(a) + 1\n    xs.append(b)\n' +
      '    c = len(xs) + b\n    max = lambda *v: 0\n    d = max(c, 1)\n    return d\n';
    const trace = await call(code, 'f(1)', 'bound');
    expect(trace.status).toBe('ok');
    const workOn = (line: number) => trace.steps.find((s) => s.func === 'f' && s.event === 'line' && s.line === line)?.work;
    expect(workOn(6)).toBeUndefined(); // a user function
    expect(workOn(7)).toBeUndefined(); // a method call with an effect
    expect(workOn(8)).toEqual({ target: 'c', chain: ['len(xs) + b', 'len([1, 3]) + 3', '2 + 3', '5'], bound: 'len(xs=[1, 3]) + b=3' });
    expect(workOn(10)).toBeUndefined(); // `max` is no longer the builtin
    expect(trace.runtimeChanged).toBeUndefined();
    // The bound form is made only when asked for (it costs tracing time that detailed stories would not use).
    const plain = await call(code, 'f(1)');
    expect(plain.steps.find((s) => s.func === 'f' && s.event === 'line' && s.line === 8)?.work)
      .toEqual({ target: 'c', chain: ['len(xs) + b', 'len([1, 3]) + 3', '2 + 3', '5'] });
  });

  it('worked stories also work out each test, each name of a tuple assignment and a line that changed nothing', async () => {
    const code = 'def f(total, a):\n    size, num = total, a + 1\n    a += abs(a - a)\n    if num <= 7:\n' +
      '        return total\n    elif num > 9:\n        size = 2\n    n = 5\n    while n > size:\n        n = n // 2\n' +
      '        if n % 2 == 0:\n            n -= 1\n    return n\n';
    const trace = await call(code, 'f(3, 9)');
    expect(trace.status).toBe('ok');
    const worked = verbalise(trace, 'worked').target;
    expect(worked).toContain('2. Line 2: size = total = 3, num = a + 1 = 9 + 1 = 10.');
    expect(worked).toContain('3. Line 3: a = a + abs(a - a) = 9 + abs(9 - 9) = 9 + abs(0) = 9 + 0 = 9.');
    expect(worked).toContain('4. Line 4: if num <= 7 = 10 <= 7 = False.');
    expect(worked).toContain('5. Line 6: elif num > 9 = 10 > 9 = True.');
    expect(worked).toContain('Line 9, iteration 1: while n > size = 5 > 2 = True, n = n // 2 = 5 // 2 = 2, ' +
      'if n % 2 == 0 = 2 % 2 == 0 = 0 == 0 = True, n = n - 1 = 2 - 1 = 1.');
    expect(worked).toContain('Line 9: while n > size = 1 > 2 = False, loop ends.');
    expect(worked).toContain('f returns n = 1.');
    const parsed = parseStory(worked);
    expect(parsed.errors).toEqual([]);
    expect(parsed.answer).toBe('1');
    expect(compareStates(parsed.states, expectedStates(trace, 'worked')).firstDivergence).toBeNull();
    // The detailed story of the same trace is unchanged by the extra work: no tests, tuples or unchanged lines.
    const detailed = verbalise(trace, 'detailed').target;
    expect(detailed).toContain('2. Line 2: size = 3, num = 10.');
    expect(detailed).not.toMatch(/\b(if|elif|while) /);
    expect(detailed).not.toContain('Line 3:');
    // The granularities whose traces the dataset builder runs with `work`.
    expect(GRANULARITIES.filter(showsWork)).toEqual(['detailed', 'worked', 'bound', 'state']);
    expect(GRANULARITIES.map(workOf)).toEqual([false, false, false, true, true, 'bound', true, false]);
    // What the Explorer reads a browser-trained model's stories back with, told from the stories alone.
    expect(storyGranularityOf([detailed, worked])).toBe('worked');
    expect(storyGranularityOf([detailed])).toBe('detailed');
    expect(storyGranularityOf([verbalise(trace, 'direct').target])).toBe('direct');
    // A string value that looks like a test does not make a detailed story worked.
    expect(storyGranularityOf(["[THOUGHT]\n1. Line 2: s = 'if a = True'.\n[/THOUGHT]"])).toBe('detailed');
  });

  it('bound stories write each name\'s value beside it in the first form, and read back', async () => {
    const code = 'def f(m, diff, val):\n    z = m + 6\n    best = diff + z * 2\n    m = abs(m - val)\n    s = 0\n' +
      '    for i in range(2):\n        s += i + m\n    return s - 4\n';
    const trace = await call(code, 'f(12, 1, 3)', 'bound');
    expect(trace.status).toBe('ok');
    const bound = verbalise(trace, 'bound').target;
    expect(bound).toContain('1. Call f(m=12, diff=1, val=3).');
    expect(bound).toContain('2. Line 2: z = m=12 + 6 = 12 + 6 = 18.');
    expect(bound).toContain('3. Line 3: best = diff=1 + z=18 * 2 = 1 + 18 * 2 = 1 + 36 = 37.');
    // A function name stays as written; the value read is the one before the line ran.
    expect(bound).toContain('4. Line 4: m = abs(m=12 - val=3) = abs(12 - 3) = abs(9) = 9.');
    expect(bound).toContain('5. Line 5: s = 0.');
    expect(bound).toContain('Line 6, iteration 2: i = 1, s = s=9 + (i=1 + m=9) = 9 + (1 + 9) = 9 + 10 = 19.');
    expect(bound).toContain('f returns s=19 - 4 = 19 - 4 = 15.');
    const parsed = parseStory(bound);
    expect(parsed.errors).toEqual([]);
    expect(parsed.answer).toBe('15');
    expect(compareStates(parsed.states, expectedStates(trace, 'bound')).firstDivergence).toBeNull();
    // The same trace's detailed story has no values beside names; each is told apart from the stories alone.
    const detailed = verbalise(trace, 'detailed').target;
    expect(detailed).toContain('2. Line 2: z = m + 6 = 12 + 6 = 18.');
    expect(storyGranularityOf([bound])).toBe('bound');
    expect(storyGranularityOf([detailed])).toBe('detailed');
    expect(storyGranularityOf(["[THOUGHT]\n1. Line 2: s = 'a=1'.\n[/THOUGHT]"])).toBe('detailed');
  });

  it('state stories end each sentence of a frame that goes on with its every variable, and read back from it', async () => {
    const code = 'def f(m, diff):\n    z = m + 6\n    del m\n    s = 0\n    for i in range(2):\n        s += i\n    return s + z\n';
    const trace = await call(code, 'f(12, 1)');
    expect(trace.status).toBe('ok');
    const story = verbalise(trace, 'state').target;
    expect(story).toContain('1. Call f(m=12, diff=1).\n');
    expect(story).toContain('2. Line 2: z = m + 6 = 12 + 6 = 18. State: m=12, diff=1, z=18.\n');
    expect(story).toContain('3. Line 3: del m. State: diff=1, z=18.\n');
    expect(story).toContain('Line 5, iteration 2: i = 1, s = s + i = 0 + 1 = 1. State: diff=1, z=18, s=1, i=1.\n');
    expect(story).toContain('Line 5: loop ends. State: diff=1, z=18, s=1, i=1.\n');
    expect(story).toMatch(/\d+\. Line 7: f returns s \+ z = 1 \+ 18 = 19\.\n/); // a frame that ends has no state
    const parsed = parseStory(story);
    expect(parsed.errors).toEqual([]);
    expect(compareStates(parsed.states, expectedStates(trace, 'state')).firstDivergence).toBeNull();
    // Read back, the state line is the story's claim of the frame: a wrong one is a divergence there, though the
    // body is right.
    const wrong = story.replace('State: m=12, diff=1, z=18.', 'State: m=12, diff=7, z=18.');
    const cmp = compareStates(parseStory(wrong).states, expectedStates(trace, 'state'));
    expect(cmp.firstDivergence?.index).toBe(1);
    expect(cmp.firstDivergence?.reason).toBe('diff = 7 instead of 1');
    expect(parseStory(story.replace('State: diff=1, z=18.', 'State: diff=1, ?.')).errors[0]?.message).toBe('state: cannot read "?"');
    expect(storyGranularityOf([story])).toBe('state');
    expect(storyGranularityOf([verbalise(trace, 'detailed').target])).toBe('detailed');
    expect(workOf('state')).toBe(true);
  });

  it('lastForm takes the value after the last top-level " = "', () => {
    expect(lastForm('a + b = 2 + 3 = 5')).toBe('5');
    expect(lastForm("'x = y'")).toBe("'x = y'");
    expect(lastForm("s + 'a = b' = 'q' + 'a = b' = 'qa = b'")).toBe("'qa = b'");
    expect(lastForm('[1, 2]')).toBe('[1, 2]');
  });
});

// The explorer's Python-facing promises, checked with the real runner in Node (Pyodide in a sandboxed
// child, the same tracer as the page's worker): every example in the menu runs as its title says, and
// predicted values are compared by Python, not by text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner, type NodeRunner } from '../../../capture/node/runner.ts';
import type { Step, TraceStatus } from '../../../capture/trace.ts';
import { EXAMPLES } from './examples.ts';
import { checkValues, parseValuePredictions, type Compare } from './predict.ts';

let runner: NodeRunner;
let compare: Compare;
beforeAll(async () => {
  runner = await createNodeRunner({ processes: 1 });
  compare = (a, b) => runner.compare(a, b);
}, 60_000);
afterAll(async () => {
  await runner.close();
});

// What each example is for; a new example must say what it should end in.
const EXPECTED: Record<string, { status: TraceStatus; stdout?: string; error?: string }> = {
  loop: { status: 'ok', stdout: 'total: 14\n' },
  recursion: { status: 'ok', stdout: '24\n' },
  aliasing: { status: 'ok', stdout: '[1, 2, 3, 4]\n[1, 2, 3, 4]\n[1, 2, 3, 4, 5]\n' },
  'off-by-one': { status: 'ok', stdout: '10\n' },
  exception: { status: 'error', stdout: '5.0\n', error: 'ZeroDivisionError' },
  input: { status: 'ok', stdout: 'Hello, Ada\n'.repeat(3) },
  model: { status: 'ok', stdout: '7\n' },
};

describe('the examples menu', () => {
  it('lists only examples with a stated outcome', () => {
    expect(EXAMPLES.map((x) => x.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const example of EXAMPLES) {
    it(`runs “${example.title}” to its expected end`, async () => {
      const want = EXPECTED[example.id]!;
      const trace = await runner.run({ code: example.code, mode: 'program', stdin: example.stdin });
      expect(trace.status).toBe(want.status);
      expect(trace.stdout).toBe(want.stdout);
      expect(trace.error?.type).toBe(want.error);
      // Short enough to step through by hand, long enough to be worth it.
      expect(trace.steps.length).toBeGreaterThan(3);
      expect(trace.steps.length).toBeLessThan(200);
    });
  }
});

describe('predicted values are compared by Python', () => {
  const line = (changed: Record<string, string>): Step => ({ event: 'line', line: 1, func: '<module>', depth: 0, changed });
  // Reprs as the tracer writes them.
  const steps = [line({ s: '{1, 2}', x: '3.0' }), line({ y: '0.30000000000000004', d: "{'a': 1, 'b': 2}" }), line({ f: '<function f>' })];

  it('accepts what Python finds equal although the text differs', async () => {
    const { predictions } = parseValuePredictions('s = {2, 1}\nx = 3\ny = 0.3\nd = {"b": 2, "a": 1}\nf = <function f>');
    expect(await checkValues(predictions, { steps }, compare)).toEqual({ checked: 5, divergence: undefined });
  });

  it('rejects what Python finds different, and what does not parse', async () => {
    for (const [text, name] of [['s = {1, 2, 3}', 's'], ['x = 3.1', 'x'], ['y = 0.31', 'y'], ["x = '3.0'", 'x'], ['x = 3 +', 'x']] as const) {
      const { predictions } = parseValuePredictions(text);
      expect((await checkValues(predictions, { steps }, compare)).divergence, text).toMatchObject({ name });
    }
  });
});

// tracer.py is a real Python file: under native CPython (3.11 here, no sys.monitoring) it must run, degrade
// gracefully, and record the same steps as under Pyodide (3.14) for programs whose line events agree.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TraceSchema } from '../trace.ts';
import type { RunRequest, Trace } from '../trace.ts';
import { createNodeRunner } from './runner.ts';
import type { NodeRunner } from './runner.ts';

const TRACER = join(dirname(fileURLToPath(import.meta.url)), '..', 'tracer.py');
const limits = { maxSteps: 10_000, timeoutMs: 10_000 };

function native(req: RunRequest): Trace {
  const out = spawnSync('python3', [TRACER], { input: JSON.stringify({ limits, ...req }), encoding: 'utf8' });
  if (out.error) throw new Error(`python3 is needed for this test: ${out.error.message}`);
  expect(out.status, out.stderr).toBe(0);
  return TraceSchema.parse(JSON.parse(out.stdout));
}

function python(snippet: string): string {
  const out = spawnSync('python3', ['-c', `import sys; sys.path.insert(0, ${JSON.stringify(dirname(TRACER))})\nimport tracer\n${snippet}`], {
    encoding: 'utf8',
  });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout.trimEnd();
}

let runner: NodeRunner;
beforeAll(async () => {
  runner = await createNodeRunner({ processes: 1 });
});
afterAll(async () => {
  await runner.close();
});

describe('tracer.py under native python3', () => {
  const programs: RunRequest[] = [
    { mode: 'program', code: 'x = 1\nfor i in range(3):\n    x = x * 2 + i\nprint(x)\n' },
    { mode: 'program', code: 'def add(a, b):\n    s = a + b\n    return s\nprint(add(2, 3))\n' },
    { mode: 'program', code: 'name = input()\nprint("hi", name)\n', stdin: 'Ada\n' },
    { mode: 'call', code: 'def f(xs):\n    out = []\n    for x in xs:\n        out.append(x * x)\n    return out\n', call: 'f([1, 2, 3])' },
    { mode: 'program', code: 'try:\n    1 / 0\nexcept ZeroDivisionError:\n    y = 2\n' },
  ];
  for (const req of programs) {
    it(`records the same steps as Pyodide: ${JSON.stringify(req.code.split('\n')[0])}`, async () => {
      const a = native(req);
      const b = await runner.run({ ...req, limits });
      expect(a.status).toBe('ok');
      expect(a.steps).toEqual(b.steps);
      expect(a.stdout).toBe(b.stdout);
      expect(a.result).toBe(b.result);
    });
  }

  it('stops an endless loop at the step limit without sys.monitoring', () => {
    const t = native({ mode: 'program', code: 'while True:\n    pass\n', limits: { maxSteps: 500, timeoutMs: 5_000 } });
    expect(t.status).toBe('step_limit');
    expect(t.steps).toHaveLength(500);
  });

  it('safe reprs: bounded, cycle-proof, and never call a user __repr__', () => {
    const out = python(`
class Loop:
    def __repr__(self):
        while True: pass
class P:
    def __init__(self): self.a = [1, 2]; self.me = self
l = [1]; l.append(l)
print(tracer.safe_repr(Loop()))
print(tracer.safe_repr(P()))
print(tracer.safe_repr(l))
print(len(tracer.safe_repr(list(range(10**6)))))
print(tracer.safe_repr({'k': 'v' * 1000})[-8:])
class MyInt(int): pass
print(tracer.safe_repr(MyInt(5)))
`);
    const [loop, p, cyc, bigLen, tail, myInt] = out.split('\n');
    expect(myInt).toBe('MyInt(5)');
    expect(loop).toBe('Loop()');
    expect(p).toBe('P(a=[1, 2], me=...)');
    expect(cyc).toBe('[1, [...]]');
    expect(Number(bigLen)).toBeLessThanOrEqual(203);
    expect(tail).toMatch(/\.\.\./);
  });

  it('compare parses literals without running code', () => {
    expect(python(`print(tracer.compare("[1, 2.0]", "[1, 2.000001]"), tracer.compare("inf", "inf"), tracer.compare("__import__('os')", "1"))`)).toBe(
      'True True False',
    );
  });
});

// The runner end to end in Node: tracer.py in Pyodide, in the sandboxed child processes of createNodeRunner.
// One runner for the whole file (loading Pyodide costs seconds).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../replay.ts';
import { TraceSchema } from '../trace.ts';
import type { RunRequest, Trace } from '../trace.ts';
import { createNodeRunner } from './runner.ts';
import type { NodeRunner } from './runner.ts';

let runner: NodeRunner;
beforeAll(async () => {
  runner = await createNodeRunner({ processes: 1 });
});
afterAll(async () => {
  await runner.close();
});

async function run(code: string, extra: Partial<RunRequest> = {}): Promise<Trace> {
  const trace = await runner.run({ code, mode: 'program', ...extra });
  TraceSchema.parse(trace); // every outcome is a valid trace
  return trace;
}

/** The values `name` took, in order, as the trace shows them. */
function history(trace: Trace, name: string): string[] {
  return trace.steps.filter((s) => name in s.changed).map((s) => s.changed[name]!);
}

async function expectRunnerWorks(): Promise<void> {
  const t = await run('a = 6\nprint(a * 7)\n');
  expect(t.status).toBe('ok');
  expect(t.stdout).toBe('42\n');
}

describe('what the trace records', () => {
  it('loops: each line before it runs, with the locals the previous line changed', async () => {
    const t = await run('total = 0\nfor i in range(4):\n    total += i\nprint(total)\n');
    expect(t.status).toBe('ok');
    expect(t.stdout).toBe('6\n');
    expect(history(t, 'total')).toEqual(['0', '1', '3', '6']); // `total += 0` changes nothing
    expect(history(t, 'i')).toEqual(['0', '1', '2', '3']);
    expect(t.steps[0]).toMatchObject({ event: 'line', line: 1, func: '<module>', depth: 0, changed: {} });
    expect(t.steps.at(-1)).toMatchObject({ event: 'return', func: '<module>', stdout: '6\n' });
  });

  it('nested calls and recursion: call/return events, depths, return values', async () => {
    const t = await run('def fact(n):\n    if n <= 1:\n        return 1\n    return n * fact(n - 1)\nx = fact(3)\n');
    const calls = t.steps.filter((s) => s.event === 'call');
    expect(calls.map((s) => [s.func, s.depth, s.changed.n])).toEqual([
      ['fact', 1, '3'],
      ['fact', 2, '2'],
      ['fact', 3, '1'],
    ]);
    const returns = t.steps.filter((s) => s.event === 'return' && s.func === 'fact');
    expect(returns.map((s) => [s.depth, s.value])).toEqual([
      [3, '1'],
      [2, '2'],
      [1, '6'],
    ]);
    const states = replay(t);
    const deepest = states.find((s) => s.frames.length === 4);
    expect(deepest?.frames.map((f) => f.func)).toEqual(['<module>', 'fact', 'fact', 'fact']);
    expect(history(t, 'x')).toEqual(['6']);
  });

  it('never traces the standard library (or the tracer): only frames of the program', async () => {
    const code = 'import json, collections\ndef key(x):\n    return -x\ns = json.dumps(sorted([3, 1, 2], key=key))\nc = collections.Counter("abca")\n';
    const t = await run(code);
    expect(t.status).toBe('ok');
    expect(new Set(t.steps.map((s) => s.func))).toEqual(new Set(['<module>', 'key']));
    for (const s of t.steps) expect(s.line).toBeLessThanOrEqual(5);
    expect(history(t, 's')).toEqual(["'[3, 2, 1]'"]);
    expect(history(t, 'c')).toEqual(["Counter({'a': 2, 'b': 1, 'c': 1})"]);
  });

  it('call mode records only the call, from depth 0, and returns the real repr', async () => {
    const t = await runner.run({
      code: 'print("defining")\ndef f(a, b):\n    c = a + b\n    return [c, "x"]\n',
      mode: 'call',
      call: 'f(1, 2)',
    });
    expect(t.status).toBe('ok');
    expect(t.result).toBe("[3, 'x']");
    expect(t.steps.map((s) => [s.event, s.line, s.depth])).toEqual([
      ['call', 2, 0],
      ['line', 3, 0],
      ['line', 4, 0],
      ['return', 4, 0],
    ]);
    expect(t.steps[0]!.changed).toEqual({ a: '1', b: '2' });
    expect(t.stdout).toBe('defining\n');
  });

  it('exceptions: caught, uncaught (with its line), and through finally', async () => {
    const caught = await run('try:\n    x = 1 / 0\nexcept ZeroDivisionError as e:\n    msg = str(e)\nprint(msg)\n');
    expect(caught.status).toBe('ok');
    expect(caught.steps.find((s) => s.event === 'exception')).toMatchObject({ line: 2, value: 'ZeroDivisionError: division by zero' });
    expect(caught.stdout).toBe('division by zero\n');

    const uncaught = await run('def g():\n    return {}["k"]\nprint("before")\ng()\nprint("never")\n');
    expect(uncaught.status).toBe('error');
    expect(uncaught.error).toEqual({ type: 'KeyError', message: "'k'", line: 2 });
    expect(uncaught.stdout).toBe('before\n');
    const gReturn = uncaught.steps.find((s) => s.event === 'return' && s.func === 'g');
    expect(gReturn?.value).toBeUndefined(); // unwinding, not returning None

    const fin = await run('def h():\n    try:\n        raise ValueError("v")\n    finally:\n        print("cleanup")\nh()\n');
    expect(fin.status).toBe('error');
    expect(fin.error?.type).toBe('ValueError');
    expect(fin.stdout).toBe('cleanup\n');
    expect(fin.steps.some((s) => s.line === 5 && s.event === 'line')).toBe(true);
  });

  it('output only: no steps, no step limit, the real result and stdout; the time limit still stops a loop', async () => {
    const code = 'def f(n):\n    c = 0\n    for i in range(n):\n        c += i % 7\n    print("done")\n    return c\n';
    const full = await runner.run({ code, mode: 'call', call: 'f(50000)', limits: { maxSteps: 1000 } });
    expect(full.status).toBe('step_limit');
    const only = await runner.run({ code, mode: 'call', call: 'f(50000)', limits: { maxSteps: 1000 }, outputOnly: true });
    expect(only).toMatchObject({ status: 'ok', result: String([...Array(50000).keys()].reduce((a, i) => a + (i % 7), 0)), steps: [] });
    const script = await runner.run({ code: 'print(sum(range(10 ** 5)))\n', mode: 'program', limits: { maxSteps: 10 }, outputOnly: true });
    expect(script).toMatchObject({ status: 'ok', stdout: '4999950000\n', steps: [] });
    const endless = await runner.run({ code: 'while True:\n    pass\n', mode: 'program', limits: { timeoutMs: 300 }, outputOnly: true });
    expect(endless.status).toBe('timeout');
  });

  it('asyncio.run says plainly that it is not available here (not an Emscripten message)', async () => {
    const t = await runner.run({ code: 'import asyncio\nasync def main():\n    return 1\nprint(asyncio.run(main()))\n', mode: 'program' });
    expect(t.status).toBe('error');
    expect(t.error).toEqual({ type: 'RuntimeError', line: 4, message: expect.stringMatching(/^asyncio\.run and run_until_complete are not available here/) });
  });

  it('syntax errors point at their line and keep no steps', async () => {
    const t = await run('x = 1\nif x\n    print(x)\n');
    expect(t.status).toBe('error');
    expect(t.error).toMatchObject({ type: 'SyntaxError', line: 2 });
    expect(t.steps).toEqual([]);
  });

  it('classes: instances shown from their attributes; methods as frames', async () => {
    const t = await run(
      'class Point:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n    def move(self, d):\n        self.x += d\n        return self\np = Point(1, 2)\np.move(3)\n',
    );
    expect(history(t, 'p')).toEqual(['Point(x=1, y=2)', 'Point(x=4, y=2)']);
    expect(t.steps.some((s) => s.func === 'Point.move' && s.event === 'call')).toBe(true);
    expect(history(t, 'Point')).toEqual(["<class 'Point'>"]);
  });

  it('generators: each resume is a call, each yield a return with the value, locals carry over', async () => {
    const t = await run('def gen():\n    k = 10\n    yield k\n    k += 1\n    yield k\nout = list(gen())\n');
    const genSteps = t.steps.filter((s) => s.func === 'gen');
    expect(genSteps.filter((s) => s.event === 'return').map((s) => s.value)).toEqual(['10', '11', 'None']);
    expect(history(t, 'out')).toEqual(['[10, 11]']);
    // k changed once to 10 and once to 11: the resumed frame kept its previous values.
    expect(genSteps.filter((s) => 'k' in s.changed).map((s) => s.changed.k)).toEqual(['10', '11']);
  });

  it('comprehensions run in frames of their own (or inline on 3.12+) and give the right value', async () => {
    const t = await run('squares = [n * n for n in range(4)]\nevens = {n for n in squares if n % 2 == 0}\n');
    expect(t.status).toBe('ok');
    expect(history(t, 'squares')).toEqual(['[0, 1, 4, 9]']);
    expect(history(t, 'evens')).toEqual(['{0, 4}']);
  });

  it('stdin is fed explicitly; asking for more gives a clean EOFError', async () => {
    const t = await run('a = input()\nb = input("again? ")\nprint(a + b)\nc = input()\n', { stdin: 'x\ny\n' });
    expect(t.stdout).toBe('again? xy\n');
    expect(t.status).toBe('error');
    expect(t.error).toMatchObject({ type: 'EOFError', line: 4 });
  });

  it('unicode in code, names, values and stdout', async () => {
    const t = await run('naïve = "héllo ✓ 🐍"\nprint(naïve[::-1])\n');
    expect(t.status).toBe('ok');
    expect(history(t, 'naïve')).toEqual(["'héllo ✓ 🐍'"]);
    expect(t.stdout).toBe('🐍 ✓ olléh\n');
  });

  it('huge, deep and self-referencing values are shown bounded', async () => {
    const t = await run(
      'big = list(range(100000))\nd = {}\nd["me"] = d\nnest = []\nfor _ in range(50):\n    nest = [nest]\ns = "x" * 100000\nn = 10 ** 5000\nend = 1\n',
    );
    expect(t.status).toBe('ok');
    const last = replay(t).at(-1)!.frames[0]!.vars;
    for (const value of Object.values(last)) expect(value.length).toBeLessThanOrEqual(210);
    expect(last.big).toMatch(/^\[0, 1, 2, .*, \.\.\.\]$/);
    expect(last.d).toBe("{'me': {...}}");
    expect(last.nest).toContain('...');
    expect(last.s).toMatch(/^'x+\.\.\.'$/);
    expect(last.n).toBe('<int of about 5001 digits>');
  });
});

describe('runaway programs end with a clear status, keep their partial trace, and leave the runner usable', () => {
  const cases: { name: string; code: string; status: Trace['status']; errorType?: string; limits?: RunRequest['limits']; minSteps?: number }[] = [
    { name: 'endless loop', code: 'n = 0\nwhile True:\n    n += 1\n', status: 'step_limit', limits: { maxSteps: 3000 }, minSteps: 3000 },
    {
      name: 'endless loop that swallows every exception',
      code: 'while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass\n',
      status: 'step_limit',
      limits: { maxSteps: 3000 },
      minSteps: 3000,
    },
    {
      name: 'the program switches the tracer off',
      code: 'import sys\nsys.settrace(None)\nsys.setprofile(None)\nwhile True:\n    pass\n',
      status: 'step_limit',
      limits: { maxSteps: 3000 },
      minSteps: 3000,
    },
    { name: 'recursion bomb', code: 'def f(n):\n    return f(n + 1)\nf(0)\n', status: 'error', errorType: 'RecursionError', minSteps: 100 },
    {
      name: 'recursion bomb that raises the recursion limit',
      code: 'import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nf(0)\n',
      status: 'error',
      errorType: 'RecursionError',
      limits: { maxSteps: 100_000 },
      minSteps: 100,
    },
    { name: 'memory bomb', code: 'x = 1\nhuge = [0] * 10**9\n', status: 'error', errorType: 'MemoryError', minSteps: 2 },
    { name: 'memory bomb (string)', code: 'x = 1\nhuge = "x" * 10**10\n', status: 'error', errorType: 'OverflowError', minSteps: 2 },
    { name: 'long sleep', code: 'import time\nprint("zz")\ntime.sleep(3600)\n', status: 'timeout', limits: { timeoutMs: 1500 }, minSteps: 3 },
    { name: 'input without stdin', code: 'name = input()\n', status: 'error', errorType: 'EOFError', minSteps: 1 },
    { name: 'sys.exit(0)', code: 'import sys\nprint("bye")\nsys.exit(0)\nprint("no")\n', status: 'ok', minSteps: 3 },
    { name: 'sys.exit(3)', code: 'import sys\nsys.exit(3)\n', status: 'error', errorType: 'SystemExit', minSteps: 2 },
    { name: 'os._exit', code: 'import os\nos._exit(1)\n', status: 'error', errorType: 'SystemExit', minSteps: 2 },
    {
      name: 'a __del__ that never returns, and builtins replaced by an object whose __eq__ loops',
      code: 'import builtins\nclass A:\n    def __del__(self):\n        while True:\n            pass\n    def __eq__(self, other):\n        while True:\n            pass\na = A()\nbuiltins.print = A()\n',
      status: 'ok',
      limits: { maxSteps: 2000 },
      minSteps: 3,
    },
    {
      name: 'a __repr__ that never returns (the tracer never calls it)',
      code: 'class A:\n    def __repr__(self):\n        while True:\n            pass\na = A()\nb = [a]\n',
      status: 'ok',
      minSteps: 3,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const started = performance.now();
      const t = await run(c.code, { limits: c.limits });
      expect(t.status, JSON.stringify(t.error)).toBe(c.status);
      if (c.errorType) expect(t.error?.type).toBe(c.errorType);
      if (c.status !== 'ok') expect(t.error?.message.length).toBeGreaterThan(0);
      expect(t.steps.length).toBeGreaterThanOrEqual(c.minSteps ?? 1);
      expect(performance.now() - started).toBeLessThan(20_000);
      await expectRunnerWorks();
    });
  }

  it('huge stdout is capped and marked truncated', async () => {
    const t = await run('while True:\n    print("y" * 10000)\n', { limits: { maxSteps: 2000 } });
    expect(t.status).toBe('step_limit');
    expect(t.stdoutTruncated).toBe(true);
    expect(t.stdout.length).toBe(1 << 20);
    for (const s of t.steps) expect((s.stdout ?? '').length).toBeLessThanOrEqual(4096);
    await expectRunnerWorks();
  });

  it('the value of a call whose __repr__ never returns hits the step limit', async () => {
    const t = await runner.run({
      code: 'class A:\n    def __repr__(self):\n        while True:\n            pass\ndef f():\n    return A()\n',
      mode: 'call',
      call: 'f()',
      limits: { maxSteps: 2000 },
    });
    expect(t.status).toBe('step_limit');
    expect(t.result).toBeUndefined();
    expect(t.steps.map((s) => s.event)).toEqual(['call', 'line', 'return']);
    await expectRunnerWorks();
  });

  it('one long operation inside Python is ended by replacing the child process', async () => {
    const t = await run('print("start")\nx = sum(range(10**13))\n', { limits: { timeoutMs: 500 } });
    expect(t.status).toBe('timeout');
    expect(t.error?.message).toMatch(/time limit/);
    await expectRunnerWorks();
  });

  it('a runtime crash is reported as crashed and the runner restarts', async () => {
    // posix.system bypasses the tracer's stand-in; the permission model then refuses to spawn, which kills Pyodide.
    const t = await run('import posix\nposix.system("true")\n');
    expect(t.status).toBe('crashed');
    expect(t.error?.type).toBe('Crashed');
    await expectRunnerWorks();
  });
});

describe('integrity: a program cannot forge its trace or change the runtime for later runs', () => {
  const forge = (fn: string) =>
    `import json\njson.${fn} = lambda *a, **k: ${JSON.stringify(JSON.stringify({ version: 1, mode: 'program', code: 'print("SWAPPED")', limits: { maxSteps: 1, timeoutMs: 1 }, stdin: '', call: '', status: 'ok', steps: [], stdout: 'FORGED\n', stdoutTruncated: false, durationMs: 1 }))}\nprint("real")\n`;

  it('replacing json.dumps forges nothing; the change is reported and the next run is clean', async () => {
    const t = await run(forge('dumps'));
    expect(t.status).toBe('ok');
    expect(t.stdout).toBe('real\n');
    expect(t.steps.length).toBeGreaterThanOrEqual(3);
    expect(t.runtimeChanged).toContain('json.dumps');
    const next = await run('import json\nprint(json.dumps([1, "a"]))\n');
    expect(next.status).toBe('ok');
    expect(next.stdout).toBe('[1, "a"]\n');
    expect(next.steps.length).toBeGreaterThanOrEqual(3);
    expect(next.runtimeChanged).toBeUndefined();
  });

  it('replacing json.loads cannot swap the code of the next request', async () => {
    const t = await run(forge('loads'));
    expect(t.runtimeChanged).toContain('json.loads');
    const next = await run('print("mine")\n');
    expect(next.stdout).toBe('mine\n');
    expect(next.code).toBe('print("mine")\n');
  });

  it('a changed stdlib value is reported and gone in the next run; a changed fresh import is dropped', async () => {
    const t = await run('import math\nmath.pi = 3\n');
    expect(t.runtimeChanged).toEqual(['math.pi']);
    expect((await run('import math\nprint(math.pi)\n')).stdout).toBe('3.141592653589793\n');
    const fresh = await run('import fractions\nfractions.Fraction = int\n');
    expect(fresh.runtimeChanged).toBeUndefined(); // fractions was not loaded before: dropped after the run
    expect((await run('from fractions import Fraction\nprint(Fraction(1, 2))\n')).stdout).toBe('1/2\n');
  });

  it('programs queued behind a tampering one run in the fresh child, not in the changed interpreter', async () => {
    const reqs: RunRequest[] = [
      { code: 'import math\nmath.pi = 3\n', mode: 'program' },
      ...Array.from({ length: 5 }, () => ({ code: 'import math\nprint(math.pi)\n', mode: 'program' as const })),
    ];
    const traces = await runner.runMany(reqs);
    expect(traces[0]!.runtimeChanged).toEqual(['math.pi']);
    for (const t of traces.slice(1)) expect(t.stdout, JSON.stringify([t.status, t.error])).toBe('3.141592653589793\n');
  });

  it('the ways to reach the tracer from a program are refused', async () => {
    const attempts: [string, RegExp][] = [
      ['import gc\nobjs = gc.get_objects()\n', /gc.get_objects is not available/],
      ['import gc\nr = gc.get_referrers(print)\n', /gc.get_referrers is not available/],
      ['import sys\nf = sys._getframe(1)\n', /sys._getframe cannot reach below the program/],
      ['def f():\n    pass\nf.__code__ = (lambda: 1).__code__\n', /replacing a function's code/],
    ];
    for (const [code, message] of attempts) {
      const t = await run(code);
      expect(t.status, code).toBe('error');
      expect(t.error?.type, code).toBe('RuntimeError');
      expect(t.error?.message, code).toMatch(message);
    }
    // CPython drops a refused audit hook silently: it must never see an event (here: compile).
    const hook = await run('import sys\nsys.addaudithook(lambda e, a: print("HOOK", e))\ncompile("1", "x", "eval")\nprint("done")\n');
    expect(hook.stdout).toBe('done\n');
    await expectRunnerWorks();
  });

  it('ordinary programs that import and use the standard library change nothing', async () => {
    const programs = [
      'import warnings\nwarnings.warn("careful")\nprint("w")\n',
      'import dataclasses\n@dataclasses.dataclass\nclass P:\n    x: int\nprint(P(1))\n',
      'import re, random, collections, typing, itertools, functools\nrandom.seed(1)\nprint(re.sub("a+", "b", "caat"), collections.Counter("aab"))\n',
      'import sys\nsys.setrecursionlimit(50)\nprint(sys.stdin.read())\n',
    ];
    for (const code of programs) {
      const t = await run(code);
      expect(t.status, JSON.stringify(t.error)).toBe('ok');
      expect(t.runtimeChanged, code).toBeUndefined();
    }
  });
});

describe('containment: code run from Node cannot reach the host', () => {
  // The secret is on disk and in this process's environment: every attempt below must fail to reach either.
  const SECRET = 'TOP-SECRET-42';
  let dir: string;
  let other: NodeRunner;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dryrun-host-'));
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    process.env.DRYRUN_TEST_SECRET = SECRET;
    other = await createNodeRunner({ processes: 1 }); // started while the secret is in the environment
  });
  afterAll(async () => {
    delete process.env.DRYRUN_TEST_SECRET;
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `code`, checks it failed with exactly `type` (and `message`), and that the secret is nowhere in the trace. */
  const refused = async (code: string, type: string, message: RegExp): Promise<Trace> => {
    const t = await other.run({ code, mode: 'program' });
    TraceSchema.parse(t);
    expect(t.status, code).toBe('error');
    expect(t.error?.type, code).toBe(type);
    expect(t.error?.message, code).toMatch(message);
    expect(JSON.stringify(t), code).not.toContain(SECRET);
    return t;
  };

  it('cannot read a host file or the host environment', async () => {
    const secretFile = JSON.stringify(join(dir, 'secret.txt'));
    await refused(`print(open(${secretFile}).read())\n`, 'FileNotFoundError', /No such file or directory/);
    // Node's permission model hides the directory from Pyodide's NODEFS.
    await refused(`import pyodide_js\npyodide_js.mountNodeFS("/mnt", ${JSON.stringify(dir)})\nprint(open("/mnt/secret.txt").read())\n`,
      'JsException', /hostPath .* does not exist/);
    await refused(`import pyodide_js\nprint(pyodide_js.FS.readFile(${secretFile}))\n`, 'SystemError', /JsProxy/);
    await refused('import js\nprint(js.process.env.DRYRUN_TEST_SECRET)\n', 'AttributeError', /^process$/);
    const environ = await other.run({ code: 'import os\nprint(os.environ.get("DRYRUN_TEST_SECRET"))\n', mode: 'program' });
    expect(environ.stdout).toBe('None\n'); // the child is started with an empty environment
  });

  it('cannot write a host file', async () => {
    await refused(`open(${JSON.stringify(join(dir, 'written.txt'))}, "w").write("x")\n`, 'FileNotFoundError', /No such file/);
    await refused(`import pyodide_js\npyodide_js.mountNodeFS("/mnt", ${JSON.stringify(dir)})\nopen("/mnt/written.txt", "w").write("x")\n`,
      'JsException', /hostPath .* does not exist/);
    expect(readdirSync(dir)).toEqual(['secret.txt']);
  });

  it('cannot start a process', async () => {
    const marker = join(dir, 'spawned');
    const t = await other.run({ code: `import os\nprint(os.system("touch ${marker}"))\n`, mode: 'program' });
    expect(t.stdout).toBe('-1\n'); // the tracer's stand-in
    await refused(`import subprocess\nsubprocess.run(["touch", ${JSON.stringify(marker)}])\n`, 'OSError', /does not support processes/);
    await refused('import pyodide_js\nf = pyodide_js.runPython.constructor("return process")\nprint(f())\n',
      'JsException', /Code generation from strings disallowed/);
    expect(readdirSync(dir)).toEqual(['secret.txt']);
  });

  it('cannot reach the network: sockets and HTTP to a live local server fail, and the server sees nothing', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end(SECRET);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}/`;
    try {
      // Emscripten's sockets have no network backend here; fetch, XMLHttpRequest, WebSocket, process and require
      // are deleted from the child's global scope, `js` is an empty object, and code from strings is disallowed.
      await refused(`import socket\ns = socket.create_connection(("127.0.0.1", ${port}))\n`, 'OSError', /Host is unreachable/);
      await refused(`import urllib.request\nprint(urllib.request.urlopen("${url}").read())\n`, 'URLError', /Host is unreachable/);
      await refused(`from pyodide.http import open_url\nprint(open_url("${url}").read())\n`, 'NameError', /XMLHttpRequest/);
      await refused('import js\nprint(js.fetch)\n', 'AttributeError', /^fetch$/);
      await refused('import pyodide_js\nprint(pyodide_js.loadPackage.constructor("return fetch")())\n',
        'JsException', /Code generation from strings disallowed/);
      await refused(`from pyodide.code import run_js\nprint(run_js("fetch('${url}')"))\n`, 'ImportError', /cannot import name 'eval'/);
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe('compare: values as CRUXEval compares them', () => {
  it('is value equality of Python literals, floats within 1e-5', async () => {
    expect(await runner.compare('[1, 2]', '[1,2]')).toBe(true);
    expect(await runner.compare("{'a': (1, 2.0)}", "{'a': (1, 2.000001)}")).toBe(true);
    expect(await runner.compare('1.0', '1.01')).toBe(false);
    expect(await runner.compare('[1]', '(1,)')).toBe(false);
    expect(await runner.compare('{1, 2}', '{2, 1}')).toBe(true);
    expect(await runner.compare('set()', 'set()')).toBe(true);
    expect(await runner.compare('True', '1')).toBe(true); // as in Python: True == 1
    expect(await runner.compare("'a'", '"a"')).toBe(true);
    expect(await runner.compare('[1, 2', '[1, 2]')).toBe(false);
    expect(await runner.compare('__import__("os")', '__import__("os")')).toBe(false); // never runs code
  });
});

describe('closing', () => {
  it('settles every pending program when the runner is closed mid-batch', async () => {
    const other = await createNodeRunner({ processes: 1 });
    const reqs: RunRequest[] = Array.from({ length: 12 }, () => ({ code: 'import time\ntime.sleep(0.05)\n', mode: 'program' }));
    let closing: Promise<void> | undefined;
    const traces = await other.runMany(reqs, (done) => {
      if (done === 1) closing = other.close();
    });
    await closing;
    expect(traces).toHaveLength(12);
    expect(traces[0]!.status).toBe('ok');
    expect(traces.filter((t) => t.status === 'crashed').length).toBeGreaterThan(0);
    for (const t of traces) expect(['ok', 'crashed']).toContain(t.status);
  });
});

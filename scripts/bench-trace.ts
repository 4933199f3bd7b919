// npm run bench:trace: tracer throughput (recorded events per second) in Pyodide (the Node runner) against the
// same tracer.py under native python3 when present, on a few programs with thousands of events each.
// Time is the tracer's own durationMs (the run itself, not JSON transfer), best of REPEATS per program.
// Then the dataset stage's figure: small call-mode programs per second through runMany on a 2-process runner.
// Ends with one JSON line: {"pyodideEventsPerSec","nativeEventsPerSec","ratio","python3","programsPerSec"}.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeRunner } from '../src/capture/node/runner.ts';
import type { RunRequest, Trace } from '../src/capture/trace.ts';

const REPEATS = 3;
const TRACER = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'capture', 'tracer.py');
const limits = { maxSteps: 1_000_000, timeoutMs: 60_000 };

const PROGRAMS: Record<string, string> = {
  bubble_sort: `xs = [(i * 37) % 101 for i in range(70)]
n = len(xs)
for i in range(n):
    for j in range(n - 1 - i):
        if xs[j] > xs[j + 1]:
            xs[j], xs[j + 1] = xs[j + 1], xs[j]
print(xs[:5])
`,
  recursion: `def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print(fib(16))
`,
  strings_and_dicts: `counts = {}
text = "the quick brown fox jumps over the lazy dog " * 40
for word in text.split():
    counts[word] = counts.get(word, 0) + 1
out = ""
for k in sorted(counts):
    out += k[0]
print(out, len(counts))
`,
  classes: `class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0
    def deposit(self, n):
        self.balance += n
        return self.balance
accounts = [Account("a%d" % i) for i in range(20)]
for step in range(150):
    acc = accounts[step % 20]
    acc.deposit(step)
print(sum(a.balance for a in accounts))
`,
};

function rate(traces: Trace[]): { events: number; ms: number } {
  return traces.reduce((a, t) => ({ events: a.events + t.steps.length, ms: a.ms + t.durationMs }), { events: 0, ms: 0 });
}

function best(traces: Trace[]): Trace {
  return traces.reduce((a, b) => (b.durationMs < a.durationMs ? b : a));
}

function native(req: RunRequest): Trace | undefined {
  const out = spawnSync('python3', [TRACER], { input: JSON.stringify({ ...req, limits }), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (out.error || out.status !== 0) return undefined;
  return JSON.parse(out.stdout) as Trace;
}

const runner = await createNodeRunner({ processes: 1 });
const pyodideBest: Trace[] = [];
const nativeBest: Trace[] = [];
let python3: string | null = null;
const version = spawnSync('python3', ['--version'], { encoding: 'utf8' });
if (!version.error && version.status === 0) python3 = version.stdout.trim();
try {
  for (const [name, code] of Object.entries(PROGRAMS)) {
    const req: RunRequest = { code, mode: 'program', limits };
    await runner.run(req); // warm-up: imports, first compile
    const runs: Trace[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await runner.run(req));
    const p = best(runs);
    if (p.status !== 'ok') throw new Error(`${name} did not run cleanly in Pyodide: ${p.status}`);
    pyodideBest.push(p);
    let line = `${name}: ${p.steps.length} events, Pyodide ${Math.round(p.steps.length / (p.durationMs / 1000))}/s`;
    if (python3) {
      const nat = Array.from({ length: REPEATS }, () => native(req)).filter((t): t is Trace => t !== undefined);
      if (nat.length) {
        const n = best(nat);
        nativeBest.push(n);
        line += `, native ${Math.round(n.steps.length / (n.durationMs / 1000))}/s`;
      }
    }
    console.error(line);
  }
} finally {
  await runner.close();
}
// Many small programs, as the dataset stage runs them (~5-60 events each), across two child processes.
const SMALL = 600;
const small: RunRequest[] = Array.from({ length: SMALL }, (_, i) => ({
  mode: 'call',
  code: `def f(xs, k):\n    out = []\n    for x in xs:\n        if x % ${(i % 3) + 2} == 0:\n            out.append(x * k)\n    return out\n`,
  call: `f(list(range(${i % 12})), ${i % 7})`,
}));
async function smallProgramsPerSec(): Promise<number> {
  const pool = await createNodeRunner({ processes: 2 });
  try {
    await pool.runMany(small.slice(0, 20)); // both children loaded and warm
    const t0 = performance.now();
    const traces = await pool.runMany(small);
    const perSec = Math.round(SMALL / ((performance.now() - t0) / 1000));
    const bad = traces.filter((t) => t.status !== 'ok').length;
    if (bad) throw new Error(`${bad} small programs did not run cleanly`);
    console.error(`runMany: ${SMALL} small programs, 2 processes: ${perSec} programs/s`);
    return perSec;
  } finally {
    await pool.close();
  }
}
const programsPerSec = await smallProgramsPerSec();

const p = rate(pyodideBest);
const pyodideEventsPerSec = Math.round(p.events / (p.ms / 1000));
const n = nativeBest.length === pyodideBest.length ? rate(nativeBest) : undefined;
const nativeEventsPerSec = n ? Math.round(n.events / (n.ms / 1000)) : null;
const ratio = nativeEventsPerSec ? Math.round((nativeEventsPerSec / pyodideEventsPerSec) * 100) / 100 : null;
console.log(JSON.stringify({ pyodideEventsPerSec, nativeEventsPerSec, ratio, python3, programsPerSec }));

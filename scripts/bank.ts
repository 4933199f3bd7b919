// npm run bank -- [--out public/bank/tasks.jsonl] [--seed N]     build the task bank from src/rank/tasks.ts
// npm run bank -- --check FILE                                   validate any bank file and run its candidates
// Building: each task's reference is run on its test inputs for the expected outputs, the mutation engine
// (src/repair/mutate.py, in the runner's sandbox) adds bugs beside the hand-written ones, every candidate is run on
// every test (output-only mode, under a time limit), and only what the runs bear out is written: bugs that fail
// a test, correct variants that pass them all. Checking: real pass counts per task, and where the file's kinds
// disagree with the runs. Both end with one JSON line. Format: docs/bank.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createNodeRunner, type NodeRunner } from '../src/capture/node/runner.ts';
import { parseBank, writeBank, type BankTask } from '../src/rank/bank.ts';
import { buildTask, type TaskSource } from '../src/rank/build.ts';
import { describeReport, judgeTask, reportTask, summarize, type TaskReport } from '../src/rank/judge.ts';
import { TASK_SOURCES } from '../src/rank/tasks.ts';
import { mutantsOf, type Operator } from '../src/repair/mutate.ts';
import { mutateSource } from '../src/repair/node/mutate-source.ts';
import { refuse, strictOptions } from './args.ts';

const USAGE = `Usage:
  npm run bank -- [--out FILE.jsonl] [--seed N] [--candidates N] [--only ID,ID] [--processes N]
      build the bank from src/rank/tasks.ts (default --out public/bank/tasks.jsonl, --seed 1,
      --candidates 12 per task; a task that ends with fewer than 8 is refused)
  npm run bank -- --check FILE.jsonl [--processes N]
      validate a bank file (any file in the format of docs/bank.md) and print each task's real pass counts`;

const MIN_CANDIDATES = 8;

function fail(message: string): never {
  return refuse('bank', USAGE, message);
}

function parseOptions(argv: string[]): Map<string, string> {
  const opts = strictOptions(argv, 'bank', USAGE, ['out', 'seed', 'candidates', 'only', 'processes', 'check']);
  if (opts.has('check')) {
    for (const key of ['out', 'seed', 'candidates', 'only']) {
      if (opts.has(key)) fail(`--${key} builds a bank; --check only reads one: give one or the other`);
    }
  }
  return opts;
}

function whole(opts: Map<string, string>, key: string, fallback: number, min: number): number {
  const raw = opts.get(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) fail(`--${key} "${raw}" must be a whole number of at least ${min}`);
  return value;
}

interface BuildPlan {
  out: string;
  seed: number;
  candidates: number;
  sources: readonly TaskSource[];
}

function buildPlan(opts: Map<string, string>): BuildPlan {
  const only = opts.get('only')?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((id) => !TASK_SOURCES.some((t) => t.id === id)) ?? [];
  if (unknown.length) fail(`--only names no task "${unknown.join('", "')}"; the tasks are: ${TASK_SOURCES.map((t) => t.id).join(', ')}`);
  return {
    out: opts.get('out') ?? 'public/bank/tasks.jsonl',
    seed: whole(opts, 'seed', 1, 0),
    candidates: whole(opts, 'candidates', 12, MIN_CANDIDATES),
    sources: only ? TASK_SOURCES.filter((t) => only.includes(t.id)) : TASK_SOURCES,
  };
}

async function build({ out, seed, candidates, sources }: BuildPlan, runner: NodeRunner): Promise<number> {
  const engine = mutateSource();
  const tools = {
    runMany: (reqs: Parameters<NodeRunner['runMany']>[0]) => runner.runMany(reqs),
    compare: (a: string, b: string) => runner.compare(a, b),
    mutants: (code: string) => mutantsOf(code, (req) => runner.run(req), engine),
  };
  const tasks: BankTask[] = [];
  const reports: TaskReport[] = [];
  const operators: Partial<Record<Operator, number>> = {};
  const refused: string[] = [];
  let handDropped = 0;
  for (const [index, src] of sources.entries()) {
    const result = await buildTask(src, tools, { seed, index: TASK_SOURCES.indexOf(src), candidates });
    for (const d of result.dropped.filter((d) => /^bug\d/.test(d))) {
      handDropped++;
      process.stderr.write(`bank: ${src.id}: dropped hand-written ${d}\n`);
    }
    if (!result.task || !result.report) {
      refused.push(src.id);
      for (const p of result.problems) process.stderr.write(`bank: ${p}\n`);
      continue;
    }
    if (result.task.candidates.length < MIN_CANDIDATES) {
      refused.push(src.id);
      process.stderr.write(`bank: ${src.id}: only ${result.task.candidates.length} candidates the runs bear out ` +
        `(at least ${MIN_CANDIDATES}): add hand-written bugs to it in src/rank/tasks.ts\n`);
      continue;
    }
    tasks.push(result.task);
    reports.push(result.report);
    for (const [op, n] of Object.entries(result.operators)) operators[op as Operator] = (operators[op as Operator] ?? 0) + n;
    const mutants = Object.entries(result.operators).map(([op, n]) => `${op} ${n}`).join(', ');
    console.log(`[${index + 1}/${sources.length}] ${describeReport(result.report)}\n  mutants kept: ${mutants || 'none'}`);
  }
  if (refused.length) {
    process.stderr.write(`bank: ${refused.length} task(s) refused (${refused.join(', ')}); nothing written\n`);
    return 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, writeBank(tasks));
  console.log(JSON.stringify({ ...summarize(reports), hand_bugs_dropped: handDropped, mutants_by_operator: operators, seed, out }));
  return 0;
}

function readBank(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    fail(`cannot read "${file}": ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

async function check(file: string, text: string, runner: NodeRunner): Promise<number> {
  const { tasks, problems } = parseBank(text);
  for (const p of problems) process.stderr.write(`bank: ${file}: ${p.message}\n`);
  const reports: TaskReport[] = [];
  for (const task of tasks) {
    const verdicts = await judgeTask(task, (reqs) => runner.runMany(reqs), (a, b) => runner.compare(a, b));
    const report = reportTask(task, verdicts);
    reports.push(report);
    console.log(describeReport(report));
  }
  console.log(JSON.stringify({ file, ...summarize(reports), problems: problems.length }));
  return problems.length ? 1 : 0;
}

// Everything the options can be refused for is refused before Python starts.
const opts = parseOptions(process.argv.slice(2));
const processes = whole(opts, 'processes', 2, 1);
const file = opts.get('check');
const text = file === undefined ? undefined : readBank(file);
const plan = file === undefined ? buildPlan(opts) : undefined;
const started = performance.now();
const runner = await createNodeRunner({ processes });
let code: number;
try {
  code = plan ? await build(plan, runner) : await check(file!, text!, runner);
} finally {
  await runner.close();
}
process.stderr.write(`bank: ${Math.round((performance.now() - started) / 1000)} s\n`);
process.exit(code);

// npm run bench:repair [-- --model public/model --tasks 3 --codes 8]
// One repair turn's model work, as `npm run repair` does it: a task's codes (here its bank candidates, standing in
// for a turn's neighbours) dry-run on its public tests, greedily, one code at a time against all codes in one
// batch (src/rank/simulate.ts `predictMany`). Checks the two give the same cells, then prints one JSON line per
// task and a summary with the speed-up, measured in this run, with the load average beside it.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { initNodeBackend } from '../src/model/node/backends.ts';
import { parseBank } from '../src/rank/bank.ts';
import { predictMany, predictTests, type Simulator } from '../src/rank/simulate.ts';
import { loadModelDir } from '../src/train/node/checkpoint-dir.ts';
import { num, refuse, strictOptions } from './args.ts';

const USAGE = `npm run bench:repair -- [options]
  --model DIR   the checkpoint that simulates (default public/model)
  --bank FILE   the task bank (default public/bank/tasks.jsonl)
  --tasks N     the first N tasks (default 3)
  --codes M     codes judged per task, as one turn's neighbours (default 8)`;

const opts = strictOptions(process.argv.slice(2), 'bench:repair', USAGE, ['model', 'bank', 'tasks', 'codes']);
let tasksWanted = 0;
let codesWanted = 0;
try {
  tasksWanted = num(opts, 'tasks', 3, { int: true, min: 1 });
  codesWanted = num(opts, 'codes', 8, { int: true, min: 1 });
} catch (e) {
  refuse('bench:repair', USAGE, (e as Error).message);
}
const modelDir = opts.get('model') ?? 'public/model';
const { tasks } = parseBank(readFileSync(opts.get('bank') ?? 'public/bank/tasks.jsonl', 'utf8'));

const backend = (await initNodeBackend('wasm')).backend;
const { config, tok, params } = loadModelDir(modelDir);
// Exact text is enough here: both ways are compared with the same function; no Python is needed.
const sim: Simulator = { params, config: config.model, tok, compare: async (a, b) => a.trim() === b.trim() };
const greedy = { samples: 1, temperature: 0, seed: 1 };

let oneByOne = 0;
let batched = 0;
for (const task of tasks.slice(0, tasksWanted)) {
  const codes = task.candidates.slice(0, codesWanted).map((x) => x.code);
  await predictTests(sim, task.entry, codes[0]!, task.public_tests, greedy); // warm-up
  let t0 = performance.now();
  const alone = [];
  for (const code of codes) alone.push(await predictTests(sim, task.entry, code, task.public_tests, greedy));
  const a = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const together = await predictMany(sim, task.entry, codes, task.public_tests, greedy);
  const b = (performance.now() - t0) / 1000;
  if (JSON.stringify(alone) !== JSON.stringify(together)) {
    console.error(`bench:repair: ${task.task_id}: the batch's cells differ from one code at a time`);
    process.exit(1);
  }
  oneByOne += a;
  batched += b;
  console.log(JSON.stringify({ task: task.task_id, codes: codes.length, tests: task.public_tests.length, one_by_one_s: Number(a.toFixed(2)),
    batched_s: Number(b.toFixed(2)), speedup: Number((a / b).toFixed(2)), load_average: loadavg()[0] }));
}
console.log(JSON.stringify({ backend, model: modelDir, tasks: Math.min(tasksWanted, tasks.length), codes: codesWanted,
  one_by_one_s: Number(oneByOne.toFixed(2)), batched_s: Number(batched.toFixed(2)), speedup: Number((oneByOne / batched).toFixed(2)),
  same_cells: true, load_average: loadavg()[0] }));

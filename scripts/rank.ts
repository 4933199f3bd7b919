// npm run rank -- [--bank FILE] [--model DIR] [--samples K] [--temperature T] [--seed S] [--limit-tasks N] [--out FILE]
// Self-verification over a task bank (docs/bank.md, "Ranking"): every candidate really runs on every public and
// hidden test (src/rank/judge.ts, the sandboxed Node runner), the model dry-runs every candidate on every public
// test (src/rank/simulate.ts), and the candidates are ranked by predicted passes. Progress on stderr; the last
// stdout line is {"tasks", "candidates", "pass1_random", "pass1_model", "pass1_oracle", "gap_closed",
// "rank_score_at_k", "calibration", ...}. --out writes one JSON line per cell (candidate x public test).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createNodeRunner } from '../src/capture/node/runner.ts';
import { itemSeed } from '../src/dataset/rng.ts';
import { initNodeBackend, NODE_BACKENDS } from '../src/model/node/backends.ts';
import { parseBank, type BankTask } from '../src/rank/bank.ts';
import { judgeTask, passes } from '../src/rank/judge.ts';
import { bankMetrics, gapClosed, isRight, taskMetrics, taskSeed, type CandidateOutcome, type CellOutcome, type TaskMetrics } from '../src/rank/metrics.ts';
import { predictTests, type Simulator } from '../src/rank/simulate.ts';
import { MAX_SAMPLES } from '../src/evaluate/vote.ts';
import { loadModelDir } from '../src/train/node/checkpoint-dir.ts';
import { parseArgs, num } from './args.ts';

const USAGE = `Usage: npm run rank -- [options]
  --bank FILE         a task bank in the format of docs/bank.md (default public/bank/tasks.jsonl)
  --model DIR         a checkpoint folder: config.json, tokenizer.json, model.safetensors (default public/model)
  --samples K         stories per candidate and test, 1 to ${MAX_SAMPLES} (default 1: greedy)
  --temperature T     sampling temperature when K > 1, above 0 and at most 3 (default 0.8)
  --seed S            draws among tied candidates and the samples (default 1)
  --limit-tasks N     only the first N tasks of the bank
  --out FILE          one JSON line per cell (candidate x public test): predicted and real verdicts, answers, stories
  --max-tokens N      longest story in tokens (default: what the model's block leaves after the prompt)
  --processes N       Python processes for the real runs (default 1)
  --backend NAME      ${NODE_BACKENDS.join(' | ')} (default: the first that starts)`;

/** The experiment's seed range (src/experiment/state.ts, which Node cannot import: lz-string is CommonJS). */
const MAX_SEED = 0xffffffff;

const KNOWN = ['bank', 'model', 'samples', 'temperature', 'seed', 'limit-tasks', 'max-tokens', 'out', 'processes', 'backend', 'help'];

function refuse(message: string): never {
  process.stderr.write(`rank: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

interface Plan {
  bankFile: string;
  tasks: BankTask[];
  modelDir: string;
  samples: number;
  temperature: number;
  seed: number;
  out?: string;
  maxTokens?: number;
  processes: number;
  backend?: string;
}

/** Every refusal happens here, before the model or Python start. */
function plan(argv: string[]): Plan {
  let args: Map<string, string>;
  let samples: number, temperature: number, seed: number, processes: number, limit: number, maxTokens: number | undefined;
  try {
    args = parseArgs(argv, USAGE);
    if (args.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    for (const key of args.keys()) if (!KNOWN.includes(key)) throw new Error(`unknown option --${key}`);
    for (const key of KNOWN) {
      if (key !== 'help' && args.get(key) === 'true') throw new Error(`--${key} needs a value`);
    }
    samples = num(args, 'samples', 1, { int: true, min: 1 });
    if (samples > MAX_SAMPLES) throw new Error(`--samples must be at most ${MAX_SAMPLES}, got ${samples}`);
    temperature = num(args, 'temperature', 0.8, { min: 0 });
    if (temperature <= 0 || temperature > 3) throw new Error(`--temperature must be above 0 and at most 3, got ${temperature}`);
    seed = num(args, 'seed', 1, { int: true, min: 0 });
    if (seed > MAX_SEED) throw new Error(`--seed must be at most ${MAX_SEED}, got ${seed}`);
    processes = num(args, 'processes', 1, { int: true, min: 1 });
    limit = num(args, 'limit-tasks', Infinity, { int: true, min: 1 });
    maxTokens = args.has('max-tokens') ? num(args, 'max-tokens', 0, { int: true, min: 1 }) : undefined;
  } catch (e) {
    refuse(e instanceof Error ? e.message : String(e));
  }
  const backend = args.get('backend');
  if (backend !== undefined && !(NODE_BACKENDS as string[]).includes(backend)) {
    refuse(`unknown --backend ${backend} (in Node: ${NODE_BACKENDS.join(', ')})`);
  }

  const bankFile = args.get('bank') ?? 'public/bank/tasks.jsonl';
  let text: string;
  try {
    text = readFileSync(bankFile, 'utf8');
  } catch (e) {
    refuse(`cannot read the bank "${bankFile}" (${(e as NodeJS.ErrnoException).code ?? String(e)}): give a task bank file with --bank`);
  }
  const { tasks, problems } = parseBank(text);
  if (problems.length) {
    const shown = problems.slice(0, 20).map((p) => `  ${p.message}`).join('\n');
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
    refuse(`${bankFile} has ${problems.length} problem(s), so nothing was ranked:\n${shown}${more}\n` +
      `Fix those lines (the format is in docs/bank.md); \`npm run bank -- --check ${bankFile}\` lists them again and runs the rest.`);
  }

  const modelDir = args.get('model') ?? 'public/model';
  for (const f of ['config.json', 'tokenizer.json', 'model.safetensors']) {
    if (!existsSync(join(modelDir, f))) {
      refuse(`--model ${modelDir} has no ${f}: give a checkpoint folder written by npm run train or npm run ship (e.g. public/model)`);
    }
  }
  return { bankFile, tasks: tasks.slice(0, limit), modelDir, samples, temperature, seed, out: args.get('out'), processes,
    ...(backend ? { backend } : {}), ...(maxTokens ? { maxTokens } : {}) };
}

const duration = (s: number) => (s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`);
const fixed = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

async function main(): Promise<void> {
  const p = plan(process.argv.slice(2));
  const started = performance.now();
  const backend = await initNodeBackend(p.backend);
  let model;
  try {
    model = loadModelDir(p.modelDir);
  } catch (e) {
    refuse((e as Error).message);
  }
  const { config, tok, params } = model;
  const runner = await createNodeRunner({ processes: p.processes });
  const compare = (a: string, b: string) => runner.compare(a, b);
  const sim: Simulator = { params, config: config.model, tok, compare };

  const totalCandidates = p.tasks.reduce((a, t) => a + t.candidates.length, 0);
  const totalCells = p.tasks.reduce((a, t) => a + t.candidates.length * t.public_tests.length, 0);
  process.stderr.write(`rank: ${p.tasks.length} tasks, ${totalCandidates} candidates, ${totalCells} cells; model ${p.modelDir} ` +
    `(${backend.backend}), ${p.samples} sample(s)${p.samples > 1 ? ` at temperature ${p.temperature}` : ' (greedy)'}, seed ${p.seed}\n`);
  const cellLines: string[] = [];
  const cells: CellOutcome[] = [];
  const metrics: TaskMetrics[] = [];
  let doneCells = 0;
  let doneCandidates = 0;
  let lastReport = performance.now();
  const modelStart = performance.now();
  try {
    for (const [ti, task] of p.tasks.entries()) {
      const verdicts = await judgeTask(task, (reqs) => runner.runMany(reqs), compare);
      const ts = taskSeed(p.seed, task.task_id);
      const outcomes: CandidateOutcome[] = [];
      for (const [ci, cand] of task.candidates.entries()) {
        const predictions = await predictTests(sim, task.entry, cand.code, task.public_tests,
          { samples: p.samples, temperature: p.temperature, seed: itemSeed(ts, ci), ...(p.maxTokens ? { maxTokens: p.maxTokens } : {}) });
        const v = verdicts[ci]!;
        predictions.forEach((c, i) => {
          const run = v.public[i]!;
          cells.push({ predictedPass: c.predictedPass, realPass: run.pass, agreement: c.agreement });
          if (p.out) {
            cellLines.push(JSON.stringify({ task_id: task.task_id, candidate: cand.id, kind: cand.kind, test: i,
              input: task.public_tests[i]!.input, expected: task.public_tests[i]!.output,
              real_pass: run.pass, real: run.actual ?? run.error ?? run.status, predicted_pass: c.predictedPass,
              majority: c.majority, agreement: c.agreement, outputs: c.outputs, too_long: c.tooLong ?? false, stories: c.texts ?? [] }));
          }
        });
        outcomes.push({ id: cand.id, predicted: predictions.filter((c) => c.predictedPass).length, real: passes(v.public), right: isRight(v) });
        doneCells += predictions.length;
        doneCandidates++;
        if (performance.now() - lastReport > 15_000) {
          lastReport = performance.now();
          const s = (lastReport - modelStart) / 1000;
          const eta = (s / doneCells) * (totalCells - doneCells);
          process.stderr.write(`rank: task ${ti + 1}/${p.tasks.length} (${task.task_id}), candidate ${doneCandidates}/${totalCandidates}, ` +
            `${doneCells}/${totalCells} cells, ${(doneCells / s).toFixed(2)} cells/s, about ${duration(eta)} left\n`);
        }
      }
      const m = taskMetrics(task.task_id, outcomes, p.seed);
      metrics.push(m);
      const word = (id: string) => (outcomes.find((o) => o.id === id)!.right ? 'right' : 'wrong');
      process.stderr.write(`rank: [${ti + 1}/${p.tasks.length}] ${task.task_id}: the model picks ${m.model_pick} (${word(m.model_pick)}), ` +
        `the oracle ${m.oracle_pick} (${word(m.oracle_pick)}); ${outcomes.filter((o) => o.right).length} of ${outcomes.length} right; ` +
        `predicted passes ${outcomes.map((o) => `${o.id} ${o.predicted}/${o.real}`).join(', ')} (predicted/real)\n`);
    }
  } finally {
    await runner.close();
  }
  if (p.out) {
    mkdirSync(dirname(p.out), { recursive: true });
    writeFileSync(p.out, cellLines.join('\n') + (cellLines.length ? '\n' : ''));
  }
  const b = bankMetrics(metrics, cells);
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`rank: pass@1 on hidden tests: random ${fixed(b.pass1_random)}, model ${fixed(b.pass1_model_expected)}, ` +
    `oracle ${fixed(b.pass1_oracle_expected)} (ties averaged); gap closed ${fixed(b.gap_closed)}; ${duration(seconds)}\n`);
  console.log(JSON.stringify({
    tasks: b.tasks, candidates: b.candidates,
    pass1_random: b.pass1_random, pass1_model: b.pass1_model, pass1_oracle: b.pass1_oracle,
    pass1_model_expected: b.pass1_model_expected, pass1_oracle_expected: b.pass1_oracle_expected,
    gap_closed: b.gap_closed, gap_closed_drawn: gapClosed(b.pass1_random, b.pass1_model, b.pass1_oracle),
    rank_score_at_k: b.rank_score_at_k, rank_score_oracle_at_k: b.rank_score_oracle_at_k, calibration: b.calibration,
    bank: p.bankFile, model: p.modelDir, samples: p.samples, ...(p.maxTokens ? { max_tokens: p.maxTokens } : {}), temperature: p.samples > 1 ? p.temperature : 0, seed: p.seed,
    backend: backend.backend, seconds: Math.round(seconds), cells_per_s: Number((doneCells / ((performance.now() - modelStart) / 1000)).toFixed(3)),
    ...(p.out ? { out: p.out } : {}),
  }));
}

main().catch((e: unknown) => {
  process.stderr.write(`rank: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

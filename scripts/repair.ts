// npm run repair -- [--bank FILE] [--model DIR] [--turns T] ...
// Self-RLEF over a task bank: each chosen candidate is repaired three ways, by the mutation engine's one-change
// neighbourhood steered by the model's simulated public-test outputs, by the real ones, and by no feedback (a
// random walk of as many turns as the simulated loop took); what each hands in is judged on the hidden tests.
// Progress goes to stderr; the last stdout line is {"tasks", "fix_rate_simulated", "fix_rate_real", ...}.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createNodeRunner } from '../src/capture/node/runner.ts';
import { Rng } from '../src/dataset/rng.ts';
import { initNodeBackend } from '../src/model/node/backends.ts';
import { parseBank, type BankTask } from '../src/rank/bank.ts';
import { judgeTask, passes } from '../src/rank/judge.ts';
import { predictMany, type Simulator } from '../src/rank/simulate.ts';
import { engineNeighbours, passesHidden, realFeedback, repairSeed, simulatedFeedbackMany } from '../src/repair/feedback.ts';
import { repair, repairRates, REPAIR_MODES, type RepairMode, type RepairOutcome, type RepairResult } from '../src/repair/loop.ts';
import { mutateSource } from '../src/repair/node/mutate-source.ts';
import { loadModelDir } from '../src/train/node/checkpoint-dir.ts';
import { num, parseArgs } from './args.ts';

const HELP = `npm run repair -- [options]
  --bank FILE          a task bank in the format of docs/bank.md (default public/bank/tasks.jsonl)
  --model DIR          the checkpoint that simulates the tests (default public/model)
  --turns T            attempts after the first, at most (default 10)
  --neighbours M       codes one change away judged per turn (default 8)
  --samples K          stories sampled per test, majority vote (default 1, greedy)
  --temperature X      sampling temperature when K > 1 (default 0.7)
  --modes LIST         which loops: simulated,real,none (default all three; none needs simulated or real)
  --limit-tasks N      the first N tasks only
  --per-task N         at most N failing and N passing candidates of each task, chosen by --seed (default all)
  --seed S             neighbour order, ties, the random walk and the choice of candidates (default 1)
  --out FILE           every run's attempts as JSONL`;

function fail(message: string): never {
  process.stderr.write(`repair: ${message}\n\n${HELP}\n`);
  process.exit(2);
}

interface Plan {
  bank: string; model: string; turns: number; neighbours: number; samples: number; temperature: number;
  modes: RepairMode[]; limitTasks: number; perTask: number; seed: number; out?: string;
}

function plan(argv: string[]): Plan {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    process.exit(0);
  }
  try {
    const args = parseArgs(argv, HELP);
    const known = ['bank', 'model', 'turns', 'neighbours', 'samples', 'temperature', 'modes', 'limit-tasks', 'per-task', 'seed', 'out'];
    for (const k of args.keys()) if (!known.includes(k)) fail(`unknown option --${k}`);
    const modes = (args.get('modes') ?? REPAIR_MODES.join(',')).split(',').map((m) => m.trim()).filter(Boolean);
    const odd = modes.filter((m) => !(REPAIR_MODES as readonly string[]).includes(m));
    if (odd.length || !modes.length) fail(`--modes takes simulated, real and none, comma-separated; got "${args.get('modes')}"`);
    if (modes.length === 1 && modes[0] === 'none') fail('--modes none needs simulated or real beside it: it walks as many turns as they took');
    const p: Plan = {
      bank: args.get('bank') ?? 'public/bank/tasks.jsonl',
      model: args.get('model') ?? 'public/model',
      turns: num(args, 'turns', 10, { int: true, min: 0 }),
      neighbours: num(args, 'neighbours', 8, { int: true, min: 1 }),
      samples: num(args, 'samples', 1, { int: true, min: 1 }),
      temperature: num(args, 'temperature', 0.7, { min: 0 }),
      modes: modes as RepairMode[],
      limitTasks: num(args, 'limit-tasks', Number.MAX_SAFE_INTEGER, { int: true, min: 1 }),
      perTask: num(args, 'per-task', Number.MAX_SAFE_INTEGER, { int: true, min: 1 }),
      seed: num(args, 'seed', 1, { int: true, min: 0 }),
      out: args.get('out'),
    };
    if (p.samples > 8) fail('--samples is at most 8');
    if (!existsSync(p.bank)) fail(`--bank ${p.bank}: no such file`);
    if (p.modes.includes('simulated') && !existsSync(`${p.model}/config.json`)) {
      fail(`--model ${p.model} has no config.json: pass a folder written by npm run train (or leave out the simulated loop)`);
    }
    return p;
  } catch (err) {
    fail((err as Error).message.split('\n')[0]!);
  }
}

const opts = plan(process.argv.slice(2));
const { tasks: allTasks, problems } = parseBank(readFileSync(opts.bank, 'utf8'));
if (problems.length) {
  fail(`${opts.bank} has ${problems.length} problem(s); fix them or check the file with npm run bank -- --check:\n  ` +
    problems.slice(0, 10).map((p) => p.message).join('\n  '));
}
if (!allTasks.length) fail(`${opts.bank} holds no task`);
const tasks = allTasks.slice(0, opts.limitTasks);

const runner = await createNodeRunner({ processes: 1 });
const compare = (a: string, b: string) => runner.compare(a, b);
let sim: Simulator | undefined;
if (opts.modes.includes('simulated')) {
  await initNodeBackend();
  const { config, tok, params } = loadModelDir(opts.model);
  sim = { params, config: config.model, tok, compare };
}
const runMany = (reqs: Parameters<typeof runner.runMany>[0]) => runner.runMany(reqs);
const neighbours = engineNeighbours((req) => runner.run(req), mutateSource());
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  process.stderr.write('repair: stopping; the candidate in progress is left out, the summary covers those that finished (Ctrl-C again to quit at once)\n');
});

interface Chosen { task: BankTask; id: string; code: string; startedPassing: boolean }

/** Per task: up to perTask failing and perTask passing candidates (by the hidden tests really run), in a seeded order. */
async function choose(): Promise<Chosen[]> {
  const rng = new Rng(opts.seed);
  const out: Chosen[] = [];
  for (const task of tasks) {
    const verdicts = await judgeTask(task, runMany, compare);
    const byId = new Map(task.candidates.map((c) => [c.id, c]));
    const tagged = verdicts.map((v) => ({ id: v.id, passing: passes(v.hidden) === v.hidden.length }));
    for (const passing of [false, true]) {
      for (const v of rng.shuffle(tagged.filter((t) => t.passing === passing)).slice(0, opts.perTask)) {
        out.push({ task, id: v.id, code: byId.get(v.id)!.code, startedPassing: passing });
      }
    }
  }
  return out;
}

const started = performance.now();
const chosen = await choose();
process.stderr.write(`repair: ${chosen.length} candidates of ${tasks.length} tasks (${chosen.filter((c) => !c.startedPassing).length} failing), ` +
  `modes ${opts.modes.join(', ')}, up to ${opts.turns} turns of ${opts.neighbours} neighbours\n`);
const outcomes: RepairOutcome[] = [];
const lines: string[] = [];
let lastReport = 0;
for (const [i, c] of chosen.entries()) {
  if (interrupted) break;
  // The page's seed for the same candidate (src/repair/feedback.ts): the same walk here and there.
  const seed = repairSeed(opts.seed, c.task.task_id, c.task.candidates.findIndex((x) => x.id === c.id));
  const settings = { turns: opts.turns, neighbours: opts.neighbours, seed };
  const results: Partial<Record<RepairMode, RepairResult>> = {};
  const shouldStop = () => interrupted;
  if (sim && opts.modes.includes('simulated')) {
    const s = sim;
    // A turn's neighbours go to the model in one batch (npm run bench:repair measures what that saves).
    const predict = (entry: string, codes: readonly string[], tests: Parameters<typeof predictMany>[3]) =>
      predictMany(s, entry, codes, tests, { samples: opts.samples, temperature: opts.samples > 1 ? opts.temperature : 0, seed });
    results.simulated = await repair(c.code, 'simulated', { neighbours, feedbackMany: simulatedFeedbackMany(c.task, predict), shouldStop }, settings);
  }
  if (opts.modes.includes('real')) {
    results.real = await repair(c.code, 'real', { neighbours, feedback: realFeedback(c.task, runMany, compare), shouldStop }, settings);
  }
  if (opts.modes.includes('none')) {
    const matched = (results.simulated ?? results.real)!.turns;
    results.none = await repair(c.code, 'none', { neighbours, shouldStop }, settings, matched);
  }
  if (interrupted) break;
  const outcome: RepairOutcome = { startedPassing: c.startedPassing, modes: {} };
  for (const [mode, r] of Object.entries(results) as [RepairMode, RepairResult][]) {
    outcome.modes[mode] = { passing: await passesHidden(c.task, r.submitted, runMany, compare), turns: r.turns };
  }
  outcomes.push(outcome);
  lines.push(JSON.stringify({ task_id: c.task.task_id, candidate: c.id, started_passing: c.startedPassing, outcome: outcome.modes,
    runs: Object.fromEntries(Object.entries(results).map(([m, r]) => [m, { stopped: r.stopped, submitted: r.submitted,
      attempts: r.attempts.map((a) => ({ turn: a.turn, note: a.note, passes: a.feedback?.passes, code: a.code })) }])) }));
  const now = performance.now();
  if (now - lastReport > 10_000 || i === chosen.length - 1) {
    lastReport = now;
    const per = (now - started) / 1000 / (i + 1);
    const done = Object.entries(outcome.modes).map(([m, o]) => `${m} ${o.passing ? 'passes' : 'fails'} (${o.turns} turns)`).join(', ');
    process.stderr.write(`repair: [${i + 1}/${chosen.length}] ${c.task.task_id}/${c.id}: ${done}; ` +
      `~${Math.round(per * (chosen.length - i - 1))} s left\n`);
  }
}
await runner.close();
if (opts.out) writeFileSync(opts.out, lines.length ? `${lines.join('\n')}\n` : '');

const rates = repairRates(outcomes);
const round = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : Math.round(x * 10_000) / 10_000);
const summary: Record<string, unknown> = { tasks: tasks.length, candidates: rates.candidates, failing: rates.failing, passing: rates.passing };
for (const m of REPAIR_MODES) {
  if (!opts.modes.includes(m)) continue;
  summary[`fix_rate_${m}`] = round(rates.fix_rate[m]);
  summary[`break_rate_${m}`] = round(rates.break_rate[m]);
  summary[`mean_turns_${m}`] = round(rates.mean_turns[m]);
}
if (rates.fix_rate.simulated !== undefined && rates.fix_rate.real) {
  summary.simulated_over_real_fix = round(rates.fix_rate.simulated / rates.fix_rate.real);
}
Object.assign(summary, { turns: opts.turns, neighbours: opts.neighbours, samples: opts.samples, seed: opts.seed,
  model: opts.modes.includes('simulated') ? opts.model : null, bank: opts.bank, seconds: Math.round((performance.now() - started) / 1000),
  ...(interrupted ? { interrupted: true } : {}) });
console.log(JSON.stringify(summary));
process.exit(0);

// npm run rl -- --checkpoint DIR --data FILE.jsonl --steps N --group 8 --out DIR [options]
// RL with a verifiable reward (src/rl/grpo.ts) from an SFT checkpoint: one JSON line per step on stdout (the
// logged figures), a checkpoint in DIR every --ckpt-every steps and at the end (the SFT format plus an `rl`
// section and reference.safetensors), the last step's rollouts beside it in DIR.rollouts.jsonl. Ctrl-C saves and stops;
// --resume continues exactly.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initNodeBackend, NODE_BACKENDS } from '../src/model/node/backends.ts';
import { parseRows, sampleByLevel, type Row } from '../src/train/data.ts';
import { evaluateRows } from '../src/train/evaluate.ts';
import { readCheckpointDir, writeCheckpointDir } from '../src/train/node/checkpoint-dir.ts';
import { exactCompare, type Compare } from '../src/evaluate/score.ts';
import { createNodeRunner, type NodeRunner } from '../src/capture/node/runner.ts';
import { DEFAULT_RL, rlStep, rowsForStep, type RlConfig, type RlRow, type RlState } from '../src/rl/grpo.ts';
import { freshWeights, resumeRl, saveRl, startRl, type RlCheckpointConfig, type RlFiles } from '../src/rl/checkpoint.ts';
import { isRewardName, REWARDS } from '../src/rl/reward.ts';
import { num as number, parseArgs } from './args.ts';

const HELP = `npm run rl -- --checkpoint DIR --data FILE.jsonl --out DIR [options]
  --checkpoint DIR     the SFT checkpoint RL starts from (its weights are also the KL reference)
  --untrained          start from fresh weights of the checkpoint's shape and tokenizer instead (RL without SFT)
  --data FILE.jsonl    dataset rows (prompt, real output, story); split train unless --split says otherwise
  --levels A-B         only rows of these levels (e.g. 3-5)
  --steps N            RL steps (default ${DEFAULT_RL.steps})   --group G  completions per prompt (default ${DEFAULT_RL.group})
  --prompts P          prompts per step (default ${DEFAULT_RL.prompts})
  --temperature T      sampling temperature (default ${DEFAULT_RL.temperature})
  --lr X               learning rate, constant (default ${DEFAULT_RL.lr})
  --kl X               KL penalty to the reference (default ${DEFAULT_RL.kl}; 0 = none, still measured)
  --clip X             ratio clip (default ${DEFAULT_RL.clip})   --updates N  updates per batch of rollouts (default 1)
  --reward NAME        ${REWARDS.join(' | ')} (default exact)
  --scale-std          divide advantages by the group's standard deviation
  --max-new N          longest completion in tokens (default ${DEFAULT_RL.maxNewTokens})
  --seed N             data order and sampling (default 1)
  --compare python|exact   rewards by value in Pyodide (default) or as exact strings
  --eval-data FILE     rows to measure exact output on (greedy) before the first step and every --eval-every steps
  --eval-every N (default 0 = only at the start and the end)  --eval-limit N (default 300, spread over levels)
  --ckpt-every N       (default 10)
  --resume             continue exactly from the RL checkpoint in --out (with --steps: extend it)
  --backend NAME       ${NODE_BACKENDS.join(' | ')}`;

function levelsFilter(spec: string | undefined): (level: number) => boolean {
  if (!spec) return () => true;
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec);
  if (!m) throw new Error(`--levels must look like 3 or 3-5, got ${spec}`);
  const lo = Number(m[1]);
  const hi = Number(m[2] ?? m[1]);
  return (l) => l >= lo && l <= hi;
}

function readRows(file: string, split: string | undefined, keep: (l: number) => boolean): Row[] {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  const { rows } = parseRows(readFileSync(file, 'utf8'));
  const wanted = split ?? (rows.some((r) => r.split === 'train') ? 'train' : undefined);
  const out = rows.filter((r) => (!wanted || r.split === wanted) && keep(r.level));
  if (!out.length) throw new Error(`no rows in ${file} (split ${wanted ?? 'any'}, levels asked for)`);
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), HELP);
  if (args.has('help')) return console.log(HELP);
  const out = args.get('out');
  const data = args.get('data');
  if (!out || !data) throw new Error(`--out and --data are required\n${HELP}`);
  const backend = await initNodeBackend(args.get('backend'));
  const keep = levelsFilter(args.get('levels'));
  const rows: RlRow[] = readRows(data, args.get('split'), keep);

  let s: RlState;
  let base: RlCheckpointConfig;
  let from: string;
  if (args.has('resume')) {
    if (!existsSync(join(out, 'config.json'))) throw new Error(`--resume: ${out} holds no checkpoint`);
    const files: RlFiles = { ...readCheckpointDir(out), 'reference.safetensors': new Uint8Array(readFileSync(join(out, 'reference.safetensors'))) };
    ({ state: s, base, from } = resumeRl(files));
    if (args.has('steps')) s.config = { ...s.config, steps: number(args, 'steps', s.config.steps, { int: true, min: 1 }) };
    console.log(JSON.stringify({ event: 'resume', step: s.step, steps: s.config.steps }));
  } else {
    const dir = args.get('checkpoint');
    if (!dir) throw new Error(`--checkpoint is required (or --resume)\n${HELP}`);
    if (existsSync(join(out, 'config.json')) && !args.has('force')) {
      throw new Error(`${out} already holds a checkpoint: --resume continues it, --force replaces it`);
    }
    const reward = args.get('reward') ?? DEFAULT_RL.reward;
    if (!isRewardName(reward)) throw new Error(`--reward must be one of ${REWARDS.join(', ')}, got ${reward}`);
    const config: RlConfig = {
      group: number(args, 'group', DEFAULT_RL.group, { int: true, min: 2 }),
      prompts: number(args, 'prompts', DEFAULT_RL.prompts, { int: true, min: 1 }),
      temperature: number(args, 'temperature', DEFAULT_RL.temperature, { min: 0.05 }),
      lr: number(args, 'lr', DEFAULT_RL.lr, { min: 0 }),
      kl: number(args, 'kl', DEFAULT_RL.kl, { min: 0 }),
      clip: number(args, 'clip', DEFAULT_RL.clip, { min: 0 }),
      reward, scaleByStd: args.has('scale-std'),
      updates: number(args, 'updates', DEFAULT_RL.updates, { int: true, min: 1 }),
      maxNewTokens: number(args, 'max-new', DEFAULT_RL.maxNewTokens, { int: true, min: 1 }),
      steps: number(args, 'steps', DEFAULT_RL.steps, { int: true, min: 1 }),
      seed: number(args, 'seed', DEFAULT_RL.seed, { int: true, min: 0 }),
    };
    let files = readCheckpointDir(dir);
    from = dir;
    if (args.has('untrained')) {
      // The same shape and tokenizer, fresh weights: what RL does without SFT first.
      files = await freshWeights(files, config.seed);
      from = `the untrained model (shape and tokenizer of ${dir})`;
    }
    ({ state: s, base } = startRl(files, config));
    const notes = { ...(base.train.notes ?? {}), rl_command: `npm run rl -- ${process.argv.slice(2).join(' ')}`, rl_data: data };
    base = { ...base, train: { ...base.train, notes } };
    console.log(JSON.stringify({ event: 'start', from, rows: rows.length, backend: backend.backend, config }));
  }

  let runner: NodeRunner | undefined;
  let compare: Compare = exactCompare;
  if ((args.get('compare') ?? 'python') === 'python') {
    runner = await createNodeRunner({ processes: 1 });
    compare = (a, b) => runner!.compare(a, b);
  }
  const evalFile = args.get('eval-data');
  const evalRows = evalFile ? sampleByLevel(readRows(evalFile, args.get('eval-split') ?? 'test', keep),
    number(args, 'eval-limit', 300, { int: true, min: 1 })) : [];
  const evaluate = async () => {
    if (!evalRows.length) return;
    const t0 = performance.now();
    const { summary } = await evaluateRows(s.params, s.model, s.tok, evalRows, { compare });
    console.log(JSON.stringify({ event: 'eval', step: s.step, accuracy: summary.accuracy, rows: summary.total,
      by_level: Object.fromEntries(Object.entries(summary.byLevel).map(([l, v]) => [l, +v.accuracy.toFixed(3)])),
      eval_s: +((performance.now() - t0) / 1000).toFixed(1) }));
  };

  let stop = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => (stop = true));
  const save = async () => writeCheckpointDir(out, await saveRl(s, base, from));
  const ckptEvery = number(args, 'ckpt-every', 10, { int: true, min: 1 });
  const evalEvery = number(args, 'eval-every', 0, { int: true, min: 0 });
  try {
    if (s.step === 0) await evaluate();
    while (s.step < s.config.steps && !stop) {
      const log = await rlStep(s, rowsForStep(rows, s.step, s.config.prompts, s.config.seed), compare);
      const { rollouts, ...figures } = log;
      console.log(JSON.stringify(figures));
      writeFileSync(join(out.replace(/\/$/, '') + '.rollouts.jsonl'), rollouts.map((r) => JSON.stringify(r)).join('\n') + '\n');
      if (s.step % ckptEvery === 0) await save();
      if (evalEvery && s.step % evalEvery === 0 && s.step < s.config.steps) await evaluate();
    }
    await save();
    if (s.step >= s.config.steps) await evaluate();
    console.log(JSON.stringify({ event: stop ? 'stopped' : 'done', step: s.step, out }));
  } finally {
    await runner?.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

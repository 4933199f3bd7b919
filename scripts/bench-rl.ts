// npm run bench:rl [-- --checkpoint public/model --data public/model/sample-detailed.jsonl --group 8 --prompts 4 --steps 2]
// RL steps as `npm run rl` takes them (src/rl/grpo.ts), in Node on one core: rollouts per second and one step's
// time split into sampling, reward (answers compared by value in Pyodide) and update, with the load average
// beside them. The first step is a warm-up and is not reported. The weights change, but nothing is saved.
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { initNodeBackend } from '../src/model/node/backends.ts';
import { parseRows } from '../src/train/data.ts';
import { readCheckpointDir } from '../src/train/node/checkpoint-dir.ts';
import { createNodeRunner } from '../src/capture/node/runner.ts';
import { DEFAULT_RL, rlStep, rowsForStep } from '../src/rl/grpo.ts';
import { startRl } from '../src/rl/checkpoint.ts';
import { num, strictOptions } from './args.ts';

const USAGE = 'usage: npm run bench:rl [-- --checkpoint public/model --data public/model/sample-detailed.jsonl --group 8 --prompts 4 --steps 2 --max-new N --backend wasm]';
const opts = strictOptions(process.argv.slice(2), 'bench:rl', USAGE, ['checkpoint', 'data', 'group', 'prompts', 'steps', 'max-new', 'backend']);
const arg = (name: string, fallback: string): string => opts.get(name) ?? fallback;

async function main(): Promise<void> {
  const backend = (await initNodeBackend(arg('backend', 'wasm'))).backend;
  const config = { ...DEFAULT_RL, group: num(opts, 'group', 8, { int: true, min: 2 }), prompts: num(opts, 'prompts', 4, { int: true, min: 1 }),
    maxNewTokens: num(opts, 'max-new', DEFAULT_RL.maxNewTokens, { int: true, min: 1 }) };
  const { state } = startRl(readCheckpointDir(arg('checkpoint', 'public/model')), config);
  const { rows } = parseRows(readFileSync(arg('data', 'public/model/sample-detailed.jsonl'), 'utf8'));
  const runner = await createNodeRunner({ processes: 1 });
  try {
    const steps = num(opts, 'steps', 2, { int: true, min: 1 });
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      const log = await rlStep(state, rowsForStep(rows, i, config.prompts, config.seed), (a, b) => runner.compare(a, b));
      const s = (performance.now() - t0) / 1000;
      if (i === 0 && steps > 1) continue;
      const n = config.group * config.prompts;
      console.log(JSON.stringify({ backend, group: config.group, prompts: config.prompts, rollouts: n,
        seconds: +s.toFixed(1), rollouts_per_s: +(n / s).toFixed(2), ms: log.ms,
        share: { sample: +(log.ms.sample / (s * 1000)).toFixed(2), reward: +(log.ms.reward / (s * 1000)).toFixed(2),
          update: +(log.ms.update / (s * 1000)).toFixed(2) },
        mean_response_tokens: Math.round(log.responseLength), generated_tokens_per_s: Math.round(log.tokensPerS),
        load_average: loadavg()[0] }));
    }
  } finally {
    await runner.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

// npm run bench:ask [-- --checkpoint public/model --backend wasm --samples 1,8]
// "Ask the model" as the Explorer does it (src/simulate/ask.ts), in Node on one core: the shipped model dry-runs
// the Explorer's model example, greedy and with k samples as one batch. One JSON line per k: tokens written,
// seconds, tokens/s, and its ratio to k=1, with the load average beside it (the browser's wasm is similar).
import { loadavg } from 'node:os';
import { initNodeBackend } from '../src/model/node/backends.ts';
import { simulate, askPrompt } from '../src/simulate/ask.ts';
import { loadModelDir } from '../src/train/node/checkpoint-dir.ts';
import { EXAMPLES } from '../src/ui/panels/explore/examples.ts';
import { strictOptions } from './args.ts';

const USAGE = 'usage: npm run bench:ask [-- --checkpoint public/model --backend wasm --samples 1,8]';
const opts = strictOptions(process.argv.slice(2), 'bench:ask', USAGE, ['checkpoint', 'backend', 'samples']);
const arg = (name: string, fallback: string): string => opts.get(name) ?? fallback;

async function main(): Promise<void> {
  const backend = (await initNodeBackend(arg('backend', 'wasm'))).backend;
  const { config: c, tok, params } = loadModelDir(arg('checkpoint', 'public/model'));
  const example = EXAMPLES.find((e) => e.id === 'model')!;
  const prompt = askPrompt(example.code, example.stdin);
  let base = 0;
  for (const k of arg('samples', '1,8').split(',').map(Number)) {
    await simulate(params, c.model, tok, prompt, { samples: k, temperature: 0.8, seed: 1 }); // warm-up
    const t0 = performance.now();
    const r = await simulate(params, c.model, tok, prompt, { samples: k, temperature: k > 1 ? 0.8 : 0, seed: 1 });
    const s = (performance.now() - t0) / 1000;
    const perS = r.tokens / s;
    if (!base) base = perS;
    console.log(JSON.stringify({ samples: k, backend, tokens: r.tokens, seconds: Number(s.toFixed(2)),
      tokens_per_s: Math.round(perS), ratio_to_first: Number((perS / base).toFixed(2)), load_average: loadavg()[0] }));
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

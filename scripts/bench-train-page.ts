// Times training in the page (the built app in headless Chromium, the Train panel driven as a visitor would):
// tokens/s of a `nano` run on wasm with 1 and with 2 CPU workers (gradient peers), on the shipped sample.
// Each configuration trains a fresh run of the same seed (so the same batches); the figure is the median of the
// per-step tokens/s the panel reports, after the first steps (kernel compilation, peer start-up).
// Usage: npx vite build && npx tsx scripts/bench-train-page.ts [--steps 30] [--batch 16] [--workers 1,2] [--rounds 1]
//        [--autogroup-nice N]
// CHROMIUM_PATH overrides /usr/bin/chromium; BENCH_PORT the preview port (default 4189).
//
// Other CPU-heavy jobs skew the comparison: Linux's autogroup scheduling gives each session (the browser, a
// terminal's background job) an equal share whatever their `nice`, so with two other jobs running the browser gets
// about one core and a second worker cannot help. `--autogroup-nice -10` raises the browser's session share (Linux,
// root or CAP_SYS_NICE) to measure what the page does with both cores, as on a laptop doing nothing else.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { num, strictOptions } from './args.ts';
import { median, withBuiltApp } from './page-bench.ts';

const opts = strictOptions(process.argv.slice(2), 'bench:train-page',
  'usage: npm run bench:train-page [-- --steps 30 --batch 16 --workers 1,2 --rounds 1 --autogroup-nice N]',
  ['steps', 'batch', 'workers', 'rounds', 'autogroup-nice']);
const steps = num(opts, 'steps', 30, { int: true, min: 1 });
const batch = num(opts, 'batch', 16, { int: true, min: 1 });
const workerCounts = (opts.get('workers') ?? '1,2').split(',').map(Number);
const rounds = num(opts, 'rounds', 1, { int: true, min: 1 });
const autogroupNice = opts.has('autogroup-nice') ? num(opts, 'autogroup-nice', 0, { int: true }) : null;
const WARM_UP = 3;
const port = Number(process.env.BENCH_PORT ?? 4189);

/** Sets the autogroup nice of the browser this process launched (its children named chromium). */
function setBrowserAutogroupNice(nice: number): string {
  const mine = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.includes('(chromium)') && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
    } catch {
      return false; // gone meanwhile
    }
  });
  if (!mine.length) throw new Error('--autogroup-nice: the launched browser was not found among this process\'s children');
  for (const pid of mine) writeFileSync(`/proc/${pid}/autogroup`, String(nice));
  return readFileSync(`/proc/${mine[0]}/autogroup`, 'utf8').trim();
}

async function trainOnce(browser: Browser, base: string, workers: number) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  await page.goto(`${base}#train`);
  const series = page.getByTestId('train-series');
  const panel = page.getByRole('region', { name: 'Train' });
  await series.waitFor({ state: 'attached' });
  const phase = (p: RegExp, timeout: number) => page.waitForFunction((re) => new RegExp(re).test(
    document.querySelector('[data-testid="train-series"]')?.getAttribute('data-phase') ?? ''), p.source, { timeout });
  await phase(/ready|failed/, 180_000);
  await panel.getByLabel('Backend').selectOption('wasm');
  await page.waitForFunction(() => document.querySelector('[data-testid="train-series"]')?.getAttribute('data-backend') === 'wasm');
  await phase(/ready/, 180_000);
  await panel.getByLabel('Steps', { exact: true }).fill(String(steps));
  await panel.getByLabel('Batch').fill(String(batch));
  await panel.getByLabel('CPU workers').fill(String(workers));
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Start new run' }).click();
  await phase(/done|failed/, steps * 60_000);
  const wallS = (performance.now() - t0) / 1000;
  const perStep = JSON.parse((await series.getAttribute('data-tokens-per-s')) ?? '[]') as number[];
  const used = Number(await series.getAttribute('data-workers'));
  const peerShards = Number(await series.getAttribute('data-peer-shards') || 0);
  const failed = (await series.getAttribute('data-phase')) === 'failed';
  await context.close();
  if (failed || perStep.length !== steps) throw new Error(`the ${workers}-worker run did not finish (${perStep.length} steps logged)`);
  if (used !== workers) throw new Error(`asked for ${workers} CPU workers, the run used ${used}`);
  return { workers, tokensPerS: Math.round(median(perStep.slice(WARM_UP))), peerShards, wallS: Math.round(wallS) };
}

async function main() {
  await withBuiltApp(port, async (browser, base) => {
    const autogroup = autogroupNice === null ? undefined : setBrowserAutogroupNice(autogroupNice);
    const cores = await (await browser.newPage()).evaluate(() => navigator.hardwareConcurrency);
    const runs: Awaited<ReturnType<typeof trainOnce>>[] = [];
    // Configurations alternate, so a change in the machine's other load falls on both.
    for (let r = 0; r < rounds; r++) for (const w of workerCounts) runs.push(await trainOnce(browser, base, w));
    const byWorkers = Object.fromEntries(workerCounts.map((w) => [w, median(runs.filter((x) => x.workers === w).map((x) => x.tokensPerS))]));
    const one = byWorkers[workerCounts[0]!]!;
    console.log(JSON.stringify({ backend: 'wasm', preset: 'nano', data: 'shipped sample (iterations)', batch, steps, cores,
      autogroup, medianTokensPerS: byWorkers, speedUp: Object.fromEntries(workerCounts.map((w) => [w, Number((byWorkers[w]! / one).toFixed(2))])),
      runs }, null, 2));
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

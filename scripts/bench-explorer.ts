// Times the Trace Explorer on the built app in headless Chromium:
//   cold start = navigation to the first trace on screen (fresh browser context: empty cache, Pyodide loads),
//   warm run   = Run pressed to the new trace on screen, Python already loaded.
// Usage: npx vite build && npx tsx scripts/bench-explorer.ts [--cold 3] [--warm 5]
// CHROMIUM_PATH overrides /usr/bin/chromium; BENCH_PORT the preview port (default 4188).
import type { Page } from '@playwright/test';
import { num, strictOptions } from './args.ts';
import { median, withBuiltApp } from './page-bench.ts';

const opts = strictOptions(process.argv.slice(2), 'bench-explorer', 'usage: npx vite build && npx tsx scripts/bench-explorer.ts [--cold 3] [--warm 5]', ['cold', 'warm']);
const coldRuns = num(opts, 'cold', 3, { int: true, min: 1 });
const warmRuns = num(opts, 'warm', 5, { int: true, min: 1 });
const port = Number(process.env.BENCH_PORT ?? 4188);

// A program with a few hundred steps, to time more than the round trip.
const LOOP = 'total = 0\nfor i in range(200):\n    if i % 3 == 0:\n        total += i\nprint(total)';

async function runOnce(page: Page): Promise<number> {
  const view = page.getByTestId('trace-view');
  const before = (await view.count()) ? await view.getAttribute('data-run') : '0';
  const t = performance.now();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('[data-testid="trace-view"]');
      return el !== null && el.getAttribute('data-run') !== prev;
    },
    before,
    { timeout: 120_000, polling: 'raf' },
  );
  return performance.now() - t;
}

async function main() {
  await withBuiltApp(port, async (browser, base) => {
    const cold: { firstTraceMs: number; editorMs: number }[] = [];
    for (let i = 0; i < coldRuns; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(base);
      await page.locator('.monaco-editor').waitFor();
      const editorMs = performance.now() - t0;
      // Pressed as soon as the page is usable: the run waits for Python, as a visitor's would.
      await runOnce(page);
      cold.push({ firstTraceMs: Math.round(performance.now() - t0), editorMs: Math.round(editorMs) });
      await context.close();
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(base);
    await runOnce(page); // loads Python
    const warmExample: number[] = [];
    for (let i = 0; i < warmRuns; i++) warmExample.push(await runOnce(page));
    // A longer program: typed as a paste into the editor.
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(LOOP);
    const warmLoop: number[] = [];
    for (let i = 0; i < warmRuns; i++) warmLoop.push(await runOnce(page));
    const steps = await page.getByTestId('step-count').innerText();
    const result = {
      coldStart: { runs: cold, medianFirstTraceMs: median(cold.map((c) => c.firstTraceMs)) },
      warmExampleMs: { runs: warmExample.map(Math.round), median: Math.round(median(warmExample)) },
      warmLoopMs: { steps, runs: warmLoop.map(Math.round), median: Math.round(median(warmLoop)) },
    };
    console.log(JSON.stringify(result, null, 2));
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

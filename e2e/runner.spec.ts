// The runner in the real page: Pyodide in the module worker, served from our own origin, through RunnerClient.
// `?e2e` makes the page's client reachable as window.__dryrun (see src/capture/client.ts).
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { RunRequest, Trace } from '../src/capture/trace.ts';

interface Dryrun {
  run(req: RunRequest): Promise<Trace>;
  stop(): void;
  warmUp(): Promise<void>;
  canInterrupt: boolean;
}

/** Opens the page with every request routed: off-localhost ones are aborted and listed in `offsite`. */
async function openPage(page: Page, offsite: string[], routed: string[] = []): Promise<void> {
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  // On the context, so requests of the page's workers are caught too.
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url());
    routed.push(url.pathname);
    if (url.hostname === 'localhost' || url.hostname === '127.0.0.1') return route.continue();
    offsite.push(url.href);
    return route.abort();
  });
  await page.goto('/?e2e');
  await page.waitForFunction(() => (window as unknown as { __dryrun?: unknown }).__dryrun !== undefined);
  await page.evaluate(() => (window as unknown as { __dryrun: Dryrun }).__dryrun.warmUp());
}

function run(page: Page, req: RunRequest): Promise<Trace> {
  return page.evaluate((r) => (window as unknown as { __dryrun: Dryrun }).__dryrun.run(r), req);
}

test('runs a program through the worker from our own origin, and nothing leaves localhost', async ({ page }) => {
  const offsite: string[] = [];
  const routed: string[] = [];
  await openPage(page, offsite, routed);
  const trace = await run(page, {
    mode: 'program',
    code: 'total = 0\nfor i in range(3):\n    total += i\nname = input()\nprint("hi", name, total)\n',
    stdin: 'Ada\n',
  });
  expect(trace.status, JSON.stringify(trace.error)).toBe('ok');
  expect(trace.stdout).toBe('hi Ada 3\n');
  expect(trace.steps.filter((s) => s.changed.total !== undefined).map((s) => s.changed.total)).toEqual(['0', '1', '3']);
  // The worker's own requests went through the route too (so an off-site one would have been caught).
  expect(routed).toContain('/pyodide/pyodide.asm.wasm');
  expect(routed).toContain('/pyodide/python_stdlib.zip');
  expect(offsite).toEqual([]);
});

test('the Run button of the explorer traces the program in the worker', async ({ page }) => {
  const offsite: string[] = [];
  await openPage(page, offsite);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('trace-view')).toHaveAttribute('data-status', /.+/);
  await expect(page.getByTestId('trace-view')).not.toHaveAttribute('data-status', 'crashed');
  expect(offsite).toEqual([]);
});

test('a memory bomb and a syntax error come back as clean errors in the page', async ({ page }) => {
  await openPage(page, []);
  const bomb = await run(page, { mode: 'program', code: 'x = 1\nhuge = [0] * 10**9\n' });
  expect(bomb.status).toBe('error');
  expect(bomb.error).toMatchObject({ type: 'MemoryError', line: 2 });
  expect(bomb.steps.length).toBeGreaterThan(0);
  const syntax = await run(page, { mode: 'program', code: 'x = 1\nprint(x\n' });
  expect(syntax.error).toMatchObject({ type: 'SyntaxError', line: 2 });
  expect((await run(page, { mode: 'program', code: 'print("ok")\n' })).stdout).toBe('ok\n');
});

test('Stop interrupts an endless loop, keeps the partial trace, and the next run works', async ({ page }) => {
  await openPage(page, []);
  expect(await page.evaluate(() => (window as unknown as { __dryrun: Dryrun }).__dryrun.canInterrupt)).toBe(true);
  // Measured inside the page: handing a 100k-step trace back to the test process is slow in itself.
  const outcome = await page.evaluate(async () => {
    const client = (window as unknown as { __dryrun: Dryrun }).__dryrun;
    const pending = client.run({
      mode: 'program',
      code: 'n = 0\nwhile True:\n    n += 1\n',
      limits: { maxSteps: 100_000_000, timeoutMs: 60_000 },
    });
    await new Promise((r) => setTimeout(r, 500));
    const t0 = performance.now();
    client.stop();
    const trace = await pending;
    return { status: trace.status, steps: trace.steps.length, stopMs: performance.now() - t0 };
  });
  expect(outcome.status).toBe('interrupted');
  expect(outcome.steps).toBeGreaterThan(10); // the gentle path: the worker survived with its trace
  expect(outcome.stopMs).toBeLessThan(10_000);
  const next = await run(page, { mode: 'program', code: 'print(6 * 7)\n' });
  expect(next.stdout).toBe('42\n');
});

test('a program that swallows KeyboardInterrupt is still stopped, keeps its trace, and the runner stays usable', async ({ page }) => {
  await openPage(page, []);
  const outcome = await page.evaluate(async () => {
    const client = (window as unknown as { __dryrun: Dryrun }).__dryrun;
    const pending = client.run({
      mode: 'program',
      code: 'n = 0\nwhile True:\n    try:\n        while True:\n            n += 1\n    except BaseException:\n        pass\n',
      limits: { maxSteps: 100_000_000, timeoutMs: 60_000 },
    });
    await new Promise((r) => setTimeout(r, 500));
    client.stop();
    const trace = await pending;
    return { status: trace.status, steps: trace.steps.length };
  });
  expect(outcome.status).toBe('interrupted');
  expect(outcome.steps).toBeGreaterThan(10); // stopped inside Python (our SIGINT handler), not by killing the worker
  const next = await run(page, { mode: 'call', code: 'def f(x):\n    return x * 2\n', call: 'f(21)' });
  expect(next.result).toBe('42');
});

test('a program stuck in one long operation is ended by replacing the worker', async ({ page }) => {
  await openPage(page, []);
  const t0 = Date.now();
  const trace = await run(page, { mode: 'program', code: 'print("start")\nx = sum(range(10**12))\n', limits: { timeoutMs: 1_000 } });
  expect(trace.status).toBe('timeout');
  expect(Date.now() - t0).toBeLessThan(20_000);
  const next = await run(page, { mode: 'program', code: 'print("again")\n' });
  expect(next.stdout).toBe('again\n');
});

test('a program that replaces json.dumps forges nothing, and the next run gets a real trace from a clean worker', async ({ page }) => {
  await openPage(page, []);
  const forged = JSON.stringify({ version: 1, mode: 'program', code: '', limits: { maxSteps: 1, timeoutMs: 1 }, stdin: '', status: 'ok', steps: [], stdout: 'FORGED\n', stdoutTruncated: false, durationMs: 1 });
  const code = `import json\njson.dumps = lambda t, *a, **k: ${JSON.stringify(forged)}\njson.loads = lambda *a, **k: None\nprint("real")\n`;
  const t = await run(page, { mode: 'program', code });
  expect(t.status).toBe('ok');
  expect(t.stdout).toBe('real\n');
  expect(t.code).toBe(code);
  expect(t.steps.length).toBeGreaterThanOrEqual(4);
  expect(t.runtimeChanged).toEqual(expect.arrayContaining(['json.dumps', 'json.loads']));
  const next = await run(page, { mode: 'program', code: 'import json\nprint(json.dumps({"a": 1}))\n' });
  expect(next.status).toBe('ok');
  expect(next.stdout).toBe('{"a": 1}\n');
  expect(next.steps.length).toBeGreaterThanOrEqual(3);
  expect(next.runtimeChanged).toBeUndefined();
});

test('code from a link cannot reach the network or storage from the worker', async ({ page }) => {
  const offsite: string[] = [];
  await openPage(page, offsite);
  const attempts = [
    'import js\nprint(js.fetch)',
    'import js\nprint(js.indexedDB)',
    'import pyodide_js\nf = pyodide_js.runPython.constructor\nprint(f("return typeof fetch")())',
    'import pyodide_js\nprint(pyodide_js.globals.constructor.constructor("return 1")())',
    'from pyodide.code import run_js\nprint(run_js("typeof fetch"))',
    'import pyodide_js\nprint(pyodide_js._api.tests.Function("return typeof fetch")())',
    'import pyodide_js\nprint(pyodide_js._api.tests.Function("return import(\'http://example.com/x.js\')")())',
    'from pyodide.http import open_url\nprint(open_url("http://example.com/").read())',
    'import urllib.request\nurllib.request.urlopen("http://example.com/")',
  ];
  for (const code of attempts) {
    const trace = await run(page, { mode: 'program', code: `${code}\n` });
    expect.soft(trace.status, code).not.toBe('ok');
    expect.soft(trace.stdout, code).not.toContain('function');
  }
  // The barrier for code from strings is the worker's own CSP (vite.config.ts), not luck.
  const evalTry = await run(page, { mode: 'program', code: 'import pyodide_js\npyodide_js._api.tests.Function("return 1")()\n' });
  expect(evalTry.error?.message).toMatch(/unsafe-eval|Content Security Policy|EvalError/i);
  const next = await run(page, { mode: 'program', code: 'print("still fine")\n' });
  expect(next.stdout).toBe('still fine\n');
  expect(offsite).toEqual([]);
});

// The Train panel end to end, on the built app (npx vite build first): the shipped model's predictions
// appear at start; a `nano` run of a few steps on WebGPU (SwiftShader in headless Chromium) and on wasm
// lowers the loss and shows predictions; answers are scored by value in Python; checkpoints are listed,
// saved under a name, survive a reload, resume, rename, export and delete; the old single saved run is
// migrated; a full disk is reported; the Data panel's dataset trains directly. On wasm a run shares each step
// with a second CPU worker (a gradient peer): a peer that cannot start is left out, one that dies mid-run stops
// the run saved and resumable; Stop releases the peers, and cuts off a step that does not end (software WebGPU).
// Nothing is fetched from outside.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { paramShapes, type GPTConfig } from '../src/model/gpt.ts';
import { encodeSafetensors, type NamedArray } from '../src/model/safetensors.ts';
import { encodePrompt } from '../src/tokenise/example.ts';
import { MARKERS, PAD, Tokenizer, UNK } from '../src/tokenise/tokenizer.ts';
import { expect, test } from './offline.ts';

/** The shipped checkpoint's progress: when its schedule is complete it loads with Resume off ("Its run is complete"). */
const shippedRun = (() => {
  const c = JSON.parse(readFileSync('public/model/config.json', 'utf8')) as { step: number; train: { steps: number } };
  return { step: c.step, phaseWhenLoaded: c.step < c.train.steps ? 'paused' : 'ready' };
})();

/** The model the notebook opens with: the first of public/models/index.json. */
const shippedName = (JSON.parse(readFileSync('public/models/index.json', 'utf8')) as { models: { name: string }[] }).models[0]!.name;

const shippedResults = () => (JSON.parse(readFileSync('public/model/config.json', 'utf8')) as {
  results: { byLevel: Record<string, number> } }).results;

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
});

async function openTrain(page: Page, backend: string) {
  await page.goto('/#train');
  const series = page.getByTestId('train-series');
  await expect(series).toHaveAttribute('data-phase', /ready|failed/, { timeout: 120_000 });
  await page.getByLabel('Backend').selectOption(backend);
  await expect(series).toHaveAttribute('data-backend', backend, { timeout: 60_000 });
  await expect(series).toHaveAttribute('data-phase', 'ready', { timeout: 180_000 });
}

/** The Train section (the Data panel, once visited, stays in the page, hidden, with labels like `Max steps`). */
const trainPanel = (page: Page) => page.getByRole('region', { name: 'Train' });

async function trainFewSteps(page: Page, steps = 4, batch = 2) {
  await trainPanel(page).getByLabel('Steps', { exact: true }).fill(String(steps));
  await trainPanel(page).getByLabel('Batch').fill(String(batch));
  await page.getByRole('button', { name: 'Start new run' }).click();
  const series = page.getByTestId('train-series');
  await expect(series).toHaveAttribute('data-phase', 'done', { timeout: 600_000 });
  const losses = JSON.parse((await series.getAttribute('data-losses')) ?? '[]') as number[];
  expect(losses).toHaveLength(steps);
  expect(losses[steps - 1]!).toBeLessThan(losses[0]!);
  await expect(page.getByTestId('prediction').first()).toBeVisible();
}

const checkpointRow = (page: Page, name: string) =>
  page.getByTestId('checkpoint').filter({ has: page.getByTestId('checkpoint-name').and(page.getByText(name, { exact: true })) });

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath(`${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('wasm: the shipped model predicts at start, and a nano run on 2 CPU workers lowers the loss', async ({ page }) => {
  test.setTimeout(420_000);
  await openTrain(page, 'wasm');
  await expect(page.getByTestId('prediction').first()).toBeVisible();
  await expect(page.getByTestId('prediction-summary')).toContainText('compared by value in Python');
  // Beside a live run, what the shipped model measured on fresh programs (kept in its config by npm run ship).
  const results = shippedResults();
  await expect(page.getByTestId('model-results')).toContainText(`level 1 ${(results.byLevel['1']! * 100).toFixed(0)} %`);
  await expect(page.getByTestId('model-results')).toContainText('The shipped model, measured on');
  await trainPanel(page).getByLabel('CPU workers').fill('2');
  await expect(page.getByTestId('train-workers-note')).toContainText('batch is split between the CPU workers');
  await trainFewSteps(page, 4, 4);
  // The worker reports the peers that really started, and the shards they computed: one per step.
  const series = page.getByTestId('train-series');
  await expect(series).toHaveAttribute('data-workers', '2');
  expect(Number(await series.getAttribute('data-peer-shards'))).toBe(4);
  await expect(page.getByRole('status').filter({ hasText: 'tokens/s on 2 CPU workers' })).toBeVisible();
  await expect(page.getByTestId('accuracy-rows')).toContainText('on 8 validation rows');
  await expect(page.getByRole('button', { name: /Resume saved run \(step 4\)/ })).toBeVisible();
  await shoot(page, 'two-workers');
});

test('wasm: CPU workers are kept across Pause and Resume and released by Stop; remaining time is estimated', async ({ page }) => {
  test.setTimeout(420_000);
  const peers: { closed: boolean }[] = [];
  page.on('worker', (w) => {
    if (!w.url().includes('peer.worker')) return;
    const entry = { closed: false };
    peers.push(entry);
    w.on('close', () => (entry.closed = true));
  });
  await openTrain(page, 'wasm');
  await trainPanel(page).getByLabel('CPU workers').fill('2');
  await trainPanel(page).getByLabel('Steps', { exact: true }).fill('300');
  await trainPanel(page).getByLabel('Batch').fill('4');
  await page.getByRole('button', { name: 'Start new run' }).click();
  const series = page.getByTestId('train-series');
  const status = page.getByRole('status').filter({ hasText: 'tokens/s on 2 CPU workers' });
  // Runs of more than 50 steps log every 5; the first log has too few steps timed for an estimate.
  await expect(status).toContainText('Step 5 / 300', { timeout: 120_000 });
  await expect(status).toContainText('remaining estimating…');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(series).toHaveAttribute('data-phase', 'paused', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(status).toContainText(/remaining ~\d+ (s|min)/, { timeout: 120_000 });
  expect(peers.length).toBe(1); // one peer, started at the first step, kept through Pause and Resume
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /Stopped at step \d+, and saved/ })).toBeVisible({ timeout: 10_000 });
  await expect(series).toHaveAttribute('data-phase', 'paused');
  await expect.poll(() => peers.map((p) => p.closed)).toEqual([true]);
  const step = Number(await checkpointRow(page, 'Autosave').getAttribute('data-step'));
  await expect(page.getByRole('button', { name: `Resume saved run (step ${step})` })).toBeEnabled();
});

test('webgpu (SwiftShader): a nano run lowers the loss and shows predictions', async ({ page }) => {
  test.setTimeout(900_000); // SwiftShader: a correctness check, ~30 s a step on 2 shared cores
  await openTrain(page, 'webgpu');
  await trainFewSteps(page);
});

// ---- scoring by value: a hand-built model whose answers are known in advance ----

/**
 * A one-layer GPT whose blocks add nothing (all their weights zero) and whose position table spells a fixed
 * answer: the token embedding is one-hot, the position embedding at position p points (10x stronger) at the
 * token to write after p, and logits are tied to the embedding. So a row whose prompt is P tokens long is
 * answered with `answers[P]`, whatever the prompt says: no training, no luck.
 */
function fixedAnswerCheckpoint(tok: Tokenizer, answers: Map<number, string>) {
  const model: GPTConfig = { vocabSize: tok.size, blockSize: 256, nLayer: 1, nHead: 1, nEmbd: 128 };
  if (tok.size > model.nEmbd) throw new Error('one-hot embeddings need nEmbd >= vocabulary');
  const tensors: Record<string, NamedArray> = {};
  for (const [name, shape] of paramShapes(model)) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (name.endsWith('.g')) data.fill(1);
    tensors[name] = { shape, data };
  }
  const C = model.nEmbd;
  for (let t = 0; t < tok.size; t++) tensors.wte!.data[t * C + t] = 1;
  const used = new Set<number>();
  for (const [promptLen, text] of answers) {
    tok.encode(text).forEach((id, k) => {
      const p = promptLen - 1 + k; // the last prompt position predicts the first answer token
      if (used.has(p)) throw new Error('answers overlap: make the prompts further apart in length');
      used.add(p);
      tensors.wpe!.data[p * C + id] = 10;
    });
  }
  const config = { format: 'dry-run-checkpoint', version: 1, model,
    train: { preset: 'fixed-answer', seed: 1, batchSize: 1, blockSize: 256, steps: 1, curriculumSteps: 0 },
    step: 0, tokensSeen: 0, elapsedMs: 0, sampler: { rng: 1 }, params: 0, history: [] };
  return [
    { name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(config)) },
    { name: 'tokenizer.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tok.toJSON())) },
    { name: 'model.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(encodeSafetensors(tensors)) },
  ];
}

test('answers that differ from the truth only in form count as right (compared by value in Python)', async ({ page }) => {
  test.setTimeout(300_000);
  const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
  const tok = new Tokenizer([PAD, UNK, ...MARKERS, '\n', '\t', ...chars]);
  const prompt = (call: string, pad = '') => `[PYTHON]\ndef f(x):\n${pad}    return x\nassert ${call} == ??\n[/PYTHON]`;
  const rows = [
    { id: 'float', output: '1.00000001', prompt: prompt('f(1)') },
    { id: 'other-value', output: '1.5', prompt: prompt('f(2)') },
    { id: 'tuple', output: '(1, 2)', prompt: prompt('f((1,2))', `    # ${'-'.repeat(50)}\n`) },
  ];
  const len = (p: string) => encodePrompt(tok, p).length;
  const answer = (v: string) => `[ANSWER]\nassert f(1) == ${v}\n[/ANSWER]`;
  const ckpt = fixedAnswerCheckpoint(tok, new Map([[len(rows[0]!.prompt), answer('1.0')], [len(rows[2]!.prompt), answer('(1,2)')]]));
  expect(len(rows[1]!.prompt)).toBe(len(rows[0]!.prompt)); // same length: the same answer, 1.0
  const jsonl = rows.map((r) => JSON.stringify({ ...r, level: 1, split: 'validation', target: '' })).join('\n');

  await openTrain(page, 'wasm');
  await page.getByLabel('Data file (JSONL)').setInputFiles({ name: 'forms.jsonl', mimeType: 'application/json', buffer: Buffer.from(jsonl) });
  await expect(page.getByTestId('train-data-info')).toContainText('3 held-out rows: your file forms.jsonl');
  await page.getByLabel('Import checkpoint').setInputFiles(ckpt);
  const preds = page.getByTestId('prediction');
  await expect(preds).toHaveCount(3, { timeout: 120_000 });
  await expect(preds.getByTestId('answer')).toHaveText(['1.0', '1.0', '(1,2)']);
  // As strings two of these are wrong; by value (Python: eval(a) == eval(b), floats within 1e-5) they are right.
  await expect(preds.getByTestId('verdict')).toHaveText(['✓', '✗', '✓']);
  await expect(page.getByTestId('prediction-summary')).toHaveText('2 of 3 right, compared by value in Python.');
  await expect(page.getByTestId('scoring-note')).toContainText('compared by value in Python');
  await expect(checkpointRow(page, 'Imported fixed-answer, step 0')).toContainText('weights only');
});

// ---- the checkpoint list ----

test('checkpoints: save under a name, survive a reload, resume, rename, export, delete', async ({ page }) => {
  test.setTimeout(600_000);
  await openTrain(page, 'wasm');
  const shipped = checkpointRow(page, shippedName);
  await expect(shipped).toContainText('shipped with the page');
  await expect(shipped.getByRole('button', { name: /Delete/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save checkpoint' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeDisabled();
  // Loaded from the list, the shipped model brings its optimizer state: it can be saved as a run, and go on
  // training unless its schedule is complete.
  await shipped.getByRole('button', { name: `Load ${shippedName}` }).click();
  await expect(page.getByTestId('train-series')).toHaveAttribute('data-phase', shippedRun.phaseWhenLoaded, { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled({ enabled: shippedRun.phaseWhenLoaded === 'paused' });
  await expect(page.getByRole('button', { name: 'Save checkpoint' })).toBeEnabled();
  await expect(shipped).toHaveAttribute('aria-current', 'true');

  // A run paused part-way: resumable.
  await page.getByLabel('Steps').fill('300');
  await page.getByLabel('Batch').fill('2');
  await page.getByRole('button', { name: 'Start new run' }).click();
  const series = page.getByTestId('train-series');
  await expect(series).toHaveAttribute('data-phase', 'running', { timeout: 120_000 });
  // A pause before the first step (while the CPU workers start) would stop at step 0: let it log first.
  await expect(page.getByRole('status').filter({ hasText: 'Step 5 / 300' })).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(series).toHaveAttribute('data-phase', 'paused', { timeout: 120_000 });
  const autosave = checkpointRow(page, 'Autosave');
  await expect(autosave).toContainText('resumable');
  const step = Number(await autosave.getAttribute('data-step'));
  expect(step).toBeGreaterThan(0);

  await page.getByLabel('Checkpoint name').fill('paused run');
  await page.getByRole('button', { name: 'Save checkpoint' }).click();
  await expect(checkpointRow(page, 'paused run')).toHaveAttribute('data-step', String(step));
  await shoot(page, 'checkpoints');

  // After a reload the list is still there; loading the named one restores its rows and resumes exactly there.
  await page.reload();
  await expect(series).toHaveAttribute('data-phase', 'ready', { timeout: 180_000 });
  const saved = checkpointRow(page, 'paused run');
  await expect(saved).toContainText(`${step} / 300`);
  await expect(checkpointRow(page, 'Autosave')).toHaveAttribute('data-step', String(step));
  await saved.getByRole('button', { name: 'Load paused run' }).focus();
  await page.keyboard.press('Enter');
  await expect(series).toHaveAttribute('data-phase', 'paused', { timeout: 120_000 });
  await expect(page.getByTestId('train-data-info')).toContainText('restored with the checkpoint');
  await expect(saved).toHaveAttribute('aria-current', 'true');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Step ${step + 1} / 300` })).toBeVisible({ timeout: 120_000 });

  // Rename, by keyboard.
  await saved.getByRole('button', { name: 'Rename paused run' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('New name for paused run')).toBeFocused();
  await page.keyboard.type('kept run');
  await page.keyboard.press('Enter');
  const kept = checkpointRow(page, 'kept run');
  await expect(kept).toBeVisible();

  // Export: the files `npm run train` writes.
  const names: string[] = [];
  page.on('download', (d) => names.push(d.suggestedFilename()));
  await kept.getByRole('button', { name: 'Export kept run' }).click();
  await expect.poll(() => [...names].sort()).toEqual(['config.json', 'model.safetensors', 'optimizer.safetensors', 'tokenizer.json']);

  // Delete asks first; Keep keeps it; Delete for good removes it (and keeps the autosave).
  await kept.getByRole('button', { name: 'Delete kept run' }).click();
  await expect(kept.getByRole('button', { name: 'Keep' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(kept.getByRole('button', { name: 'Delete kept run' })).toBeVisible();
  await kept.getByRole('button', { name: 'Delete kept run' }).click();
  await kept.getByRole('button', { name: 'Delete for good' }).click();
  await expect(checkpointRow(page, 'kept run')).toHaveCount(0);
  await expect(checkpointRow(page, 'Autosave')).toBeVisible();
});

test("the old single saved run ('latest', database version 1) is kept as the autosave", async ({ page }) => {
  test.setTimeout(300_000);
  // A same-origin page without the app, to write the old database before the app opens it.
  await page.route('**/blank-for-migration.html', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>old</title>' }));
  await page.goto('/blank-for-migration.html');
  await page.evaluate(async () => {
    const bytes = async (p: string) => new Uint8Array(await (await fetch(p)).arrayBuffer());
    const files = { 'config.json': await (await fetch('/model/config.json')).text(),
      'tokenizer.json': await (await fetch('/model/tokenizer.json')).text(),
      'model.safetensors': await bytes('/model/model.safetensors'), 'optimizer.safetensors': await bytes('/model/optimizer.safetensors') };
    const data = await (await fetch('/model/sample-iterations.jsonl')).text();
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('dry-run-train', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('runs');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('runs', 'readwrite');
        tx.objectStore('runs').put({ files, data }, 'latest');
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
  });
  await page.goto('/#train');
  const autosave = checkpointRow(page, 'Autosave');
  await expect(autosave).toHaveAttribute('data-step', String(shippedRun.step), { timeout: 120_000 });
  await expect(autosave).toContainText('resumable');
  await expect(page.getByRole('button', { name: `Resume saved run (step ${shippedRun.step})` })).toBeVisible();
  const stores = await page.evaluate(() => new Promise<string[]>((resolve) => {
    const open = indexedDB.open('dry-run-train');
    open.onsuccess = () => (resolve([String(open.result.version), ...open.result.objectStoreNames]), open.result.close());
  }));
  expect(stores).toEqual(['2', 'data', 'files', 'meta']);
  const series = page.getByTestId('train-series');
  await expect(series).toHaveAttribute('data-phase', 'ready', { timeout: 180_000 });
  await autosave.getByRole('button', { name: 'Load Autosave' }).click();
  await expect(series).toHaveAttribute('data-phase', shippedRun.phaseWhenLoaded, { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled({ enabled: shippedRun.phaseWhenLoaded === 'paused' });
  await expect(page.getByRole('button', { name: 'Save checkpoint' })).toBeEnabled(); // its optimizer state came back
  // A saved run whose schedule is complete has nothing to resume: its button is off, and says why.
  const resumeSaved = page.getByRole('button', { name: `Resume saved run (step ${shippedRun.step})` });
  await expect(resumeSaved).toBeEnabled({ enabled: shippedRun.phaseWhenLoaded === 'paused' });
  if (shippedRun.phaseWhenLoaded === 'ready') {
    await expect(resumeSaved).toHaveAttribute('title', /^The saved run is complete/);
    await expect(page.getByRole('status').filter({ hasText: 'Its run is complete' })).toBeVisible();
  }
});

test('a full disk is reported, and training goes on', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 512 * 1024 });
  await openTrain(page, 'wasm');
  await page.getByLabel('Steps').fill('2');
  await page.getByLabel('Batch').fill('2');
  await page.getByRole('button', { name: 'Start new run' }).click();
  await expect(page.getByTestId('storage-problem')).toContainText(/Could not save the run at step 2: this browser's storage for the page is full/, { timeout: 120_000 });
  await expect(page.getByTestId('train-series')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  await expect(checkpointRow(page, 'Autosave')).toHaveCount(0);
});

// ---- the Data panel's dataset as training data ----

test("trains on the Data panel's dataset directly, without a file", async ({ page }) => {
  test.setTimeout(600_000);
  await openTrain(page, 'wasm');
  const built = page.getByLabel('Dataset built in the Data panel');
  await expect(built).toBeDisabled();
  await expect(page.getByTestId('train-built-note')).toContainText('None built yet');

  await page.getByRole('link', { name: 'Data', exact: true }).click();
  await page.getByLabel('Samples', { exact: true }).fill('30');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await expect(page.getByTestId('data-phase')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });

  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await expect(built).toBeEnabled();
  await expect(page.getByTestId('train-built-note')).toContainText(/^30 rows \(levels 1, 2, 3, iterations stories, seed \d+\)$/);
  await built.check();
  const info = page.getByTestId('train-data-info');
  await expect(info).toContainText(/\d+ training rows, \d+ held-out rows: the Data panel's dataset, 30 rows/);
  // The loaded model's predictions are redone on the new rows' held-out part.
  const heldOut = Number(/(\d+) held-out rows/.exec((await info.textContent()) ?? '')![1]);
  await expect(page.getByTestId('prediction')).toHaveCount(Math.min(6, heldOut), { timeout: 120_000 });
  await shoot(page, 'built-data');
  await trainFewSteps(page);
  await expect(checkpointRow(page, 'Autosave')).toContainText("trained on the Data panel's dataset, 30 rows");
});

// ---- CPU workers (gradient peers) that fail, and Stop on a slow step ----

/**
 * Prepends `code` to the train worker's script. The gradient peers are nested workers, whose requests Playwright
 * cannot route; what the train worker starts can be changed from inside it instead (a `Worker` subclass).
 */
async function patchTrainWorker(page: Page, code: string) {
  await page.context().route(/\/assets\/train\.worker-[^/]*\.js$/, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: `${code}\n${await res.text()}` });
  });
}

test('a CPU worker that fails to start is left out, and training goes on with fewer, saying so', async ({ page }) => {
  test.setTimeout(300_000);
  // The peer's script is asked for at a path that does not exist: a real load failure.
  await patchTrainWorker(page, `self.Worker = class extends self.Worker {
  constructor(url, opts) { super(String(url).replace(/peer\\.worker-[^/]*\\.js/, 'peer.worker-missing.js'), opts); }
};`);
  await openTrain(page, 'wasm');
  await trainPanel(page).getByLabel('CPU workers').fill('2');
  await trainFewSteps(page, 3, 4);
  await expect(page.getByTestId('workers-problem')).toContainText(/Training on 1 of 2 CPU workers: CPU worker 2 \(a gradient peer\) could not start: its script failed to load/);
  await expect(page.getByTestId('train-series')).toHaveAttribute('data-workers', '1');
  await expect(page.getByRole('status').filter({ hasText: 'tokens/s on 1 CPU worker ·' })).toBeVisible();
});

test('a CPU worker that dies mid-run stops the run with an error, saved at the last whole step, and it resumes', async ({ page }) => {
  test.setTimeout(300_000);
  // Its second shard request is lost and the peer gets a malformed message instead, which Comlink reads
  // outside its try: a real uncaught error in the peer, and no answer, as in a crash.
  await patchTrainWorker(page, `self.Worker = class extends self.Worker {
  shards = 0;
  postMessage(msg, transfer) {
    if (msg?.type === 'APPLY' && msg.path?.[0] === 'gradients' && ++this.shards === 2) {
      return super.postMessage({ type: 'APPLY', path: ['gradients'], argumentList: [null] });
    }
    return super.postMessage(msg, transfer);
  }
};`);
  await openTrain(page, 'wasm');
  await trainPanel(page).getByLabel('CPU workers').fill('2');
  await trainPanel(page).getByLabel('Steps', { exact: true }).fill('4');
  await trainPanel(page).getByLabel('Batch').fill('4');
  await page.getByRole('button', { name: 'Start new run' }).click();
  const series = page.getByTestId('train-series');
  await expect(series).toHaveAttribute('data-phase', 'failed', { timeout: 120_000 });
  const status = page.getByRole('status').filter({ hasText: 'Training stopped with an error' });
  await expect(status).toContainText('CPU worker 2 (a gradient peer) stopped: it threw');
  await expect(status).toContainText('TypeError');
  await expect(status).toContainText('Training stopped at step 1; the run is saved there: “Resume saved run (step 1)” continues it exactly');
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeDisabled();
  await shoot(page, 'worker-died');
  // With one worker the saved run goes on to the end, from step 1.
  await trainPanel(page).getByLabel('CPU workers').fill('1');
  await page.getByRole('button', { name: 'Resume saved run (step 1)' }).click();
  await expect(series).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Step 4 / 4' })).toBeVisible();
  const losses = JSON.parse((await series.getAttribute('data-losses')) ?? '[]') as number[];
  expect(losses).toHaveLength(4); // step 1 from before the failure, then 2-4
  await expect(series).toHaveAttribute('data-workers', '1');
});

test('Stop cuts off a step that does not end (software WebGPU: seconds a step) and offers the last save', async ({ page }) => {
  test.setTimeout(900_000);
  const trainWorkers: { url: string; closed: boolean }[] = [];
  page.on('worker', (w) => {
    if (!w.url().includes('train.worker')) return;
    const entry = { url: w.url(), closed: false };
    trainWorkers.push(entry);
    w.on('close', () => (entry.closed = true));
  });
  await openTrain(page, 'webgpu');
  const series = page.getByTestId('train-series');
  await trainPanel(page).getByLabel('Steps', { exact: true }).fill('300');
  await trainPanel(page).getByLabel('Batch').fill('2');
  await page.getByRole('button', { name: 'Start new run' }).click();
  await expect(series).toHaveAttribute('data-phase', 'running', { timeout: 60_000 });
  // Pause ends the first step and saves it.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(series).toHaveAttribute('data-phase', 'paused', { timeout: 600_000 });
  await expect(page.getByRole('button', { name: 'Resume saved run (step 1)' })).toBeEnabled();
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(series).toHaveAttribute('data-phase', 'running');
  const stopped = Date.now();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  const status = page.getByRole('status').filter({ hasText: 'Stopped: the step in progress did not end within 3 s' });
  await expect(status).toBeVisible({ timeout: 30_000 });
  expect(Date.now() - stopped).toBeLessThan(20_000);
  await expect(status).toContainText('The run was last saved at step 1: “Resume saved run (step 1)” continues it from there.');
  await expect(page.getByTestId('compute-status')).not.toContainText('training');
  await expect.poll(() => trainWorkers.map((w) => w.closed)).toEqual([true, false]); // the one stopped, a fresh one
  await expect(series).toHaveAttribute('data-phase', 'ready', { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Resume saved run (step 1)' })).toBeEnabled();
  await expect(page.getByTestId('compute-status')).toContainText('webgpu, ready');
  await shoot(page, 'stopped');
  // Nothing saved is lost: the fresh worker resumes the run from its save.
  await page.getByRole('button', { name: 'Resume saved run (step 1)' }).click();
  await expect(series).toHaveAttribute('data-phase', 'running', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(series).toHaveAttribute('data-phase', 'paused', { timeout: 600_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Paused at step 2.' })).toBeVisible();
});

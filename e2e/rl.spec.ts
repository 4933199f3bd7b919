// The RL panel end to end, on the built app (npx vite build first), with tiny settings (G = 2, one program a
// step, a few tokens per story) so each test takes seconds a step: a few steps of RL on the shipped model on
// wasm chart the reward, show the figures and the rollouts, and a rollout opens in the Explorer beside its real
// run; the same on WebGPU (SwiftShader in headless Chromium); a paused run resumes exactly after a reload.
// Tensors stay flat across steps in the worker. Nothing is fetched from outside.
import type { Page } from '@playwright/test';
import { expect, test } from './offline.ts';

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
});

const panel = (page: Page) => page.getByRole('region', { name: 'Reinforce' });
const series = (page: Page) => page.getByTestId('rl-series');
const numbers = async (page: Page, attr: string) => JSON.parse((await series(page).getAttribute(attr)) ?? '[]') as number[];

async function openRl(page: Page, backend: string) {
  await page.goto('/#rl');
  await expect(series(page)).toHaveAttribute('data-phase', /ready|failed/, { timeout: 120_000 });
  await panel(page).getByRole('combobox', { name: 'Backend' }).selectOption(backend);
  await expect(series(page)).toHaveAttribute('data-backend', backend, { timeout: 60_000 });
  await expect(series(page)).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
}

/** Tiny settings: G stories of one program a step, each at most `tokens` long, on the shipped sample's scripts. */
async function tiny(page: Page, o: { steps: number; tokens: number; group?: number }) {
  const p = panel(page);
  await p.getByRole('combobox', { name: 'Programs', exact: true }).selectOption('scripts');
  await p.getByRole('spinbutton', { name: 'Group size' }).fill(String(o.group ?? 2));
  await p.getByRole('spinbutton', { name: 'Programs per step' }).fill('1');
  await p.getByRole('spinbutton', { name: 'Max tokens' }).fill(String(o.tokens));
  await p.getByRole('spinbutton', { name: 'Steps', exact: true }).fill(String(o.steps));
}

async function runToEnd(page: Page, steps: number, timeout: number) {
  await page.getByRole('button', { name: 'Start RL run' }).click();
  await expect(series(page)).toHaveAttribute('data-phase', 'done', { timeout });
  expect(await numbers(page, 'data-rewards')).toHaveLength(steps);
  // The worker's live tensors after each step: flat (a step frees what it made).
  const tensors = await numbers(page, 'data-tensors');
  expect(tensors).toHaveLength(steps);
  expect(new Set(tensors).size, `tensors after each step: ${tensors.join(', ')}`).toBe(1);
}

test('wasm: a few RL steps chart the reward, show the rollouts, and one opens beside its real run', async ({ page }) => {
  test.setTimeout(180_000);
  await openRl(page, 'wasm');
  await expect(panel(page).getByText('writes 8 stories of each run')).toBeVisible();
  await tiny(page, { steps: 3, tokens: 24 });
  await expect(panel(page).getByText('writes 2 stories of each run')).toBeVisible();
  await runToEnd(page, 3, 150_000);
  const status = page.getByTestId('rl-status');
  await expect(status).toContainText('Done: 3 steps.');
  await expect(status).toContainText(/Step 3 \/ 3 · reward [−+]?\d\.\d\d · \d+ % right · [\d.]+ s per step/);
  const figures = JSON.parse((await series(page).getAttribute('data-figures'))!) as Record<string, number>;
  for (const k of ['rewardMean', 'accuracy', 'signal', 'kl', 'entropy', 'responseLength']) expect(typeof figures[k], k).toBe('number');
  console.log('[rl wasm] step ms', await series(page).getAttribute('data-step-ms'), 'figures', JSON.stringify(figures));
  await expect(page.getByRole('img', { name: /^Reward \(mean of the stories\): reward -?\d\.\d+ at step 3$/ })).toBeVisible();

  // The latest step's group: 2 stories, each with its reward, and a way to the Explorer.
  await expect(page.getByRole('heading', { name: 'Rollouts of step 3' })).toBeVisible();
  await expect(page.getByTestId('rollout-group')).toHaveCount(1);
  const rollouts = page.getByTestId('rollout');
  await expect(rollouts).toHaveCount(2);
  await expect(rollouts.first().getByTestId('rollout-reward')).toHaveText(/^[−+]\d\.\d\d$/);
  await rollouts.first().getByRole('button', { name: 'Open in Explorer' }).click();
  await expect(page.getByRole('region', { name: 'Explore' })).toBeVisible();
  await expect(page.getByText('Opened with the model’s story beside the real run.')).toBeVisible();
  await expect(page.getByTestId('model-verdict')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('model-sentence')).toHaveText(/^The model /);
  await expect(page.getByTestId('alignment')).toBeVisible();
});

test('webgpu (SwiftShader): RL steps run on the GPU path', async ({ page }) => {
  test.setTimeout(300_000);
  await openRl(page, 'webgpu');
  await tiny(page, { steps: 2, tokens: 6 });
  await runToEnd(page, 2, 240_000);
  console.log('[rl webgpu] step ms', await series(page).getAttribute('data-step-ms'));
  await expect(page.getByTestId('rollout')).toHaveCount(2);
});

test('a paused run is saved, and resumes exactly after a reload', async ({ page }) => {
  test.setTimeout(180_000);
  await openRl(page, 'wasm');
  // Steps of ~1.5 s: the pause comes well before the 8th.
  await tiny(page, { steps: 8, tokens: 12 });
  await page.getByRole('button', { name: 'Start RL run' }).click();
  await expect.poll(async () => (await numbers(page, 'data-rewards')).length, { timeout: 120_000, intervals: [100] }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(series(page)).toHaveAttribute('data-phase', 'paused', { timeout: 60_000 });
  const before = await numbers(page, 'data-rewards');
  const step = before.length;
  expect(step).toBeLessThan(8);
  const resume = page.getByRole('button', { name: `Resume saved run (step ${step} of 8)` });
  await expect(resume).toBeEnabled();

  await page.reload();
  await expect(series(page)).toHaveAttribute('data-phase', 'ready', { timeout: 120_000 });
  await expect(resume).toBeEnabled();
  await resume.click();
  await expect(series(page)).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  const after = await numbers(page, 'data-rewards');
  // The saved history is charted first, then the steps taken after the reload.
  expect(after).toHaveLength(8);
  expect(after.slice(0, step)).toEqual(before);
  await expect(page.getByTestId('rl-status')).toContainText('Step 8 / 8');
  await expect(page.getByRole('button', { name: 'Resume saved run (step 8 of 8)' })).toBeDisabled();

  // The saved run is one of the models the Explorer can ask.
  await page.goto('/#explore');
  const choice = page.getByTestId('ask-model').getByRole('combobox');
  await choice.focus();
  await expect(choice.locator('option', { hasText: 'Your Reinforce run (step 8)' })).toHaveCount(1, { timeout: 30_000 });
  await choice.selectOption({ label: 'Your Reinforce run (step 8)' });
  await page.getByRole('button', { name: 'Ask the model' }).click();
  await expect(page.getByTestId('model-verdict')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('model-sentence')).toHaveText(/^The model /);
});

test('Stop during a step ends the run at once and keeps the steps before it', async ({ page }) => {
  test.setTimeout(180_000);
  await openRl(page, 'wasm');
  await tiny(page, { steps: 20, tokens: 48, group: 4 });
  await page.getByRole('button', { name: 'Start RL run' }).click();
  await expect.poll(async () => (await numbers(page, 'data-rewards')).length, { timeout: 120_000, intervals: [100] }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(series(page)).toHaveAttribute('data-phase', 'paused', { timeout: 30_000 });
  const kept = (await numbers(page, 'data-rewards')).length;
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(20);
  await expect(page.getByRole('button', { name: `Resume saved run (step ${kept} of 20)` })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Start RL run' })).toBeEnabled();
});

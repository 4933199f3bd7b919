// The Train panel end to end, on the built app (npx vite build first): the shipped model's predictions
// appear at start; a `nano` run of a few steps on WebGPU (SwiftShader in headless Chromium) and on wasm
// lowers the loss and shows predictions; nothing is fetched from outside.
import type { Page } from '@playwright/test';
import { expect, test } from './offline.ts';

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

async function trainFewSteps(page: Page) {
  await page.getByLabel('Steps').fill('4');
  await page.getByLabel('Batch').fill('2');
  await page.getByRole('button', { name: 'Start new run' }).click();
  const series = page.getByTestId('train-series');
  await expect(series).toHaveAttribute('data-phase', 'done', { timeout: 600_000 });
  const losses = JSON.parse((await series.getAttribute('data-losses')) ?? '[]') as number[];
  expect(losses).toHaveLength(4);
  expect(losses[3]!).toBeLessThan(losses[0]!);
  await expect(page.getByTestId('prediction').first()).toBeVisible();
}

test('wasm: the shipped model predicts at start, and a nano run lowers the loss', async ({ page }) => {
  test.setTimeout(420_000);
  await openTrain(page, 'wasm');
  await expect(page.getByTestId('prediction').first()).toBeVisible();
  await trainFewSteps(page);
  await expect(page.getByRole('button', { name: /Resume saved run \(step 4\)/ })).toBeVisible();
});

test('webgpu (SwiftShader): a nano run lowers the loss and shows predictions', async ({ page }) => {
  test.setTimeout(900_000); // SwiftShader: a correctness check, ~30 s a step on 2 shared cores
  await openTrain(page, 'webgpu');
  await trainFewSteps(page);
});

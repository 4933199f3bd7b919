// The Data panel end to end, on the built app (npx vite build first): build a small dataset in the
// page (real runs in the dataset worker's Pyodide), see its statistics and a sample, and Cancel.
import type { Page } from '@playwright/test';
import { expect, test } from './offline.ts';


async function openData(page: Page) {
  await page.goto('/#data');
  await expect(page.getByRole('button', { name: 'Build dataset' })).toBeVisible();
}

async function setNumber(page: Page, label: string, value: number) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(String(value));
  await expect(input).toHaveValue(String(value));
}

test('builds a small dataset, shows statistics and browses a sample side by side', async ({ page }) => {
  await openData(page);
  await setNumber(page, 'Samples', 30);
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await expect(page.getByTestId('data-phase')).toHaveAttribute('data-phase', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('data-kept')).toHaveText('30');

  const stats = page.getByRole('region', { name: 'Statistics' });
  await expect(stats.getByRole('table', { name: /Per level/ }).getByRole('row')).toHaveCount(1 + 3); // header + levels 1, 2, 3
  await expect(stats.getByRole('table', { name: /Outcomes/ })).toContainText('kept');
  await expect(stats.getByRole('img', { name: /Trace length \(steps\): histogram of 30 samples/ })).toBeVisible();
  await expect(stats.locator('canvas')).toHaveCount(3);

  const story = page.getByTestId('sample-story');
  await expect(story).toContainText('[ANSWER]\nassert f(');
  await expect(page.getByTestId('sample-code')).toContainText('def f(');
  // Names and calls show as code, not as raw backticks.
  await expect(page.getByTestId('sample-trace').locator('li').first()).toHaveText(/^Call f\(/);
  await expect(page.getByTestId('sample-trace').locator('li').first().locator('code')).toHaveText(/^f\(/);
  await expect(page.getByTestId('sample-trace')).not.toContainText('`');
  const first = await story.textContent();
  await page.getByRole('button', { name: 'Next sample' }).click();
  await expect(story).not.toHaveText(first ?? '');
  await expect(page.getByLabel('Sample number')).toHaveValue('2');

  // The sample opens in the Explorer: a call becomes the generator's stdin script, ready to Run or ask the model.
  await page.getByRole('button', { name: 'Open in Explorer' }).click();
  await expect(page.getByRole('region', { name: 'Explore' })).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('arg0 = eval(input())');
  await expect(page.getByText(/here it runs as a script that reads the arguments from the input box/)).toBeVisible();
});

test('the same config builds the same samples again', async ({ page }) => {
  await openData(page);
  await setNumber(page, 'Samples', 5);
  await setNumber(page, 'Seed', 42);
  const build = async () => {
    await page.getByRole('button', { name: 'Build dataset' }).click();
    await expect(page.getByTestId('data-phase')).toHaveAttribute('data-phase', 'done', { timeout: 90_000 });
    return page.getByTestId('sample-story').textContent();
  };
  const a = await build();
  const b = await build();
  expect(a).toBeTruthy();
  expect(b).toBe(a);
  // The seed is the experiment's one seed, set in the header: another seed, another dataset.
  await expect(page.getByTestId('data-seed')).toContainText('Seed 42');
  await setNumber(page, 'Seed', 43);
  await expect(page.getByTestId('data-seed')).toContainText('Seed 43');
  expect(await build()).not.toBe(a);
});

test('Cancel stops a long build and keeps what was built', async ({ page }) => {
  await openData(page);
  await setNumber(page, 'Samples', 20000);
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await expect(page.getByTestId('data-phase')).toHaveAttribute('data-phase', 'building', { timeout: 90_000 });
  await expect.poll(async () => Number(await page.getByTestId('data-kept').textContent().catch(() => '0')), { timeout: 60_000 }).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('data-phase')).toHaveAttribute('data-phase', 'cancelled', { timeout: 10_000 });
  const kept = Number(await page.getByTestId('data-kept').textContent());
  expect(kept).toBeGreaterThan(20);
  expect(kept).toBeLessThan(20000);
  await expect(page.getByTestId('sample-story')).toContainText('[ANSWER]');
  await expect(page.getByRole('button', { name: 'Build dataset' })).toBeEnabled();
});

test('an out-of-range setting is brought into range, and a sentence says what the range is', async ({ page }) => {
  await openData(page);
  const steps = page.getByLabel('Max steps', { exact: true });
  await steps.fill('10000000');
  await expect(steps).toHaveValue('100000');
  await expect(page.getByTestId('range-note')).toHaveText('Max steps is from 10 to 100,000: 10000000 is out of range, so 100,000 is used.');
  await steps.fill('5000');
  await expect(steps).toHaveValue('5000');
  await expect(page.getByTestId('range-note')).toHaveCount(0);
});

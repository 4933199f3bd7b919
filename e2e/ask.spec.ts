// Ask the model, end to end: the shipped model dry-runs the program in the editor (in its worker, streamed), its
// story is set beside the real run with the first divergence marked, predict mode shows three columns, Stop stops,
// and programs it cannot read are refused in a sentence.
import type { Page } from '@playwright/test';
import { expect, test } from './offline.ts';

async function open(page: Page) {
  await page.goto('/');
  await expect(page.locator('.monaco-editor')).toBeVisible();
}

async function chooseExample(page: Page, id: string) {
  await page.getByRole('combobox', { name: 'Examples' }).selectOption(id);
}

const ask = (page: Page) => page.getByRole('button', { name: 'Ask the model' });
const verdict = (page: Page) => page.getByTestId('model-verdict');

/** Replace the editor's text (one line at a time keeps Monaco's auto-indent out of the way: no `:` lines here). */
async function setFlatCode(page: Page, code: string) {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

test('the model writes its story, which is aligned with the real run and its first divergence marked', async ({ page }) => {
  const weights: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('model.safetensors')) weights.push(r.url());
  });
  await open(page);
  await chooseExample(page, 'model');
  await ask(page).click();
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  // Greedy: one story, aligned step by step with the real run's sentences.
  const rows = page.getByTestId('alignment').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(5);
  await expect(rows.first().locator('td').nth(2)).toHaveText('Line 1: f = <function f>.');
  const sentence = page.getByTestId('model-sentence');
  const diverged = await verdict(page).getAttribute('data-diverged');
  if (diverged) {
    await expect(sentence).toHaveText(new RegExp(`^The model (followed the run for ${Number(diverged) - 1} steps?, then|went wrong at the first step)`));
  } else {
    await expect(sentence).toHaveText(/^The model followed the whole run \(\d+ steps\)\. Its answer, .*, is (right|wrong)/);
  }
  await expect(page.getByTestId('model-answer')).not.toHaveText('');
  await expect(page.getByTestId('ask-speed')).toHaveText(/^Story model wrote \d+ tokens in \d+\.\d s \(\d+ tokens\/s, in this browser\)\.$/);

  // Three samples at a high temperature: they disagree with the run somewhere, and their answers are tallied.
  await page.getByLabel('Samples').fill('3');
  await page.getByLabel('Temperature').fill('2');
  await ask(page).click();
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('votes')).toContainText(/^\d of 3 say |None of the 3 samples/);
  await expect(verdict(page)).toHaveAttribute('data-diverged', /^\d+$/);
  const at = Number(await verdict(page).getAttribute('data-diverged'));
  await expect(rows.nth(at - 1)).toHaveClass('first-divergence');
  await expect(rows.nth(at - 1)).toHaveAttribute('aria-current', 'step');
  // The line where it parted is marked in the code; the jump opens that step of the real run.
  const line = await page.locator('.editor').getAttribute('data-diverge-line');
  if (line) await expect(page.locator('.monaco-editor .dr-line-diverge')).toHaveCount(1);
  await page.getByTestId('goto-divergence').click();
  await expect(page.getByTestId('trace-view')).toBeVisible();
  // The stepper says where the shown story parted.
  await expect(page.getByTestId('model-mark')).toHaveText('Here the model’s story first parts from the real run.');
  await expect(page.getByTestId('step-count')).toHaveText(/^step \d+ of \d+$/);
  // Asked twice, the model's weights were fetched once.
  expect(weights).toHaveLength(1);
});

test('predict mode: the person, the model and the real run in three columns', async ({ page }) => {
  await open(page);
  await chooseExample(page, 'model');
  await page.getByLabel('Predict first').check();
  await page.getByRole('textbox', { name: 'What will it print?' }).fill('7');
  await ask(page).click();
  // The model's answer waits until the run is revealed.
  await expect(page.getByText('The model has answered. Reveal the run')).toBeVisible({ timeout: 90_000 });
  await expect(verdict(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Reveal' })).toBeEnabled({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Reveal' }).click();
  const cols = page.getByTestId('three-columns');
  await expect(cols).toBeVisible();
  // f(3) = 1 + 0 + 2 + 4 = 7: the person is right here; the real column shows the output.
  await expect(page.getByTestId('col-you')).toHaveAttribute('data-right', 'true');
  await expect(page.getByTestId('col-real')).toContainText('7');
  const modelRight = await page.getByTestId('col-model').getAttribute('data-right');
  await expect(page.getByTestId('who-was-right')).toHaveText(modelRight === 'true' ? 'You and the model were both right.'
    : 'You were right and the model was not.');
  await expect(verdict(page)).toBeVisible();
});

test('Stop ends the story mid-way, and a too-long or unseen program is refused with a sentence', async ({ page }) => {
  await open(page);
  await chooseExample(page, 'model');
  await page.getByLabel('Samples').fill('8');
  await ask(page).click();
  await expect(page.getByTestId('model-live')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('ask-model').getByRole('button', { name: 'Stop writing' }).click();
  await expect(verdict(page)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Stopped before the story ended')).toBeVisible();
  await expect(ask(page)).toBeEnabled();

  // Editing the program leaves the answer on screen, marked as about the old code.
  await setFlatCode(page, 'x = 2\nprint(x * 3)\n');
  await expect(page.getByText('The code changed since the model was asked. Ask again to compare.')).toBeVisible();

  await setFlatCode(page, Array.from({ length: 60 }, (_, i) => `x${i} = ${i} * ${i + 1}`).join('\n') + '\nprint(x59)\n');
  await ask(page).click();
  await expect(page.getByTestId('ask-refused')).toHaveText(/^The program is \d+ tokens long, and the model reads at most 384 tokens/);
  await expect(verdict(page)).toHaveCount(0);

  await setFlatCode(page, 'import math\nprint(math.floor(2.5))\n');
  await ask(page).click();
  await expect(page.getByTestId('ask-refused')).toContainText('uses imports, which none of the model');

  // The Train panel's model cannot be asked before that panel has one.
  await page.getByTestId('ask-model').getByRole('combobox').selectOption({ label: 'Your Train panel model' });
  await ask(page).click();
  await expect(page.getByTestId('ask-refused')).toHaveText('Open the Train panel first: it has no model yet.');
});

test('a Train panel prediction opens in the Explorer with its program, and a script with the model’s story aligned', async ({ page }) => {
  test.setTimeout(360_000);
  await page.goto('/#train');
  const preds = page.getByTestId('prediction');
  await expect(preds.first()).toBeVisible({ timeout: 300_000 });
  const scripts = preds.filter({ hasText: '[STDIN]' });
  const script = (await scripts.count()) > 0;
  const row = script ? scripts.first() : preds.first();
  await row.getByRole('button', { name: 'Open in Explorer' }).click();
  await expect(page.getByRole('region', { name: 'Explore' })).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('print(f(');
  if (script) {
    await expect(page.getByText('Opened with the model’s story beside the real run.')).toBeVisible();
    await expect(verdict(page)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('model-sentence')).toHaveText(/^The model (followed|went wrong)/);
  } else {
    await expect(page.getByText(/here it runs as a script that reads the arguments from the input box/)).toBeVisible();
    await ask(page).click();
    await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  }
  // The Train panel's model (here the shipped one it loaded) can be asked from the Explorer too.
  await page.getByTestId('ask-model').getByRole('combobox').selectOption({ label: 'Your Train panel model' });
  await ask(page).click();
  await expect(verdict(page)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('col-model').or(page.getByTestId('model-sentence'))).toHaveText(/The model/);
});

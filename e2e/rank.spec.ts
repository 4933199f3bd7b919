// The Rank section end to end with the shipped model: a malformed bank file is refused with its line; one task of
// the shipped bank is ranked: real cells fill (the page's Python), model cells fill as the model dry-runs each
// candidate (its worker), Stop keeps what finished and Continue goes on, the ranking and the task's figures are
// shown, a cell opens with the model's story beside the real run, then in the Explorer; a shared link keeps the task.
import type { Page } from '@playwright/test';
import { expect, test } from './offline.ts';

const grid = (page: Page) => page.getByTestId('rank-grid');
const cells = (page: Page) => page.getByTestId('rank-cell');

test('ranks one task: model cells beside real ones, the ranking, and a cell beside its real run', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/#rank');
  await expect(page.getByText('The small model does not write code here: it judges code by dry-running it.')).toBeVisible();
  const task = page.getByRole('combobox', { name: 'Task' });
  await expect(task.locator('option')).toHaveCount(47);

  // A bank with a broken line is refused, naming the line; the shipped bank stays.
  await page.getByTestId('bank-file').setInputFiles({ name: 'mine.jsonl', mimeType: 'application/json',
    buffer: Buffer.from('{"task_id": "t", "statement": "s", "entry": "f"}\n') });
  await expect(page.getByTestId('rank-problem')).toContainText('mine.jsonl could not be used: line 1 (task "t"): public_tests is missing');
  await expect(task.locator('option')).toHaveCount(47);

  await task.selectOption('clamp');
  await expect(page.getByTestId('rank-statement')).toContainText('Write clamp(x, lo, hi)');
  const n = await cells(page).count();
  expect(n).toBe(9 * 5);
  await page.getByRole('button', { name: 'Rank the candidates' }).click();

  // Real cells fill first, then the model's, candidate by candidate.
  await expect(cells(page).and(page.locator('[data-real="pass"]')).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('rank-state')).toContainText('dry-running candidate', { timeout: 60_000 });
  await expect(cells(page).and(page.locator('[data-predicted="pass"], [data-predicted="fail"]')).first()).toBeVisible({ timeout: 60_000 });
  // Stop keeps the finished cells; Continue goes on from them.
  await page.getByRole('button', { name: 'Stop' }).first().click();
  await expect(page.getByTestId('rank-state')).toContainText('Stopped. The finished cells are kept', { timeout: 15_000 });
  const kept = await cells(page).and(page.locator('[data-predicted="pass"], [data-predicted="fail"]')).count();
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(n);
  await page.getByRole('button', { name: 'Continue ranking' }).click();
  await expect(grid(page)).toHaveAttribute('data-complete', 'true', { timeout: 120_000 });

  // Every cell has both verdicts; the rows are the ranking, by predicted passes.
  await expect(cells(page).and(page.locator('[data-predicted=""]'))).toHaveCount(0);
  await expect(cells(page).and(page.locator('[data-real=""]'))).toHaveCount(0);
  await expect(page.getByTestId('rank-place')).toHaveText(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  const predicted = (await page.getByTestId('predicted-passes').allTextContents()).map((t) => Number(t.split('/')[0]));
  expect(predicted).toEqual([...predicted].sort((a, b) => b - a));
  await expect(page.getByTestId('hidden-result').first()).toHaveText(/^(right|wrong)$/);
  await expect(page.getByTestId('rank-pick')).toHaveText(/^The model’s pick, \S+, is (right|wrong) on the hidden tests; choosing by the real public runs picks \S+, (right|wrong); a random pick is right \d+ times in 9\.$/);
  await expect(page.getByTestId('rank-figures')).toContainText('rank-score@k');
  // The curve is drawn, the model's line beside the oracle's, over k = 1..9.
  await expect(page.getByTestId('rank-figures').getByRole('img', { name: /^rank-score@k, this task: model [01]\.\d{3}, oracle [01]\.\d{3} at k 9$/ })).toBeVisible();
  await expect(page.getByTestId('rank-figures').locator('canvas')).toHaveCount(1);

  // A cell opens with the model's story beside the real run of that call.
  await cells(page).first().click();
  const detail = page.getByTestId('rank-detail');
  await expect(detail).toContainText(/on clamp\(/);
  await expect(detail.getByTestId('model-verdict')).toBeVisible({ timeout: 30_000 });
  await expect(detail.getByTestId('model-sentence')).not.toHaveText('');
  await expect(detail.getByTestId('detail-real')).not.toHaveText('');
  if (await detail.getByTestId('alignment').count()) {
    await expect(detail.getByTestId('alignment').locator('tbody tr').first().locator('td').nth(2)).toHaveText(/^Call clamp\(/);
  }

  // A shared link carries the task (and samples, temperature, model, seed).
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#rank\/./);

  // The Explorer gets the candidate as a script that prints the call.
  await page.getByTestId('open-explorer').click();
  await expect(page).toHaveURL(/#explore/);
  await expect(page.locator('.monaco-editor')).toContainText('print(clamp(');

  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByRole('combobox', { name: 'Task' })).toHaveValue('clamp');
  await other.close();
});

// A small bank brought from disk, scored whole: per-task progress, then the bank's figures, the rank-score@k curve
// (model beside oracle) and the calibration. Two tasks of two candidates and two public tests: eight model cells.
test('scores a whole bank the person brings: the figures and the curve over every task', async ({ page }) => {
  test.setTimeout(180_000);
  // Each test's expected output is the file's; whether a candidate passes is found by running it.
  const task = (id: string, body: string, wrong: string, f: (n: number) => number, tests: number[], hidden: number) => ({
    task_id: id, statement: `Write ${id}(n).`, entry: id,
    public_tests: tests.map((n) => ({ input: String(n), output: String(f(n)) })), hidden_tests: [{ input: String(hidden), output: String(f(hidden)) }],
    candidates: [
      { id: 'ref', code: `def ${id}(n):\n    return ${body}\n`, kind: 'correct', note: 'the reference' },
      { id: 'bug', code: `def ${id}(n):\n    return ${wrong}\n`, kind: 'bug', note: 'a wrong operator' },
    ],
  });
  const bank = [task('double', 'n * 2', 'n + 2', (n) => n * 2, [3, 5], 7), task('succ', 'n + 1', 'n - 1', (n) => n + 1, [1, 4], 9)];
  await page.goto('/#rank');
  await page.getByTestId('bank-file').setInputFiles({ name: 'two.jsonl', mimeType: 'application/json',
    buffer: Buffer.from(bank.map((t) => JSON.stringify(t)).join('\n') + '\n') });
  await expect(page.getByRole('combobox', { name: 'Task' }).locator('option')).toHaveCount(2);
  const whole = page.getByTestId('rank-bank');
  await expect(whole).toContainText('2 tasks, 8 cells for the model');
  await whole.getByRole('button', { name: 'Score the whole bank' }).click();
  await expect(whole.locator('.run-state')).toContainText(/Task [12] of 2 \((double|succ)\)/, { timeout: 60_000 });
  await expect(whole.getByTestId('bank-summary')).toContainText('Over 2 tasks (4 candidates), the pick is right on the hidden tests', { timeout: 150_000 });
  // The oracle knows the real public runs, so it always picks the right candidate here; a random pick is right half the time.
  await expect(whole.getByTestId('bank-summary')).toContainText('random 50');
  await expect(whole.getByTestId('bank-summary')).toContainText('the oracle (real public runs) 100');
  await expect(whole.getByRole('img', { name: /^rank-score@k, the whole bank: model [01]\.\d{3}, oracle 1\.000 at k 2$/ })).toBeVisible();
  await expect(whole.locator('canvas')).toHaveCount(1);
  await expect(whole.locator('table.rank-curve tbody tr')).toHaveCount(2);
});

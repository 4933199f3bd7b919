// The Repair section end to end with the shipped model, on small settings (2 turns of 2 neighbours, a 2-line task):
// a malformed bank file is refused with its line; the first candidate that really fails a public test is picked;
// the three loops fill (the model's dry run in its worker, real runs and the mutation engine in the page's Python),
// each attempt's feedback shows the expected output beside the predicted or the real one; Stop keeps what finished
// and Continue goes on; every loop's handed-in code gets its hidden-test verdict; a prediction opens beside its real
// run; a shared link keeps the settings. Then the model failing to load: the other two loops still run.
import type { Page } from '@playwright/test';
import { expect, test } from './offline.ts';

const loop = (page: Page, mode: string) => page.getByTestId(`loop-${mode}`);

async function smallSettings(page: Page) {
  await page.getByRole('combobox', { name: 'Task' }).selectOption('clamp');
  await expect(page.getByTestId('repair-statement')).toContainText('Write clamp(x, lo, hi)');
  // Every candidate really runs on its tests; the default is the first that fails a public one.
  await expect(page.getByTestId('repair-check')).toContainText('The first candidate that really fails a public test', { timeout: 90_000 });
  await expect(page.getByTestId('repair-candidate').locator('option:checked')).toHaveText(/^\S+: passes [0-4] of 5 public, fails \d of 5 hidden$/);
  await page.getByRole('spinbutton', { name: 'Turns' }).fill('2');
  await page.getByRole('spinbutton', { name: 'Neighbours per turn' }).fill('2');
}

test('repairs a failing candidate three ways: feedback per test, Stop and Continue, the hidden-test verdicts', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/#repair');
  await expect(page.getByText('The small model does not write code here: it judges code by dry-running it.')).toBeVisible();
  const task = page.getByRole('combobox', { name: 'Task' });
  await expect(task.locator('option')).toHaveCount(47);

  // A bank with a broken line is refused, naming the line; the shipped bank stays.
  await page.getByTestId('repair-bank-file').setInputFiles({ name: 'mine.jsonl', mimeType: 'application/json',
    buffer: Buffer.from('{"task_id": "t", "statement": "s", "entry": "f"}\n') });
  await expect(page.getByTestId('repair-problem')).toContainText('mine.jsonl could not be used: line 1 (task "t"): public_tests is missing');
  await expect(task.locator('option')).toHaveCount(47);

  await smallSettings(page);
  await page.getByRole('button', { name: 'Repair', exact: true }).click();

  // The model judges the starting code, then the neighbours of turn 1: Stop while it does.
  const sim = loop(page, 'simulated');
  await expect(sim.getByTestId('loop-where')).toContainText(/Turn 1 of 2: the model is dry-running neighbour [12] of 2 on 5 public tests/, { timeout: 90_000 });
  await expect(page.getByTestId('repair-state')).toContainText('Simulated feedback: Turn 1 of 2');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('repair-state')).toHaveText('Stopped. What finished is kept: Repair continues from here.', { timeout: 15_000 });
  await expect(sim).toHaveAttribute('data-status', 'stopped');
  await expect(sim.getByTestId('loop-stopped')).toBeVisible();
  const kept = await sim.getByTestId('repair-attempt').count();
  expect(kept).toBeGreaterThanOrEqual(1);
  await expect(loop(page, 'real')).toHaveAttribute('data-status', 'waiting');

  // Continue goes on from there to the end of all three loops.
  await page.getByRole('button', { name: 'Continue repairing' }).click();
  for (const mode of ['simulated', 'real', 'none']) {
    await expect(loop(page, mode).getByTestId('loop-verdict')).toHaveAttribute('data-verdict', /^(fixed|still failing)$/, { timeout: 90_000 });
    await expect(loop(page, mode).getByTestId('loop-reason')).not.toHaveText('');
    // The starting code, then at most two turns, one of them handed in.
    const attempts = await loop(page, mode).getByTestId('repair-attempt').count();
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(3);
    await expect(loop(page, mode).getByTestId('handed-in')).toHaveCount(1);
  }
  await expect(page.getByTestId('repair-summary')).toHaveText(/^The starting code fails the hidden tests; simulated feedback: (fixed|still failing) in \d turns?; real feedback: .+; no feedback: .+\.$/);

  // Feedback per public test: the expected output beside the predicted one, and beside the real one.
  const simStart = sim.getByTestId('repair-attempt').first();
  await expect(simStart.getByTestId('repair-feedback').locator('tbody tr')).toHaveCount(5);
  await expect(simStart.getByTestId('feedback-expected')).toHaveText(['5', '0', '10', '0', '10']);
  await expect(simStart.getByTestId('feedback-got')).toHaveCount(5);
  const realStart = loop(page, 'real').getByTestId('repair-attempt').first();
  await expect(realStart.getByTestId('feedback-expected')).toHaveText(['5', '0', '10', '0', '10']);
  // The starting code really fails a public test, so its real feedback says so.
  await expect(realStart.locator('tbody tr[data-pass="false"]').first()).toBeVisible();
  expect(Number(await realStart.getAttribute('data-passes'))).toBeLessThan(5);
  // Each turn names its one change; the random walk gets no feedback.
  if (await loop(page, 'none').getByTestId('repair-attempt').count() > 1) {
    await expect(loop(page, 'none').getByTestId('repair-attempt').nth(1)).toContainText(/One change: .+ on line \d/);
  }
  await expect(loop(page, 'none').getByTestId('repair-feedback')).toHaveCount(0);

  // A prediction opens with the model's story beside the real run of that call.
  await simStart.getByTestId('feedback-got').first().click();
  const detail = page.getByTestId('rank-detail');
  await expect(detail).toContainText('on clamp(5, 0, 10)');
  await expect(detail.getByTestId('model-verdict')).toBeVisible({ timeout: 30_000 });
  await expect(detail.getByTestId('detail-real')).not.toHaveText('');

  // A shared link carries the task, the turns and the neighbours.
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#repair\/./);
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByRole('combobox', { name: 'Task' })).toHaveValue('clamp');
  await expect(other.getByRole('spinbutton', { name: 'Turns' })).toHaveValue('2');
  await expect(other.getByRole('spinbutton', { name: 'Neighbours per turn' })).toHaveValue('2');
  await other.close();
});

test('simulated feedback from a vote of sampled stories: the setting is said, kept in the link, and the loop runs', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#repair');
  await smallSettings(page);
  await page.getByRole('spinbutton', { name: 'Turns' }).fill('0');
  await expect(page.getByRole('spinbutton', { name: 'Temperature' })).toHaveCount(0);
  await page.getByRole('spinbutton', { name: 'Stories per test' }).fill('2');
  await page.getByRole('spinbutton', { name: 'Temperature' }).fill('0.6');
  await expect(page.getByTestId('repair-voting')).toContainText('2 stories per test at temperature 0.6; the feedback is the answer most of them gave.');
  await page.getByRole('button', { name: 'Repair', exact: true }).click();
  const sim = loop(page, 'simulated');
  await expect(sim.getByTestId('loop-verdict')).toHaveAttribute('data-verdict', /^(fixed|still failing)$/, { timeout: 90_000 });
  // No turns: the starting code is judged (five public tests, each a vote) and handed in.
  await expect(sim.getByTestId('repair-attempt')).toHaveCount(1);
  await expect(sim.getByTestId('feedback-got')).toHaveCount(5);
  await page.getByRole('button', { name: 'Share' }).click();
  const other = await page.context().newPage();
  await other.goto(await page.getByTestId('share-link').inputValue());
  await expect(other.getByRole('spinbutton', { name: 'Stories per test' })).toHaveValue('2');
  await expect(other.getByRole('spinbutton', { name: 'Temperature' })).toHaveValue('0.6');
  await other.close();
});

test('a model that fails to load is said plainly, and the real and random loops still run', async ({ page }) => {
  test.setTimeout(90_000);
  await page.route('**/model.safetensors', (r) => r.fulfill({ status: 404, body: '' }));
  await page.goto('/#repair');
  await smallSettings(page);
  await page.getByRole('button', { name: 'Repair', exact: true }).click();
  await expect(loop(page, 'simulated').getByTestId('loop-error'))
    .toContainText(/^The model could not be loaded \(.*HTTP 404\), so this loop did not run/, { timeout: 60_000 });
  await expect(loop(page, 'real').getByTestId('loop-verdict')).toHaveAttribute('data-verdict', /^(fixed|still failing)$/, { timeout: 60_000 });
  await expect(loop(page, 'none').getByTestId('loop-reason')).toContainText('as many as the real loop took');
  await expect(loop(page, 'none').getByTestId('loop-verdict')).toBeVisible();
});

// npm run screenshots (after npx vite build): pictures of the notebook for the README, taken from the built app so
// they stay current. docs/img/explorer.png: the loop example run and stepped into its loop; docs/img/train.png: the
// the Explorer's Ask the model (docs/img/ask.png); the Train panel with the shipped model loaded (its learning curve, results and predictions).
import { mkdirSync } from 'node:fs';
import { withBuiltApp } from './page-bench.ts';

const OUT = 'docs/img';
mkdirSync(OUT, { recursive: true });

await withBuiltApp(4179, async (browser, base) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}#explore`);
  await page.getByRole('combobox', { name: 'Examples' }).selectOption('loop');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('trace-view').waitFor({ timeout: 120_000 });
  await page.getByTestId('trace-view').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await page.screenshot({ path: `${OUT}/explorer.png` });

  // Ask the model: three sampled stories of the model example, the first aligned with the real run.
  await page.getByRole('combobox', { name: 'Examples' }).selectOption('model');
  const ask = page.getByTestId('ask-model');
  await ask.getByLabel('Samples').fill('3');
  await ask.getByLabel('Temperature').fill('1');
  await ask.getByRole('button', { name: 'Ask the model' }).click();
  await page.getByTestId('model-verdict').waitFor({ timeout: 120_000 });
  await ask.screenshot({ path: `${OUT}/ask.png` });

  await page.goto(`${base}#train`);
  await page.getByTestId('prediction').first().waitFor({ timeout: 300_000 });
  await page.getByRole('region', { name: 'Train' }).screenshot({ path: `${OUT}/train.png` });
  console.log(JSON.stringify({ out: [`${OUT}/explorer.png`, `${OUT}/ask.png`, `${OUT}/train.png`] }));
});

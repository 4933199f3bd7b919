// The Trace Explorer end to end, on the built app (npx vite build first), in headless Chromium.
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './offline.ts';

const editor = (page: Page) => page.locator('.editor');
const stepCount = (page: Page) => page.getByTestId('step-count');

async function open(page: Page, hash = '') {
  await page.goto('/' + hash);
  await expect(page.locator('.monaco-editor')).toBeVisible();
}

/**
 * Replaces the editor's text as typed input. Monaco still auto-indents after a line ending in `:`, so
 * programs given here keep at most one indented line after each such line.
 */
async function setCode(page: Page, code: string) {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  await expect.poll(() => savedCode(page)).toBe(code);
}

/** The explorer persists the person's code; reading it back is the exact editor text. */
function savedCode(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const raw = localStorage.getItem('dryrun.explore.work.v1');
    return raw ? (JSON.parse(raw) as { code: string }).code : undefined;
  });
}

/** The editor's visible text (Monaco renders spaces as U+00A0). */
async function visibleCode(page: Page): Promise<string> {
  const text = await page.locator('.monaco-editor .view-lines').innerText();
  return text.replace(/\u00a0/g, ' ').trim();
}

async function runAndWait(page: Page) {
  const view = page.getByTestId('trace-view');
  const before = (await view.count()) ? await view.getAttribute('data-run') : null;
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('trace-view')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('trace-view')).not.toHaveAttribute('data-run', before ?? '-1', { timeout: 60_000 });
}

/** In predict mode the run stays hidden: it is done when Reveal becomes available. */
async function runHidden(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Reveal' })).toBeEnabled({ timeout: 60_000 });
}

async function chooseExample(page: Page, id: string) {
  await page.getByRole('combobox', { name: 'Examples' }).selectOption(id);
}

function variable(page: Page, name: string) {
  return page.locator('.frame-current').locator(`tr[data-var="${name}"]`);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(name);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('runs a program and steps forward and back through it', async ({ page }, testInfo) => {
  await open(page);
  await chooseExample(page, 'loop');
  await runAndWait(page);
  await expect(page.getByTestId('trace-view')).toHaveAttribute('data-status', 'ok');
  await expect(stepCount(page)).toHaveText(/^step 1 of \d+$/);
  // Line 1 is a comment: the first line about to run is line 2.
  await expect(editor(page)).toHaveAttribute('data-next-line', '2');
  await expect(page.locator('.monaco-editor .dr-line-next')).toHaveCount(1);

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(stepCount(page)).toHaveText(/^step 2 of/);
  await expect(editor(page)).toHaveAttribute('data-next-line', '3');
  await expect(editor(page)).toHaveAttribute('data-prev-line', '2');
  await expect(page.locator('.monaco-editor .dr-line-prev')).toHaveCount(1);
  await expect(variable(page, 'numbers')).toHaveClass(/var-changed/);
  await expect(variable(page, 'numbers').locator('.var-value')).toHaveText('[3, 1, 4, 1, 5]');

  // Clicking line 5's number jumps to its first execution; one step later `total` has become 3.
  await page.locator('.monaco-editor .line-numbers', { hasText: /^5$/ }).click();
  await expect(editor(page)).toHaveAttribute('data-next-line', '5');
  await expect(variable(page, 'total').locator('.var-value')).toHaveText('0');
  // Arrow keys step while focus is outside text fields (here on the Last button).
  await page.getByRole('button', { name: 'Last' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(editor(page)).toHaveAttribute('data-next-line', '4');
  await expect(variable(page, 'total').locator('.var-value')).toHaveText('3');
  await expect(variable(page, 'total')).toHaveClass(/var-changed/);
  await expect(page.getByTestId('describe')).toContainText('total');
  await screenshot(page, testInfo, 'explorer-1280x720-mid-trace.png');

  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(editor(page)).toHaveAttribute('data-next-line', '5');
  await expect(variable(page, 'total').locator('.var-value')).toHaveText('0');

  await page.getByRole('button', { name: 'Last' }).click();
  await expect(page.getByTestId('stdout')).toHaveText('total: 14');
  await page.getByLabel('Go to step').fill('3');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(stepCount(page)).toHaveText(/^step 3 of/);
});

test('the just-ran line is the previous line of the same frame, as in the sentence', async ({ page }) => {
  await open(page);
  await chooseExample(page, 'recursion');
  await runAndWait(page);
  // Step 16: factorial(2) returns from line 5, right after factorial(1) returned from line 4 (a deeper
  // frame): in this frame line 5 ran last, so nothing else is marked as just run.
  await page.getByLabel('Go to step').fill('16');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(stepCount(page)).toHaveText(/^step 16 of/);
  await expect(page.getByTestId('return-value')).toContainText('2');
  await expect(editor(page)).toHaveAttribute('data-next-line', '5');
  await expect(editor(page)).toHaveAttribute('data-prev-line', '');
  await expect(page.locator('.monaco-editor .dr-line-prev')).toHaveCount(0);

  // After `x = f(2)` returns, the sentence is about line 3 and so is the highlight (not line 1, inside f).
  await setCode(page, 'def f(n): return n * 2\nx = f(2)\nprint(x)');
  await runAndWait(page);
  await page.getByRole('button', { name: 'Last' }).click();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(editor(page)).toHaveAttribute('data-next-line', '3');
  await expect(page.getByTestId('describe')).toContainText('Line 2');
  await expect(editor(page)).toHaveAttribute('data-prev-line', '2');
  await expect(page.locator('.monaco-editor .dr-line-prev')).toHaveCount(1);
});

test('shows the explorer at phone width', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page);
  await chooseExample(page, 'recursion');
  await runAndWait(page);
  await page.getByLabel('Go to step').fill('9');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(stepCount(page)).toHaveText(/^step 9 of/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
  await screenshot(page, testInfo, 'explorer-390-mid-trace.png');
});

test('shows the step limit on an endless loop, then runs a working program', async ({ page }) => {
  await open(page);
  await setCode(page, 'n = 0\nwhile True:\n    n += 1');
  await page.getByLabel('Max steps').fill('500');
  await runAndWait(page);
  const banner = page.getByTestId('banner');
  await expect(banner).toHaveAttribute('data-kind', 'step_limit');
  await expect(banner).toContainText('Stopped after 500 steps');
  await expect(banner).toContainText('raise Max steps');
  await expect(stepCount(page)).toHaveText(/of \d+$/);

  await page.getByLabel('Max steps').fill('10000');
  await chooseExample(page, 'off-by-one');
  await runAndWait(page);
  await expect(page.getByTestId('trace-view')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('banner')).toHaveCount(0);
  await page.getByRole('button', { name: 'Last' }).click();
  await expect(page.getByTestId('stdout')).toHaveText('10');
});

test('a number out of range says its limits and keeps the last good value', async ({ page }) => {
  await open(page);
  const steps = page.getByLabel('Max steps');
  const before = await steps.inputValue();
  await steps.fill('100000000');
  const note = page.getByTestId('field-limit');
  await expect(note).toHaveText('100000000 is too large: a whole number from 1 to 1,000,000. The last good value is kept.');
  await expect(steps).toHaveAttribute('aria-invalid', 'true');
  await steps.press('Tab');
  await expect(steps).toHaveValue(before);
  await expect(note).toBeVisible();
  await steps.fill('700');
  await expect(note).toHaveCount(0);
  await steps.press('Tab');
  await expect(steps).toHaveValue('700');
});

test('shows the time limit on a slow program, with its partial trace', async ({ page }) => {
  await open(page);
  await setCode(page, 'import time\nn = 0\nwhile True:\n    time.sleep(0.05); n += 1');
  await page.getByLabel('Time limit (s)').fill('1');
  await runAndWait(page);
  const banner = page.getByTestId('banner');
  await expect(banner).toHaveAttribute('data-kind', 'timeout');
  await expect(banner).toContainText('Stopped after 1 s');
  await expect(banner).toContainText('raise Time limit');
  await page.getByRole('button', { name: 'Last' }).click();
  await expect(variable(page, 'n')).toBeVisible();
});

test('Stop interrupts a long run and the next run works', async ({ page }) => {
  await open(page);
  await setCode(page, 'i = 0\nwhile True:\n    i = i + 1');
  await page.getByLabel('Max steps').fill('1000000');
  await page.getByLabel('Time limit (s)').fill('60');
  // Load Python first so that Stop meets a running program, not a loading one.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Running…', { timeout: 60_000 });
  await page.waitForTimeout(700);
  const stopped = Date.now();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'interrupted', { timeout: 15_000 });
  const latency = `${Date.now() - stopped} ms`;
  test.info().annotations.push({ type: 'stop latency (click to banner)', description: latency });
  console.log('explorer stop latency', latency, 'steps kept:', await page.getByTestId('step-count').count() ? await stepCount(page).innerText() : 0);
  await expect(page.getByTestId('banner')).toContainText('You stopped the run');

  await chooseExample(page, 'loop');
  await runAndWait(page);
  await expect(page.getByTestId('trace-view')).toHaveAttribute('data-status', 'ok');
});

test('shows a syntax error at its line and an exception at its step', async ({ page }) => {
  await open(page);
  await setCode(page, 'x = 1\nprint(x +)');
  await runAndWait(page);
  await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'syntax');
  await expect(page.getByTestId('banner')).toContainText('line 2');
  await expect(editor(page)).toHaveAttribute('data-error-line', '2');

  await chooseExample(page, 'exception');
  await runAndWait(page);
  const banner = page.getByTestId('banner');
  await expect(banner).toHaveAttribute('data-kind', 'exception');
  await expect(banner).toContainText('ZeroDivisionError');
  await banner.getByRole('button', { name: 'Show that step' }).click();
  await expect(page.getByTestId('exception-value')).toContainText('ZeroDivisionError');
  await expect(editor(page)).toHaveAttribute('data-next-line', '3');
  // The frame that raised does not "return None"; at the last step the program stops with the error.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('frame-end')).toHaveText('stops: the exception goes up to its caller');
  await expect(page.getByTestId('return-value')).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(page.getByTestId('frame-end')).toHaveText('the program stops: ZeroDivisionError: division by zero was not caught');
});

test.describe('predict mode', () => {
  test('marks a right prediction', async ({ page }) => {
    await open(page);
    await chooseExample(page, 'off-by-one');
    await page.getByLabel('Predict first').check();
    await page.getByLabel('What will it print?').fill('10\n');
    await runHidden(page);
    // The run stays hidden until Reveal.
    await expect(page.getByTestId('trace-view')).toHaveCount(0);
    await expect(editor(page)).toHaveAttribute('data-next-line', '');
    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-right', 'yes');
    await expect(page.getByTestId('verdict')).toContainText('Right!');
    await expect(page.getByTestId('trace-view')).toBeVisible();
  });

  test('marks a wrong prediction and the step where expectation and reality part', async ({ page }) => {
    await open(page);
    await chooseExample(page, 'off-by-one');
    await page.getByLabel('Predict first').check();
    await page.getByLabel('What will it print?').fill('15');
    // `1.0` for `1`: values are compared by Python in the page's worker, not as text.
    await page.getByLabel(/Values you expect/).fill('total = 0\ntotal = 1.0\ntotal = 3\ntotal = 7');
    await runHidden(page);
    await page.getByRole('button', { name: 'Reveal' }).click();
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-right', 'no');
    await expect(verdict).toContainText('Line 1 of the output is 10; you predicted 15');
    const divergence = page.getByTestId('divergence');
    await expect(divergence).toContainText('total becomes 6, you expected 7');
    await divergence.getByRole('button', { name: 'Show that step' }).click();
    await expect(variable(page, 'total').locator('.var-value')).toHaveText('6');
    await expect(variable(page, 'total')).toHaveClass(/var-changed/);
  });
});

test('a share link restores code, stdin and step in a fresh browser, running only on Run', async ({ page, browser }) => {
  await open(page);
  await chooseExample(page, 'input');
  await runAndWait(page);
  await page.getByLabel('Go to step').fill('6');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(stepCount(page)).toHaveText(/^step 6 of (\d+)$/);
  const total = (await stepCount(page).innerText()).split(' of ')[1];
  const code = await visibleCode(page);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('#explore/');
  expect(link.length).toBeLessThan(600);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('link-note')).toContainText('This code came from a link');
  await expect.poll(() => visibleCode(other)).toBe(code);
  await expect(other.getByLabel('Input (stdin)')).toHaveValue('Ada\n3\n');
  // Nothing ran yet.
  await expect(other.getByTestId('trace-view')).toHaveCount(0);
  await other.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(other.getByTestId('step-count')).toHaveText(`step 6 of ${total}`, { timeout: 60_000 });
  await expect(other.getByTestId('link-note')).toHaveCount(0);
  await fresh.close();
});

test('a link does not silently replace saved work', async ({ page }) => {
  await open(page);
  await setCode(page, 'mine = 1');
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  await setCode(page, 'mine = 2');
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('link-note')).toContainText('Your own code is kept');
  await expect.poll(() => visibleCode(page)).toBe('mine = 1');
  await page.getByTestId('link-note').getByRole('button', { name: 'restore it' }).click();
  await expect.poll(() => visibleCode(page)).toBe('mine = 2');
});

test('two links in a row, one of them run and its limits changed, keep the person\'s own code', async ({ page }) => {
  await open(page);
  const linkFor = async (code: string) => {
    await setCode(page, code);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    return page.getByTestId('share-link').inputValue();
  };
  const first = await linkFor('first = 1');
  const second = await linkFor('second = 2');
  await setCode(page, 'mine = 3');
  await page.goto('about:blank');
  await page.goto(first);
  await expect(page.getByTestId('link-note')).toContainText('Your own code is kept');
  await runAndWait(page);
  await page.getByLabel('Max steps').fill('20000');
  // Running a link's code, or changing its limits, does not make it the person's work...
  await expect(page.getByLabel('Max steps')).toHaveValue('20000');
  expect(await savedCode(page)).toBe('mine = 3');
  await page.goto(second);
  await expect.poll(() => visibleCode(page)).toBe('second = 2');
  // ...so the second link keeps the person's code aside, not the first link's.
  await page.getByTestId('link-note').getByRole('button', { name: 'restore it' }).click();
  await expect.poll(() => visibleCode(page)).toBe('mine = 3');
  await page.reload();
  await expect.poll(() => visibleCode(page)).toBe('mine = 3');
});

test('a broken link shows a clear message and an empty editor', async ({ page }) => {
  await open(page);
  await chooseExample(page, 'recursion');
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  const broken = link.slice(0, link.length - 25); // cut off when copied
  await page.goto('about:blank');
  await page.goto(broken);
  await expect(page.getByTestId('link-error')).toContainText('damaged or incomplete');
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await expect.poll(() => visibleCode(page)).toBe('');
  // The page still works.
  await chooseExample(page, 'loop');
  await runAndWait(page);
  await expect(page.getByTestId('trace-view')).toHaveAttribute('data-status', 'ok');
});

test('no request leaves localhost while using the explorer', async ({ page }) => {
  const seen: string[] = [];
  page.on('request', (r) => seen.push(r.url()));
  await open(page);
  await chooseExample(page, 'input');
  await runAndWait(page);
  await page.getByRole('button', { name: 'Last' }).click();
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('link', { name: 'Data' }).click();
  await page.getByRole('link', { name: 'Explore' }).click();
  // The listener does see the app's own requests, Python's runtime included...
  expect(seen.some((u) => u.includes('/pyodide/'))).toBe(true);
  // ...and none of them (nor any in the other tests: see afterEach) left localhost.
  expect(seen.filter((u) => !/^(https?:\/\/(localhost|127\.0\.0\.1)[:/]|data:|blob:)/.test(u))).toEqual([]);
});

test('sections are addressable in the URL and the header shows Python and compute state', async ({ page }) => {
  await open(page);
  await expect(page.getByTestId('python-status')).toContainText('Python:');
  await expect(page.getByTestId('compute-status')).toContainText('Compute:');
  await page.getByRole('link', { name: 'Data' }).click();
  await expect(page).toHaveURL(/#data$/);
  await expect(page.getByRole('region', { name: 'Data' }).first()).toBeVisible();
  await page.goto('/#train');
  await expect(page.getByRole('link', { name: 'Train' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('link', { name: 'Explore' }).click();
  await expect(page.locator('.monaco-editor')).toBeVisible();
});

test('shows that Python is loading on the first visit, and later runs start at once', async ({ page }) => {
  await page.goto('/');
  // The explorer starts loading Python as soon as it is on screen; the header says so with a progress bar.
  const status = page.getByTestId('python-status');
  await expect(status).toHaveAttribute('data-state', 'loading');
  await expect(status).toContainText('loading');
  await expect(status.getByRole('progressbar', { name: 'Loading Python' })).toBeVisible();
  // Run while it loads: the run state says it is waiting for Python, not that the program is slow.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toContainText('Loading Python');
  await expect(page.getByTestId('trace-view')).toBeVisible({ timeout: 60_000 });
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(status.getByRole('progressbar')).toHaveCount(0);
  await runAndWait(page);
  await expect(page.getByTestId('run-state')).not.toContainText('Loading');
});

test('Ctrl/Cmd+Enter runs, from the editor and from anywhere else', async ({ page }) => {
  await open(page);
  await chooseExample(page, 'loop');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('trace-view')).toHaveAttribute('data-run', '1', { timeout: 60_000 });
  await expect(page.getByTestId('trace-view')).toHaveAttribute('data-status', 'ok');
  await page.getByLabel('Input (stdin)').focus();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('trace-view')).toHaveAttribute('data-run', '2', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('trace-view')).toHaveAttribute('data-run', '3', { timeout: 60_000 });
});

test('steps with the slider, Home and End, and jumps to a line with Alt+J', async ({ page }) => {
  await open(page);
  await chooseExample(page, 'loop');
  await runAndWait(page);
  const total = Number((await stepCount(page).innerText()).split(' of ')[1]);
  const slider = page.getByRole('slider', { name: 'Step' });
  await slider.fill('5');
  await expect(stepCount(page)).toHaveText(`step 5 of ${total}`);
  await expect(slider).toHaveAttribute('aria-valuetext', `step 5 of ${total}`);
  await page.getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('End');
  await expect(stepCount(page)).toHaveText(`step ${total} of ${total}`);
  await page.getByRole('button', { name: 'Previous' }).focus();
  await page.keyboard.press('Home');
  await expect(stepCount(page)).toHaveText(`step 1 of ${total}`);
  // Alt+J on line 5 of the editor: the next time line 5 runs.
  await page.locator('.monaco-editor .view-line').nth(4).click();
  await page.keyboard.press('Alt+J');
  await expect(editor(page)).toHaveAttribute('data-next-line', '5');
  const first = await stepCount(page).innerText();
  await page.locator('.monaco-editor .view-line').nth(4).click();
  await page.keyboard.press('Alt+J');
  await expect(stepCount(page)).not.toHaveText(first);
  await expect(editor(page)).toHaveAttribute('data-next-line', '5');
});

test('shows the return value at the step where it happens', async ({ page }) => {
  await open(page);
  await chooseExample(page, 'recursion');
  await runAndWait(page);
  const goTo = async (n: number) => {
    await page.getByLabel('Go to step').fill(String(n));
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect(stepCount(page)).toHaveText(new RegExp(`^step ${n} of`));
  };
  await goTo(14); // factorial(1) about to run `return 1`
  await expect(page.getByTestId('return-value')).toHaveCount(0);
  await goTo(15); // ...and returns it, in the innermost of four factorial frames
  await expect(page.getByTestId('frame')).toHaveCount(5);
  await expect(page.locator('.frame-current').getByTestId('return-value')).toHaveText('returns 1');
  await goTo(18);
  await expect(page.getByTestId('frame')).toHaveCount(2);
  await expect(page.locator('.frame-current').getByTestId('return-value')).toHaveText('returns 24');
  await expect(page.getByTestId('describe')).toContainText('24');
});

test('every control reached by Tab has an accessible name', async ({ page }) => {
  await open(page);
  await chooseExample(page, 'loop');
  await runAndWait(page);
  await page.getByRole('button', { name: 'Next' }).click();
  // Start at the top: the first focusable element of the page.
  await page.getByRole('link', { name: 'Skip to content' }).focus();
  const names: string[] = [];
  let tabMode = false;
  for (let i = 0; i < 80; i++) {
    if (i > 0) await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    if ((await focused.count()) === 0) break; // past the last control, back on the page itself: the walk is complete
    await expect(focused, `focusable #${i + 1}: ${await focused.evaluate((el) => el.outerHTML.slice(0, 120))}`).toHaveAccessibleName(/\S/);
    const name = await focused.evaluate(
      (el) => el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.innerText.trim() ?? (el as HTMLElement).innerText.trim(),
    );
    if (i > 0 && name === names[0]) break;
    names.push(name);
    // Tab inside Monaco indents; Ctrl+M (announced in its label) makes Tab move focus on.
    if (!tabMode && (await focused.evaluate((el) => !!el.closest('.monaco-editor')))) {
      await page.keyboard.press('Control+M');
      tabMode = true;
    }
  }
  for (const expected of ['Skip to content', 'Explore', 'Seed', 'Share', 'Run', 'Examples', 'Next', 'Last', 'Step', 'Go']) {
    expect(names.some((n) => n.startsWith(expected)), `Tab reaches ${expected} (reached: ${names.join(' | ')})`).toBe(true);
  }
  expect(names.some((n) => n.startsWith('Python code')), 'Tab reaches the editor').toBe(true);
  expect(names.some((n) => n.startsWith('Input (stdin)')), 'Tab leaves the editor (Ctrl+M) and goes on').toBe(true);
});

test.describe('with clipboard access', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
  test('Share copies the link to the clipboard', async ({ page }) => {
    await open(page);
    await chooseExample(page, 'aliasing');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const box = page.getByRole('dialog', { name: 'Link to this experiment' });
    await expect(box).toContainText('Link copied.');
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toContain('#explore/');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  });
});

test('follows a dark system theme, the editor included', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page);
  const luminance = (selector: string) =>
    page.locator(selector).first().evaluate((el) => {
      const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\d+(\.\d+)?/g)!.map(Number);
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    });
  const bodyColour = () => page.evaluate(() => getComputedStyle(document.body).color);
  await expect(page.locator('.monaco-editor')).toHaveClass(/vs-dark/);
  expect(await luminance('body')).toBeLessThan(0.2);
  expect(await luminance('.monaco-editor .monaco-editor-background')).toBeLessThan(0.2);
  expect(await luminance('.app-header')).toBeLessThan(0.2);
  const darkText = await bodyColour();
  // Switching the system theme switches the page and the editor without a reload.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('.monaco-editor')).not.toHaveClass(/vs-dark/);
  await expect.poll(() => luminance('.monaco-editor .monaco-editor-background')).toBeGreaterThan(0.8);
  expect(await luminance('body')).toBeGreaterThan(0.8);
  expect(await bodyColour()).not.toBe(darkText);
});

test('the seed is in the header and in the link', async ({ page, browser }) => {
  await open(page);
  const seed = page.getByLabel('Seed', { exact: true });
  await expect(seed).toHaveValue('1');
  await seed.fill('4242');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByTestId('share-link').inputValue();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByLabel('Seed', { exact: true })).toHaveValue('4242');
  // A number out of range is shown as invalid and never reaches the state.
  await other.getByLabel('Seed', { exact: true }).fill('-5');
  await expect(other.getByLabel('Seed', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(other.getByTestId('field-limit')).toContainText('-5 is too small: a whole number from 0 to');
  await other.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(other.getByLabel('Seed', { exact: true })).toHaveValue('4242');
  await fresh.close();
});

test('measures cold start (page load to first trace) and a warm run', async ({ browser }, testInfo) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto('/');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('trace-view')).toBeVisible({ timeout: 60_000 });
  const cold = Date.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t1 = Date.now();
    await runAndWait(page);
    warm.push(Date.now() - t1);
  }
  const figures = { coldStartMs: cold, warmRunMs: warm };
  console.log('explorer timings', JSON.stringify(figures));
  await testInfo.attach('timings.json', { body: JSON.stringify(figures, null, 2), contentType: 'application/json' });
  await context.close();
});

test('a program that changes Python itself is flagged, and the next run is clean', async ({ page }) => {
  await open(page);
  await setCode(page, "import json\njson.dumps = lambda *a, **k: '{}'\nprint('real')");
  await runAndWait(page);
  await expect(page.getByTestId('runtime-changed')).toContainText('json.dumps');
  await page.getByRole('button', { name: 'Last' }).click();
  await expect(page.getByTestId('stdout')).toContainText('real');
  await setCode(page, "import json\nprint(json.dumps([1]))");
  await runAndWait(page);
  await expect(page.getByTestId('runtime-changed')).toHaveCount(0);
  await page.getByRole('button', { name: 'Last' }).click();
  await expect(page.getByTestId('stdout')).toContainText('[1]');
});

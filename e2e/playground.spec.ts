/// <reference lib="dom" />
import { expect, expectParam, framesUntil, recoveredTex, shot, test, waitForDone, watchErrors } from './helpers';

test('the default page fits Lorenz and shows equations and plots, with no console error', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await waitForDone(page);
  await expect(page.getByTestId('system-select')).toHaveValue('lorenz');
  await expect(page.getByTestId('equations-true').locator('.katex').first()).toBeVisible();
  await expect(page.getByTestId('equations-recovered').locator('.katex')).toHaveCount(3);
  // Lorenz is recovered exactly from clean data: the summary says so.
  await expect(page.getByTestId('fit-summary')).toContainText('exact support recovered');
  const tex = await recoveredTex(page);
  expect(tex).toMatch(/x\s*z/);
  await expect(page.getByTestId('trajectory-plot').locator('.main-svg').first()).toBeVisible();
  await shot(page, 'default-lorenz', true);
  await expect(page.getByTestId('pareto-plot').locator('.main-svg').first()).toBeAttached();
  await expect(page.getByTestId('coefficient-plot').locator('.main-svg').first()).toBeAttached();
  await expect(page.getByTestId('phase-plot').locator('.main-svg').first()).toBeAttached();
  expect(errors).toEqual([]);
});

test('moving the threshold refits and the equations follow', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const first = await waitForDone(page);
  const before = await recoveredTex(page);
  // The slider is log10(threshold): 0.7 → threshold 5 prunes the −1 and −8/3 terms of Lorenz.
  await page.getByTestId('threshold').fill('0.7');
  const second = await waitForDone(page, first);
  expect(second).toBeGreaterThan(first);
  // The hot refit as timed inside the worker (optimizer on the cached regression layer).
  const status = (await page.getByTestId('fit-status').textContent()) ?? '';
  test.info().annotations.push({ type: 'refit in the worker', description: /optimizer ([\d.]+ ms)/.exec(status)?.[1] ?? status });
  // Data, derivatives and Θ were served from the worker's cache.
  await expect(page.getByTestId('layers-status').locator('li.cached')).toHaveCount(3);
  const after = await recoveredTex(page);
  expect(after).not.toEqual(before);
  expect(after).toContain('\\cancel{x z}');
  await expect(page.getByTestId('fit-summary')).toContainText('missing');
  await expectParam(page, 'thr', '5.01');
  await shot(page, 'threshold-5');
  expect(errors).toEqual([]);
});

test('Stop cancels a long run at once, and the next run works', async ({ page }) => {
  // 195,001 samples, degree 5 and Fourier terms, total-variation derivatives: many seconds of work.
  await page.goto('/?v=1&sys=lorenz&T=390&dt=0.002&deg=5&fourier=3&deriv=tv&tvi=200&tva=0.01');
  const status = page.getByTestId('fit-status');
  await expect(status).toContainText('running');
  await page.waitForTimeout(300);
  // Terminating the worker is immediate: 'stopped' shows with the click, in the frame it is
  // painted or the next, not after the run (many seconds of work) or a reply from the worker.
  expect(await framesUntil(page, page.getByTestId('stop-fit'), 'fit-status', 'stopped')).toBeLessThanOrEqual(1);
  await expect(status).toContainText('stopped');
  await expect(page.getByTestId('stop-fit')).toBeDisabled();
  // The page is responsive and a new (small) run completes on the fresh worker.
  const run = Number(await status.getAttribute('data-run'));
  await page.getByTestId('system-select').selectOption('lotka_volterra');
  await waitForDone(page, run);
  await shot(page, 'after-stop');
});

test('phone and projector layouts', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await waitForDone(page);
  await shot(page, 'phone-390', true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.getByRole('button', { name: 'Projector' }).click();
  await expect(page.locator('html')).toHaveClass(/projector/);
  await shot(page, 'projector', true);
});

test('a keyboard drag of the threshold keeps up, and a click on the Pareto plot sets the threshold', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  let run = await waitForDone(page);
  const slider = page.getByTestId('threshold');
  await slider.focus();
  for (let k = 0; k < 15; k++) await page.keyboard.press('ArrowRight');
  run = await waitForDone(page, run);
  // The URL follows (throttled replaceState) and ends on the value the slider shows.
  const shown = await page.getByTestId('threshold-value').textContent();
  await expectParam(page, 'thr', shown);
  // Pareto: click the sweep point with the fewest terms (largest threshold).
  const pareto = page.getByTestId('pareto-plot');
  await pareto.scrollIntoViewIfNeeded();
  const points = pareto.locator('.scatterlayer .trace').first().locator('.point');
  await expect(points.first()).toBeAttached();
  await points.first().click({ force: true });
  await waitForDone(page, run);
  await expect.poll(() => new URL(page.url()).searchParams.get('thr')).not.toBe(shown);
  expect(errors).toEqual([]);
});

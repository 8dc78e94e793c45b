/// <reference lib="dom" />
import { expect, expectParam, recoveredTex, shot, test, waitForDone, watchErrors } from './helpers';

test('at 10 % noise the weak form recovers Lorenz where finite differences add a term', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz&noise=10&seed=1&thr=0.5');
  await waitForDone(page);
  await expect(page.getByTestId('fit-summary')).toContainText('extra');
  const run = Number(await page.getByTestId('fit-status').getAttribute('data-run'));
  await page.getByTestId('formulation').selectOption('weak');
  await waitForDone(page, run);
  await expect(page.getByTestId('fit-summary')).toContainText('exact support recovered');
  expect(await recoveredTex(page)).toMatch(/x\s*z/);
  // The automatic support width is reported next to the control.
  await expect(page.getByText(/automatic: \d+ samples wide/)).toBeVisible();
  await expectParam(page, 'form', 'weak');
  await shot(page, 'weak-form-10pct', true);
  // MSTLS chooses the relative threshold of each equation itself and says which.
  const weakRun = Number(await page.getByTestId('fit-status').getAttribute('data-run'));
  await page.getByTestId('optimizer').selectOption('mstls');
  await waitForDone(page, weakRun);
  await expect(page.getByTestId('mstls-used')).toContainText(/λ chosen: dx\/dt [\d.e-]+ · dy\/dt [\d.e-]+ · dz\/dt [\d.e-]+/);
  await expect(page.getByTestId('fit-summary')).toContainText('exact support recovered');
  await expect(page.getByTestId('pareto-plot')).toBeAttached();
  await expectParam(page, 'opt', 'mstls');
  expect(errors).toEqual([]);
});

test('an ensemble shows inclusion probabilities on the heatmap and bagged coefficients with intervals', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz&noise=2&seed=1&thr=0.5');
  const run = await waitForDone(page);
  await page.getByTestId('ensemble').check();
  await waitForDone(page, run);
  await expect(page.getByTestId('coefficient-plot')).toBeAttached();
  await page.getByTestId('coefficient-plot').scrollIntoViewIfNeeded();
  // Each kept cell prints its inclusion probability under its value.
  await expect(page.getByTestId('coefficient-plot').locator('text').filter({ hasText: '100%' }).first()).toBeAttached();
  await page.getByTestId('ensemble-plot').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('ensemble-plot').locator('.main-svg').first()).toBeVisible();
  // Error bars: one per plotted term.
  await expect(page.getByTestId('ensemble-plot').locator('g.errorbar').first()).toBeAttached();
  await expectParam(page, 'ens', '20');
  await shot(page, 'ensemble', true);
  expect(errors).toEqual([]);
});

test('links that start with each optimizer, formulation and ensemble open, fit and render without an error', async ({ page }) => {
  const errors = watchErrors(page);
  // Each starts cold (no earlier fit in the page): controls must render before any result exists.
  for (const q of ['opt=mstls&form=weak&noise=5&ens=10', 'opt=mstls', 'opt=lasso&alpha=0.5', 'opt=sr3&reg=l1', 'form=weak&gls=1&noise=3', 'ens=10&enslib=1']) {
    await page.goto(`/?v=2&sys=lorenz&${q}`);
    await waitForDone(page);
    await expect(page.getByTestId('equations-recovered').locator('.katex')).toHaveCount(3);
    expect(errors, q).toEqual([]);
  }
});

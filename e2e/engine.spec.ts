import { expect, test, waitForDone, watchErrors } from './helpers';

// E-SINDy with 500 bagged models on 100,000 samples × 35 terms: most of a minute of work, done a
// few models per step, so the worker sees newer requests and Stop between steps.
const LONG = '/?v=2&sys=lorenz&T=200&dt=0.002&deg=4&ens=500';

test('a new setting during a long fit shows the new result without waiting for the old one', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(LONG);
  const status = page.getByTestId('fit-status');
  await expect(status).toContainText(/model \d+ of 500/);
  const run = Number(await status.getAttribute('data-run'));
  await page.getByTestId('system-select').selectOption('lotka_volterra');
  // The old run would need minutes: the new result is there long before.
  await waitForDone(page, run, 30_000);
  await expect(page.getByTestId('equations-recovered')).toBeVisible();
  expect(errors).toEqual([]);
});

test('Stop finishes a long ensemble with the best model so far, and its caches serve the next fit', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(LONG);
  const status = page.getByTestId('fit-status');
  await expect(status).toContainText(/model \d+ of 500/);
  await page.getByTestId('stop-fit').click();
  await expect(status).toContainText('stopped', { timeout: 2000 });
  // The bagged models fitted so far make a model, marked as stopped.
  await expect(page.getByText(/Stopped after \d+ of 500 models/).first()).toBeVisible();
  await expect(page.getByTestId('equations-recovered').locator('.katex').first()).toBeVisible();
  // Θ was kept: a smaller ensemble on the same data reuses it (its chip says cached).
  const run = Number(await status.getAttribute('data-run'));
  const models = page.getByTestId('ensemble-models');
  await models.fill('4');
  await models.press('Enter');
  await waitForDone(page, run, 60_000);
  await expect(page.getByTestId('layers-status').locator('li[title="theta: cached"]')).toHaveCount(1);
  await expect(page.getByTestId('layers-status').locator('li[title="data: cached"]')).toHaveCount(1);
  expect(errors).toEqual([]);
});

/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { waitForDone, watchErrors } from './helpers';

test('1: a 2-state → 3-state switch keeps every panel drawn (no stale derivatives)', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=linear_oscillator');
  let run = await waitForDone(page);
  const deriv = page.getByTestId('derivative-plot');
  await deriv.scrollIntoViewIfNeeded();
  await expect(deriv.locator('.main-svg').first()).toBeVisible();
  for (const sys of ['lorenz', 'duffing', 'rossler']) {
    await page.getByTestId('system-select').selectOption(sys);
    run = await waitForDone(page, run);
    await expect(page.getByText('failed to render')).toHaveCount(0);
    await deriv.scrollIntoViewIfNeeded();
    await expect(deriv.locator('.main-svg').first()).toBeVisible();
  }
  expect(errors).toEqual([]);
});

test('3: a bad custom term in a link falls back with a note; a link waiting for its file says so', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz&term=alert(1)&term=sin(x)');
  await waitForDone(page);
  const msg = page.getByTestId('message');
  await expect(msg).toContainText('Ignored a custom term');
  await expect(msg).toContainText('alert');
  await expect(page.getByTestId('equations-recovered').locator('.katex')).toHaveCount(3);
  // The good term stays, the bad one leaves the link.
  await expect.poll(() => new URL(page.url()).searchParams.getAll('term')).toEqual(['sin(x)']);
  expect(errors).toEqual([]);

  await page.goto('/?v=2&src=upload&file=oscillator.csv&time=t&states=x,y');
  const recovered = page.getByTestId('equations-recovered');
  await expect(recovered).toContainText("Waiting for the file 'oscillator.csv'");
  await expect(recovered).toContainText('Upload CSV');
  await expect(recovered).not.toContainText('Fitting…');
});

test('13: after Stop the equations shown are marked stale', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?v=2&sys=lorenz');
  await waitForDone(page);
  await expect(page.getByTestId('stale-note')).toHaveCount(0);
  // 195,000 samples with total-variation derivatives: seconds of work, time to press Stop.
  await page.getByLabel('span T').fill('390');
  await page.getByTestId('deriv-method').selectOption('tv');
  await expect(page.getByTestId('fit-status')).toContainText('running');
  await page.getByTestId('stop-fit').click();
  await expect(page.getByTestId('fit-status')).toContainText('stopped');
  await expect(page.getByTestId('stale-note')).toContainText('Stale');
  await expect(page.getByTestId('equations-recovered').locator('.katex')).toHaveCount(3);
});

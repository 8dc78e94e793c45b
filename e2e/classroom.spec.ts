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

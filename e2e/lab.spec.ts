/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { expect, expectParam, framesUntil, shot, test, waitForDone, watchErrors } from './helpers';

async function waitForLab(page: Page, text: string, timeout = 120_000): Promise<void> {
  await expect(page.getByTestId('lab-status')).toContainText(text, { timeout });
}

async function labTable(page: Page): Promise<string[]> {
  await page.getByText('Table of the sweep').click();
  return page.getByTestId('lab-table').locator('tbody tr').allInnerTexts();
}

test('the noise lab runs a sweep in its worker, plots it, and a link reproduces it', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz&thr=0.5');
  await waitForDone(page);
  await page.getByTestId('view-lab').click();
  await expect(page.getByTestId('lab-status')).toContainText('Not run yet');
  await page.getByTestId('lab-levels').fill('0, 10');
  await page.getByTestId('lab-method-savgol').uncheck();
  await page.getByTestId('lab-method-ensemble').uncheck();
  await page.getByTestId('lab-seeds').fill('2');
  await page.getByTestId('lab-run').click();
  await waitForLab(page, 'done · 8 fits');
  await expect(page.getByTestId('lab-success-plot').locator('.main-svg').first()).toBeVisible();
  await expect(page.getByTestId('lab-error-plot').locator('.main-svg').first()).toBeAttached();
  // Both curves are drawn, and the legend names them.
  await expect(page.getByTestId('lab-success-plot').locator('.legendtext')).toHaveText(['Finite differences', 'Weak form']);
  const rows = await labTable(page);
  expect(rows).toHaveLength(2);
  // Clean Lorenz data: finite differences recover the exact equations for both seeds.
  expect(rows[0]).toMatch(/^Finite differences\s+2\/2 exact/);
  expect(rows[1]).toMatch(/^Weak form\s+2\/2 exact/);
  await shot(page, 'noise-lab', true);

  // The grid is in the URL; the link opens the lab and runs the same sweep.
  await expectParam(page, 'lab.noise', '0,10');
  await expectParam(page, 'view', 'lab');
  await expectParam(page, 'lab.methods', 'fd,weak');
  const url = page.url();
  const other = await context.newPage();
  const otherErrors = watchErrors(other);
  await other.goto(url);
  await waitForLab(other, 'done · 8 fits');
  expect(await labTable(other)).toEqual(rows);
  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});

test('Stop ends a long sweep at once and keeps the finished levels; the fit view still works', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz&thr=0.5&view=lab&lab.noise=0,1,2,5,10,20,30,40&lab.methods=fd,savgol,tv,weak,ensemble&lab.seeds=20');
  // A lab link starts its sweep by itself.
  await waitForLab(page, 'running');
  await expect(page.getByTestId('lab-status')).toContainText(/running · [1-9]\d* of 800 fits/);
  // The sweep's worker is terminated with the click: the status says so in the frame it is
  // painted or the next, not after the sweep (hundreds of fits) or a reply from the worker.
  expect(await framesUntil(page, page.getByTestId('lab-stop'), 'lab-status', 'stopped after')).toBeLessThanOrEqual(1);
  await waitForLab(page, 'stopped after');
  await expect(page.getByTestId('lab-stop')).toBeDisabled();
  // The fit worker is separate: the playground still fits.
  await page.getByTestId('view-fit').click();
  await waitForDone(page);
  await expect(page.getByTestId('equations-recovered').locator('.katex')).toHaveCount(3);
  expect(errors).toEqual([]);
});

test('the noise lab says what is wrong instead of running: bad levels, no method', async ({ page }) => {
  await page.goto('/?v=2&view=lab&lab.noise=5&lab.methods=fd&lab.seeds=1');
  await waitForLab(page, 'done · 1 fits');
  await page.getByTestId('lab-levels').fill('5, abc');
  await expect(page.getByText("'abc' is not a level")).toBeVisible();
  await page.getByTestId('lab-method-fd').uncheck();
  await expect(page.getByText('Tick at least one method.')).toBeVisible();
  await expect(page.getByTestId('lab-run')).toBeDisabled();
});

test('the lab on a phone: no horizontal overflow; tabs work from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?v=2&sys=van_der_pol&view=lab&lab.noise=0,5,10&lab.methods=fd,savgol,weak&lab.seeds=2');
  await waitForLab(page, 'done · 18 fits');
  // Plots draw when scrolled near: the full-page shot scrolls through them all first.
  await shot(page, 'lab-phone-390', true);
  await expect(page.getByTestId('lab-success-plot').locator('.main-svg').first()).toBeAttached();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  // Arrow keys move between the Fit and Noise lab tabs (ARIA tabs pattern).
  await page.getByTestId('view-lab').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('view-fit')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('view-fit')).toBeFocused();
  await expect(page.getByTestId('equations-recovered')).toBeVisible();
});

/// <reference lib="dom" />
import { expect, shot, test, waitForDone, watchErrors } from './helpers';

/** Keyboard stops inside each drawn plot: elements that Tab can reach. */
function tabStopsPerPlot(): Record<string, number> {
  const out: Record<string, number> = {};
  document.querySelectorAll<HTMLElement>('.plot').forEach((plot, k) => {
    const stops = Array.from(plot.querySelectorAll<HTMLElement>('*'))
      .filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0);
    out[plot.dataset.testid ?? `plot ${k}`] = stops.length;
  });
  return out;
}

test('a plot offers PNG and SVG downloads and no button that sends the chart away', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await waitForDone(page);
  const plot = page.getByTestId('trajectory-plot');
  await expect(plot.locator('.main-svg').first()).toBeVisible();
  const titles = await plot.locator('.modebar-btn').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-title') ?? ''));
  expect(titles.length).toBeGreaterThan(0);
  for (const t of titles) expect(t, 'a modebar button that leaves the page').not.toMatch(/share|cloud|chart studio|edit/i);

  // Both downloads are made in the page (data:/blob: URLs: the fixture fails any other request).
  for (const format of ['png', 'svg'] as const) {
    const k = titles.findIndex((t) => t.toLowerCase().includes(format));
    expect(k, `a ${format} download among the buttons ${titles.join(', ')}`).toBeGreaterThanOrEqual(0);
    await plot.hover();
    const download = page.waitForEvent('download');
    await plot.locator('.modebar-btn').nth(k).click();
    expect((await download).suggestedFilename(), `${format} download`).toMatch(new RegExp(`\\.${format}$`));
  }
  expect(errors).toEqual([]);
});

test('a plot is at most one tab stop, on every plot of the page', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await waitForDone(page);
  // Scroll every plot in, so that all are drawn, then count the keyboard stops inside each.
  await shot(page, 'plots-modebar', true);
  const stops = await page.evaluate(tabStopsPerPlot);
  expect(Object.keys(stops).length).toBeGreaterThanOrEqual(4);
  for (const [id, n] of Object.entries(stops)) expect(n, `tab stops in ${id}`).toBeLessThanOrEqual(1);
  expect(errors).toEqual([]);
});

test('the modebar is one toolbar stop: arrow keys move inside it, Tab leaves the plot', async ({ page }) => {
  await page.goto('/');
  await waitForDone(page);
  const plot = page.getByTestId('trajectory-plot');
  await expect(plot.locator('.main-svg').first()).toBeVisible();
  const buttons = plot.locator('.modebar-btn');
  const first = plot.locator('.modebar-btn[tabindex="0"]');
  await expect(first).toHaveCount(1);
  await first.focus();
  // Focused, the toolbar shows itself (it is otherwise shown on hover only).
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.activeElement!.closest('.modebar-group')!).opacity)).toBe('1');
  const titleOfFocused = () => page.evaluate(() => document.activeElement?.getAttribute('data-title') ?? null);
  const start = await titleOfFocused();
  await page.keyboard.press('ArrowRight');
  const next = await titleOfFocused();
  expect(next).not.toBeNull();
  expect(next).not.toBe(start);
  await page.keyboard.press('End');
  expect(await titleOfFocused()).toBe(await buttons.last().getAttribute('data-title'));
  await page.keyboard.press('Home');
  expect(await titleOfFocused()).toBe(await buttons.first().getAttribute('data-title'));
  await page.keyboard.press('Tab');
  expect(await plot.evaluate((p) => p.contains(document.activeElement))).toBe(false);
});

test('the origin guard sees a request that leaves the page', async ({ page, offOrigin }) => {
  await page.goto('/');
  // A loopback address on another port is another origin (nothing listens there).
  await page.evaluate(() => fetch('http://127.0.0.1:65531/probe').catch(() => null));
  await expect.poll(() => offOrigin.length).toBe(1);
  expect(offOrigin[0]).toBe('http://127.0.0.1:65531/probe');
  offOrigin.length = 0;
});

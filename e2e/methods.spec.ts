/**
 * The method choice and the generic method panel, with symbolic regression on ẏ (the `gp`
 * method, whose controls are generated from its declared fields): choosing it writes
 * method=gp; its Pareto front streams while it runs; a click on a front point shows that
 * formula and writes pick=…; Stop keeps the best formulas so far; a link reopens the settings.
 */
import type { Page } from '@playwright/test';
import { expect, expectParam, recoveredTex, shot, test, waitForDone, watchErrors } from './helpers';

/** The front figure's traces as Plotly holds them (name, x, y, customdata), or null before it is drawn. */
async function frontTraces(page: Page): Promise<{ name: string; x: number[]; y: number[]; customdata?: [number, number][] }[] | null> {
  return page.evaluate(() => {
    const gd = document.querySelector('[data-testid="front-plot"] .js-plotly-plot') as unknown as { data?: { name: string; x: number[]; y: number[]; customdata?: [number, number][] }[] } | null;
    return gd?.data ? JSON.parse(JSON.stringify(gd.data)) as never : null;
  });
}

/** Fills a generated number control and leaves it (the value is applied as soon as it is valid). */
async function setNumber(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.fill(value);
  await input.blur();
}

test('symbolic regression on ẏ for Lorenz: method=gp in the link, a live front, a click picks a formula', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.goto('/');
  await waitForDone(page);
  const sindyTex = await recoveredTex(page);

  await page.getByTestId('method').selectOption('gp');
  await expectParam(page, 'method', 'gp');
  await expect(page.getByTestId('method-description')).toContainText('genetic-programming search');
  // The library and the sparse regression are not the search's: their panels say so.
  await expect(page.getByTestId('sec-lib-unused')).toContainText('Not used by Symbolic regression on ẏ');
  await expect(page.getByTestId('sec-opt-unused')).toBeVisible();
  await expect(page.getByTestId('deriv-method')).toBeVisible();

  // Fewer iterations and populations through the generated controls (populations under "More settings").
  await setNumber(page, 'm-iterations', '2');
  await expectParam(page, 'm.iterations', '2');
  await page.getByTestId('m-more').locator('summary').click();
  await setNumber(page, 'm-populations', '2');
  await expectParam(page, 'm.populations', '2');
  // An invalid operators text is explained where it is typed, and not applied.
  await page.getByTestId('m-operators').fill('+,-,*,/,tan');
  await expect(page.getByTestId('m-operators-error')).toContainText("Unknown operator 'tan'");
  await page.getByTestId('m-operators').fill('+,-,*,/');
  await expect(page.getByTestId('m-operators-error')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('m.operators')).toBeNull();

  // The plots draw when they come near the viewport: bring the front's card there.
  const front = page.getByTestId('front-plot');
  await page.getByTestId('front-card').scrollIntoViewIfNeeded({ timeout: 120_000 });
  await expect(front.locator('.main-svg').first()).toBeAttached({ timeout: 120_000 });
  await waitForDone(page, -1, 240_000);
  await expect(page.getByTestId('front-card')).toContainText('click one to show it');
  const chosenTex = await recoveredTex(page);
  expect(chosenTex).not.toBe(sindyTex);
  // The true equations stand beside the formulas, with their numbers.
  await expect(page.getByTestId('equations-true').locator('annotation').first()).toContainText('10');

  // Click a point of dx/dt's front that is not the formula shown.
  const picker = page.getByTestId('front-pick-0');
  const shownC = Number(await picker.inputValue());
  const traces = (await frontTraces(page))!;
  const first = traces[0]!;
  const k = first.customdata!.findIndex(([, c]) => c !== shownC);
  const target = first.customdata![k]![1];
  const point = front.locator('.scatterlayer .trace').first().locator('.point').nth(k);
  await point.scrollIntoViewIfNeeded();
  const box = (await point.boundingBox())!;
  const run = Number(await page.getByTestId('fit-status').getAttribute('data-run'));
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expectParam(page, 'pick', `${target},0,0`);
  await waitForDone(page, run);
  await expect.poll(() => recoveredTex(page)).not.toBe(chosenTex);
  await expect(picker).toHaveValue(String(target));
  await expect(page.getByTestId('picked-note')).toContainText(`complexity ${target}`);
  await shot(page, 'methods-gp-picked', true);

  // Back to the method's choice.
  await page.getByTestId('picked-reset').click();
  await expectParam(page, 'pick', null);
  await expect.poll(() => recoveredTex(page)).toBe(chosenTex);
  expect(errors).toEqual([]);
});

test('Stop during a long search keeps the best formulas so far; progress says how far and how long', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.goto('/?sys=lorenz&method=gp&m.iterations=60&m.populations=2');
  const status = page.getByTestId('fit-status');
  await expect(status).toContainText('running');
  await page.getByTestId('front-card').scrollIntoViewIfNeeded({ timeout: 120_000 });
  await expect(page.getByTestId('front-plot').locator('.main-svg').first()).toBeAttached({ timeout: 120_000 });
  // The front updates while the search runs.
  const before = JSON.stringify(await frontTraces(page));
  await expect.poll(async () => JSON.stringify(await frontTraces(page)), { timeout: 120_000 }).not.toBe(before);
  await expect(page.getByTestId('fit-progress')).toContainText(/symbolic search( on \d+ workers)? \(\d+ %\)/, { timeout: 60_000 });
  await expect(page.getByTestId('fit-progress')).toContainText(/about \d+ (s|min) left/, { timeout: 120_000 });
  await expect(page.getByTestId('method-progress')).toBeVisible();
  await expect(status).toContainText('running');

  await page.getByTestId('stop-fit').click();
  await expect(status).toContainText('stopped');
  await expect(page.getByTestId('stopped-note')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('stale-note')).toHaveCount(0);
  await expect(page.getByTestId('equations-recovered').locator('.katex')).toHaveCount(3);
  await expect(page.getByText(/Stopped after \d+ steps?: this is the best model so far/).first()).toBeVisible();
  // The best formulas so far are simulated, and their fronts can be picked from.
  await expect(page.getByTestId('front-pick-0')).toBeVisible();
  await expect(page.getByTestId('run-again')).toBeVisible();
  await shot(page, 'methods-gp-stopped');
  expect(errors).toEqual([]);
});

test('a link with method=gp&m.maxsize=… reopens with the same settings (desktop, phone, projector)', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  const link = '/?sys=lorenz&method=gp&m.maxsize=12&m.iterations=2&m.populations=2&m.seed=4';
  await page.goto(link);
  await expect(page.getByTestId('method')).toHaveValue('gp');
  await expect(page.getByTestId('m-maxsize')).toHaveValue('12');
  await expect(page.getByTestId('m-iterations')).toHaveValue('2');
  await page.getByTestId('m-more').locator('summary').click();
  await expect(page.getByTestId('m-seed')).toHaveValue('4');
  await expectParam(page, 'm.maxsize', '12');
  await expectParam(page, 'm.seed', '4');
  await waitForDone(page, -1, 240_000);
  await expect(page.getByTestId('equations-recovered').locator('.katex')).toHaveCount(3);
  await shot(page, 'methods-gp-desktop', true);

  // A bad value: a note naming the setting and its range; the default stays.
  await page.goto('/?sys=lorenz&method=gp&m.maxsize=999&m.iterations=2&m.populations=2');
  await expect(page.getByText('Largest formula 999 is out of range: use a whole number from 3 to 60; using the default 20.')).toBeVisible();
  await expect(page.getByTestId('m-maxsize')).toHaveValue('20');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(link);
  await waitForDone(page, -1, 240_000);
  await shot(page, 'methods-gp-phone', true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.getByTestId('settings-toggle').click();
  await expect(page.getByTestId('m-maxsize')).toBeVisible();
  await shot(page, 'methods-gp-phone-settings');

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${link}&present=1`);
  await waitForDone(page, -1, 240_000);
  await shot(page, 'methods-gp-projector', true);
  expect(errors).toEqual([]);
});

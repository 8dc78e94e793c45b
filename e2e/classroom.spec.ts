/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { waitForDone, watchErrors } from './helpers';

// The machine is shared: generous time per test (nothing here asserts speed).
test.describe.configure({ timeout: 120_000 });

test('1: a 2-state → 3-state switch keeps every panel drawn (no stale derivatives)', async ({ page }) => {
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

/** True when the boxes of a and b overlap (by more than a pixel). */
function overlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x + a.width > b.x + 1 && b.x + b.width > a.x + 1 && a.y + a.height > b.y + 1 && b.y + b.height > a.y + 1;
}

test('5: at 1440×900 the threshold slider and the recovered equations are on screen together', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?v=2&sys=lorenz');
  const run = await waitForDone(page);
  const slider = page.getByTestId('threshold');
  await slider.scrollIntoViewIfNeeded();
  await expect(slider).toBeInViewport();
  await expect(page.getByTestId('equations-recovered')).toBeInViewport();
  // Drag and watch: the equations change while both stay in view.
  await slider.fill('0.7');
  await waitForDone(page, run);
  await expect(page.getByTestId('equations-recovered')).toBeInViewport();
  await expect(slider).toBeInViewport();
  await page.screenshot({ path: 'test-results/screens/classroom-1440x900.png' });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('6: results come first, settings open in a drawer, the lab tab is on the first screen, the toolbar leaves the legend free', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/?v=2&sys=lorenz');
    await waitForDone(page);
    await expect(page.getByTestId('equations-recovered').locator('.katex').first()).toBeInViewport();
    await expect(page.getByTestId('view-lab')).toBeInViewport();
    await expect(page.getByTestId('system-select')).toBeHidden();
    await page.screenshot({ path: 'test-results/screens/classroom-390x844.png' });
    // The drawer: opened by its button, closed by Escape, the results' top still visible above it.
    const toggle = page.getByTestId('settings-toggle');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const slider = page.getByTestId('threshold');
    await slider.scrollIntoViewIfNeeded();
    await expect(slider).toBeInViewport();
    await expect(page.getByTestId('fit-status')).toBeInViewport();
    await page.screenshot({ path: 'test-results/screens/classroom-390x844-drawer.png' });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('system-select')).toBeHidden();
    await expect(toggle).toBeFocused();
    // Plotly's toolbar must not cover a legend on touch.
    const traj = page.getByTestId('trajectory-plot');
    await traj.scrollIntoViewIfNeeded();
    await expect(traj.locator('.legend').first()).toBeVisible();
    const legend = await traj.locator('.legend').first().boundingBox();
    for (const bar of await traj.locator('.modebar').all()) {
      const box = (await bar.isVisible()) ? await bar.boundingBox() : null;
      if (box && legend) expect(overlap(box, legend)).toBe(false);
    }
    // The lab's text does not point at a panel "on the left" that a phone does not have.
    await page.getByTestId('view-lab').click();
    await expect(page.getByTestId('noise-lab')).not.toContainText('on the left');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
  });
});

/** Every equation line whose typeset content reaches past its box (clipped or scrolled away). */
async function overflowingEquations(page: import('@playwright/test').Page): Promise<number> {
  return page.evaluate(() => Array.from(document.querySelectorAll('.eq-line')).filter((line) => {
    const box = line.getBoundingClientRect();
    return Array.from(line.querySelectorAll('.katex-html .base')).some((b) => b.getBoundingClientRect().right > box.right + 1);
  }).length);
}

test('7: long equations wrap at 1440 px and in projector mode at 200 % zoom; projector mode is in the link', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto('/?v=2&sys=rational_oscillator');
  await waitForDone(page);
  await expect(page.getByTestId('equations-recovered').locator('.katex').first()).toBeVisible();
  expect(await overflowingEquations(page)).toBe(0);
  await page.getByTestId('equations-recovered').screenshot({ path: 'test-results/screens/classroom-rational-1440.png' });
  await page.getByRole('button', { name: 'Projector' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('present')).toBe('1');
  const link = page.url();
  await page.close();
  // 1920×1080 at 200 % zoom: a 960×540 CSS viewport drawn at twice the pixels.
  const zoomed = await browser.newPage({ viewport: { width: 960, height: 540 }, deviceScaleFactor: 2 });
  await zoomed.goto(link);
  await waitForDone(zoomed);
  await expect(zoomed.locator('html')).toHaveClass(/projector/);
  await expect(zoomed.getByRole('button', { name: 'Projector' })).toHaveAttribute('aria-pressed', 'true');
  await expect(zoomed.getByTestId('equations-recovered').locator('.katex').first()).toBeVisible();
  expect(await overflowingEquations(zoomed)).toBe(0);
  await expect(zoomed.getByTestId('equations-recovered').locator('.katex-html').first()).not.toContainText('displaystyle');
  await zoomed.screenshot({ path: 'test-results/screens/classroom-1920x1080-zoom200-projector.png', fullPage: true });
  await zoomed.close();
});

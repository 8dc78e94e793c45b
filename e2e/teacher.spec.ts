/// <reference lib="dom" />
/**
 * Teacher links, the share dialog, present and embed modes (issue 11): a link shows only the
 * controls it names and locked ones read-only; the dialog builds such a link (with a QR code
 * and an iframe snippet) that, opened, shows just those; present mode enlarges the equations
 * at least 1.4×; embed mode has no page header.
 */
import type { Page } from '@playwright/test';
import { expect, expectParam, test, waitForDone, watchErrors } from './helpers';

test.describe.configure({ timeout: 180_000 });

/** The labels of the settings panel's visible form controls (what a student can see there). */
async function visibleControls(page: Page): Promise<string[]> {
  return page.getByTestId('settings').locator('input, select, textarea').evaluateAll((els) => els
    .filter((e) => (e as HTMLElement).offsetParent !== null && (e as HTMLInputElement).type !== 'file')
    .map((e) => (e as HTMLElement).dataset.testid ?? (e as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? e.tagName));
}

test('a teacher link shows only the controls it names; a locked one is read-only and cannot be changed', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?v=2&sys=lorenz&thr=0.1&show=noise,threshold&lock=threshold');
  const run = await waitForDone(page);
  const settings = page.getByTestId('settings');
  await expect(page.getByTestId('teacher-note')).toContainText("Your teacher's link shows 2 controls and locks one.");
  // Only the noise slider and the threshold (slider and number field): no system, library, derivative or seed.
  expect((await visibleControls(page)).sort()).toEqual(['Threshold', 'noise', 'threshold']);
  await expect(settings.getByRole('heading', { name: 'Data' })).toHaveCount(0);
  await expect(settings.getByRole('heading', { name: 'Library Θ' })).toHaveCount(0);
  await expect(page.getByTestId('degree')).toHaveCount(0);
  // The locked threshold: disabled, said so, and not moved by the Pareto list either.
  await expect(page.getByTestId('threshold')).toBeDisabled();
  await expect(settings.locator('[data-locked="threshold"]').first()).toContainText("Locked by your teacher's link");
  await expect(page.getByTestId('noise')).toBeEnabled();
  const pick = page.getByTestId('pareto-pick');
  await pick.scrollIntoViewIfNeeded();
  await pick.selectOption((await pick.locator('option').nth(1).getAttribute('value'))!);
  await page.getByTestId('noise').fill('2');
  await waitForDone(page, run);
  await expectParam(page, 'noise', '2');
  await expectParam(page, 'thr', '0.1');
  await expect(page.getByTestId('threshold-value')).toHaveText('0.1');
  const shot = testInfo.outputPath('teacher-link-1280x800.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('teacher link', { path: shot, contentType: 'image/png' });
  // The class may still look at everything; the lock stays.
  await page.getByTestId('show-all-controls').click();
  await expect(page.getByTestId('degree')).toBeVisible();
  await expectParam(page, 'show', null);
  await expectParam(page, 'lock', 'threshold');
  await expect(page.getByTestId('threshold')).toBeDisabled();
  expect(errors).toEqual([]);
});

test('unknown control names in a teacher link are named in a note', async ({ page }) => {
  await page.goto('/?v=2&sys=lorenz&show=threshold,sliders&lock=thr');
  await waitForDone(page);
  const msg = page.getByTestId('message');
  await expect(msg).toContainText("Shown controls: ignored 'sliders'");
  await expect(msg).toContainText("Locked controls: ignored 'thr'");
  await expectParam(page, 'show', 'threshold');
  await expectParam(page, 'lock', null);
});

/** Height of the first line box of the first recovered equation's KaTeX (scales with its type size). */
async function equationHeight(page: Page): Promise<number> {
  const base = page.getByTestId('equations-recovered').locator('.eq-line .katex-html .katex-base').first();
  await expect(base).toBeVisible();
  return (await base.boundingBox())!.height;
}

test('present mode: a button, equations at least 1.4× taller, in the link', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?v=2&sys=lorenz');
  const run = await waitForDone(page);
  const normal = await equationHeight(page);
  const button = page.getByRole('button', { name: 'Projector' });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/projector/);
  await expectParam(page, 'present', '1');
  const present = await equationHeight(page);
  testInfo.annotations.push({ type: 'equation height', description: `${normal.toFixed(1)} px → ${present.toFixed(1)} px (×${(present / normal).toFixed(2)})` });
  expect(present / normal).toBeGreaterThanOrEqual(1.4);
  // Plots take the full width of the results column.
  const grid = await page.locator('.plot-grid').evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
  expect(grid).toBe(1);
  const shot = testInfo.outputPath('present-1920x1080.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('present mode', { path: shot, contentType: 'image/png' });
  await button.click();
  await expectParam(page, 'present', null);
  expect(await equationHeight(page)).toBeCloseTo(normal, 0);
  expect(run).toBeGreaterThan(0);
});

test('embed mode has no page header and footer, and a way out to the full playground', async ({ page }) => {
  await page.goto('/?v=2&sys=pendulum');
  await waitForDone(page);
  await expect(page.getByTestId('app-header')).toBeVisible();
  await expect(page.getByTestId('app-header')).toContainText('SINDy Playground');
  await page.goto('/?v=2&sys=pendulum&embed=1&show=fourier');
  await waitForDone(page);
  await expect(page.getByTestId('equations-recovered').locator('.katex').first()).toBeVisible();
  await expect(page.getByTestId('app-header')).toHaveCount(0);
  await expect(page.locator('header.topbar')).toHaveCount(0);
  await expect(page.locator('footer')).toHaveCount(0);
  await expect(page.locator('html')).toHaveClass(/embed/);
  await expectParam(page, 'embed', '1');
  const out = page.getByTestId('embed-open');
  await expect(out).toHaveAttribute('target', '_blank');
  const [full] = await Promise.all([page.context().waitForEvent('page'), out.click()]);
  await full.waitForLoadState();
  expect(new URL(full.url()).searchParams.get('embed')).toBeNull();
  expect(new URL(full.url()).searchParams.get('sys')).toBe('pendulum');
  await expect(full.getByTestId('app-header')).toBeVisible();
});

test('the share dialog builds a teacher link with a QR code and an iframe snippet; opened, it shows only the chosen controls', async ({ page, context }, testInfo) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/?v=2&sys=lorenz&noise=1&thr=0.2');
  await waitForDone(page);
  const open = page.getByTestId('share-open');
  await open.click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Share with class' })).toBeVisible();
  await dialog.getByTestId('share-show-threshold').check();
  await dialog.getByTestId('share-show-noise').check();
  await dialog.getByTestId('share-lock-noise').check();
  await expect(dialog.getByTestId('share-present')).not.toBeChecked();
  await dialog.getByTestId('share-present').check();
  const linkBox = dialog.getByTestId('share-link');
  await expect(linkBox).toHaveValue(/&present=1&show=noise,threshold&lock=noise/);
  const link = await linkBox.inputValue();
  expect(new URL(link).searchParams.get('thr')).toBe('0.2');
  // A QR code of the link, drawn as SVG.
  const qr = dialog.getByTestId('share-qr');
  await expect(qr).toBeVisible();
  expect((await qr.locator('path').getAttribute('d'))!.length).toBeGreaterThan(500);
  const small = (await qr.boundingBox())!.width;
  await dialog.getByTestId('share-qr-big').click();
  await expect.poll(async () => (await qr.boundingBox())!.width).toBeGreaterThan(1.5 * small);
  await dialog.getByTestId('share-qr-big').click();
  await expect(dialog.getByTestId('share-embed')).toHaveValue(/^<iframe src="http[^"]+&amp;embed=1" [^>]*title="SINDy Playground"[^>]*><\/iframe>$/);
  const shot = testInfo.outputPath('share-dialog-1280x900.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('share dialog', { path: shot, contentType: 'image/png' });
  // Keyboard: Tab stays in the dialog; Escape closes it and gives focus back to its button.
  for (let k = 0; k < 12; k++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="share-dialog"]'))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
  // The link, opened by a student: present mode, only noise (locked) and the threshold.
  const student = await context.newPage();
  await student.goto(link);
  await waitForDone(student);
  await expect(student.locator('html')).toHaveClass(/projector/);
  expect((await visibleControls(student)).sort()).toEqual(['Threshold', 'noise', 'threshold']);
  await expect(student.getByTestId('noise')).toBeDisabled();
  await expect(student.getByTestId('threshold')).toBeEnabled();
  expect(errors).toEqual([]);
});

for (const vp of [{ name: 'phone', width: 390, height: 844 }, { name: 'projector', width: 1920, height: 1080 }]) {
  test(`screens at ${vp.name} size: a lesson step, a teacher link, present mode, the share dialog`, async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: vp.width, height: vp.height });
    const save = async (what: string): Promise<void> => {
      const path = testInfo.outputPath(`${what}-${vp.width}x${vp.height}.png`);
      await page.screenshot({ path });
      await testInfo.attach(`${what} (${vp.name})`, { path, contentType: 'image/png' });
    };
    await page.goto('/?lesson=noise&step=4');
    await waitForDone(page);
    await expect(page.getByTestId('lesson-panel')).toBeVisible();
    await save('lesson-step');
    await page.goto('/?v=2&sys=lorenz&noise=1&thr=0.1&show=threshold,noise&lock=noise');
    await waitForDone(page);
    if (vp.width < 820) await page.getByTestId('settings-toggle').click();
    await expect(page.getByTestId('threshold')).toBeVisible();
    await save('teacher-link');
    await page.goto('/?v=2&sys=lorenz&noise=1&thr=0.1&show=threshold&present=1');
    await waitForDone(page);
    await expect(page.getByTestId('equations-recovered').locator('.katex').first()).toBeVisible();
    await save('present');
    await page.getByTestId('share-open').click();
    await expect(page.getByTestId('share-qr')).toBeVisible();
    await save('share-dialog');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
  });
}

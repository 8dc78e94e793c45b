/// <reference lib="dom" />
/**
 * Lessons (issue 11): each of the five opens from its URL, fits, walks its steps with the step
 * in the URL (Next, Previous, the browser's Back and Forward), points at something on the page;
 * a lesson is found from the header menu and left with its settings kept as a normal link.
 */
import type { Page } from '@playwright/test';
import { LESSONS } from '../src/lessons/catalog';
import { STEPS } from '../src/lessons/content';
import { decodeUrl, encodeUrl, URL_VERSION } from '../src/state/url';
import { defaultLabSettings, type Settings } from '../src/state/settings';
import { expect, expectParam, oscillatorCsv, test, waitForDone, watchErrors } from './helpers';

test.describe.configure({ timeout: 300_000 });

/** What every step shows once its configuration is applied: its counter, the step in the URL, a fit (or the lab), an outlined target. */
async function expectStep(page: Page, lesson: string, k: number, afterRun: number): Promise<number> {
  const steps = STEPS[lesson as keyof typeof STEPS];
  await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${k} of ${steps.length}`);
  await expectParam(page, 'step', String(k));
  await expectParam(page, 'lesson', lesson);
  await expect(page.getByTestId('lesson-panel').getByRole('heading', { level: 2 })).toHaveText(steps[k - 1]!.title);
  const link = new URLSearchParams(steps[k - 1]!.link);
  let run = afterRun;
  if (link.get('view') === 'lab') {
    await expect(page.getByTestId('noise-lab')).toBeVisible();
    await expect(page.getByTestId('lab-status')).toContainText(/running|done/, { timeout: 120_000 });
  } else {
    run = await waitForDone(page, afterRun, 120_000);
    await expect(page.getByTestId('equations-recovered').locator('.katex').first()).toBeVisible();
  }
  // The page's link holds exactly the step's settings (so a reload, or the link sent to a class, shows the same).
  const want = decodeUrl(`v=${URL_VERSION}&${steps[k - 1]!.link}`);
  // (compared as links: a setting that does not apply, such as the threshold under MSTLS, is in neither)
  const asLink = (s: Settings): string => encodeUrl(s, { view: 'fit', lab: defaultLabSettings() });
  await expect.poll(() => asLink(decodeUrl(new URL(page.url()).search).settings)).toBe(asLink(want.settings));
  await expectParam(page, 'data', want.dataset || null);
  const target = steps[k - 1]!.look.testId;
  await expect(page.locator('.lesson-look')).toHaveCount(1);
  await expect(page.locator('.lesson-look').locator(`[data-testid="${target}"]`).or(page.locator(`.lesson-look[data-testid="${target}"]`)).first()).toBeAttached();
  return run;
}

for (const info of LESSONS) {
  test(`lesson ${info.id}: opens from its URL, fits, and every step is reached by Next, Previous, Back and Forward`, async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    const n = STEPS[info.id].length;
    await page.goto(`/?lesson=${info.id}`);
    await expect(page.getByTestId('lesson-panel')).toBeVisible();
    let run = await expectStep(page, info.id, 1, -1);
    if (info.id === 'real-data') {
      // The bundled file, fetched from the page's own origin and read like an upload.
      await expect(page.getByTestId('few-samples')).toContainText('21 samples');
    }
    await expect(page.getByTestId('lesson-prev')).toBeDisabled();
    for (let k = 2; k <= n; k++) {
      await page.getByTestId('lesson-next').click();
      run = await expectStep(page, info.id, k, run);
    }
    await expect(page.getByTestId('lesson-next')).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath(`lesson-${info.id}-last.png`), fullPage: false });
    // Previous, then the browser's Back and Forward move between the steps' entries.
    await page.getByTestId('lesson-prev').click();
    run = await expectStep(page, info.id, n - 1, run);
    await page.goBack();
    await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${n} of ${n}`);
    await expectParam(page, 'step', String(n));
    await page.goBack();
    await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${n - 1} of ${n}`);
    await expectParam(page, 'step', String(n - 1));
    await page.goForward();
    await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${n} of ${n}`);
    await expectParam(page, 'step', String(n));
    expect(errors).toEqual([]);
  });
}

test('a lesson step opens from its own URL, with the step\'s settings; Show me outlines what to look at', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?lesson=sparsity&step=3');
  await waitForDone(page);
  await expect(page.getByTestId('lesson-step')).toHaveText('Step 3 of 4');
  await expectParam(page, 'thr', '1.5');
  await expect(page.getByTestId('threshold-value')).toHaveText('1.5');
  await page.goto('/?lesson=sparsity&step=2');
  await waitForDone(page);
  await expectParam(page, 'thr', '0.1');
  await page.getByTestId('lesson-show-me').click();
  const look = page.locator('.lesson-look');
  await expect(look).toHaveCount(1);
  await expect(look.getByTestId('threshold')).toBeInViewport();
  const shot = testInfo.outputPath('lesson-step-1280x800.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('lesson step', { path: shot, contentType: 'image/png' });
});

test('the header lists the lessons; leaving one keeps its settings as a normal link', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=pendulum');
  let run = await waitForDone(page);
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  const menu = page.getByTestId('lessons-menu');
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  for (const l of LESSONS) await expect(page.getByTestId(`lesson-link-${l.id}`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await menu.click();
  await page.getByTestId('lesson-link-library').click();
  await expect(page.getByTestId('lesson-step')).toHaveText(`Step 1 of ${STEPS.library.length}`);
  await expectParam(page, 'lesson', 'library');
  run = await waitForDone(page, run);
  await page.getByTestId('lesson-next').click();
  await expectParam(page, 'step', '2');
  run = await waitForDone(page, run);
  // A change of one's own inside a step stays in the step's link…
  await page.getByTestId('threshold').fill('-0.5');
  await expectParam(page, 'thr', '0.316');
  await waitForDone(page, run);
  // …and leaving keeps it, without the lesson.
  await page.getByTestId('lesson-leave').click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expectParam(page, 'lesson', null);
  await expectParam(page, 'step', null);
  await expectParam(page, 'thr', '0.316');
  await expectParam(page, 'deg', '3');
  // Back returns to the lesson's step, with the same settings.
  await page.goBack();
  await expect(page.getByTestId('lesson-step')).toHaveText(`Step 2 of ${STEPS.library.length}`);
  await expectParam(page, 'thr', '0.316');
  expect(errors).toEqual([]);
});

test('an unknown lesson or a step past the end opens with a note, nothing breaks', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?lesson=astrology&step=2');
  await waitForDone(page);
  const msg = page.getByTestId('message');
  await expect(msg).toContainText("There is no lesson 'astrology'");
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expectParam(page, 'lesson', null);
  await page.goto('/?lesson=noise&step=17');
  await expect(msg).toContainText(`has ${STEPS.noise.length} steps, not 17`);
  await expect(page.getByTestId('lesson-step')).toHaveText(`Step 1 of ${STEPS.noise.length}`);
  await expectParam(page, 'step', '1');
  await waitForDone(page);
  expect(errors).toEqual([]);
});

test('bundled data loads by name from Data → Upload CSV, travels in a link as data=, and a file of one\'s own replaces it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz');
  let run = await waitForDone(page);
  await page.getByText('Upload CSV').click();
  await page.getByTestId('bundled-lynx_hare').click();
  run = await waitForDone(page, run);
  await expect(page.getByTestId('few-samples')).toContainText('21 samples');
  await expectParam(page, 'data', 'lynx_hare');
  await expectParam(page, 'states', 'hare,lynx');
  const link = page.url();
  // A fresh page of that link fetches the same file (from the page's own origin: the fixture fails on any other).
  const other = await page.context().newPage();
  await other.goto(link);
  await waitForDone(other);
  await expect(other.getByTestId('few-samples')).toContainText('21 samples');
  expect(await other.getByTestId('equations-recovered').locator('annotation').allTextContents())
    .toEqual(await page.getByTestId('equations-recovered').locator('annotation').allTextContents());
  await other.close();
  await page.getByTestId('csv-upload').setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(oscillatorCsv()) });
  await waitForDone(page, run);
  await expectParam(page, 'file', 'mine.csv');
  await expectParam(page, 'data', null);
  expect(errors).toEqual([]);
});

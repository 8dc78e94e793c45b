/// <reference lib="dom" />
import { expect, expectParam, recoveredTex, shot, test, waitForDone, watchErrors } from './helpers';

test('a copied link opened in a new page reproduces the same equations', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  let run = await waitForDone(page);
  // Noise with a seed, a different library and threshold: the link must carry all of it.
  await page.getByTestId('noise').fill('2');
  run = await waitForDone(page, run);
  await page.getByTestId('degree').selectOption('3');
  run = await waitForDone(page, run);
  await page.getByTestId('threshold').fill('-0.5');
  await waitForDone(page, run);
  const tex = await recoveredTex(page);
  // The address bar catches up with the last change (throttled) before it can stand in for the clipboard.
  await expectParam(page, 'thr', await page.getByTestId('threshold-value').textContent());
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('message')).toContainText(/Link copied|Copy the link/);
  const link = await page.evaluate(() => navigator.clipboard.readText()).catch(() => page.url());
  expect(link).toContain('noise=2');
  expect(link).toContain('deg=3');

  const other = await context.newPage();
  await other.goto(link);
  await waitForDone(other);
  expect(await recoveredTex(other)).toEqual(tex);
  await shot(other, 'shared-link');
});

test('a hostile link (script tag, huge number, unknown system) opens safely with notes', async ({ page }) => {
  const errors = watchErrors(page);
  const hostile = '/?v=1&sys=%3Cscript%3Ealert(1)%3C%2Fscript%3E&noise=1e999999&thr=99999999999999999999999'
    + '&file=%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E&term=%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E&deg=__proto__&unknown=1';
  await page.goto(hostile);
  await waitForDone(page);
  await expect(page.getByTestId('system-select')).toHaveValue('lorenz');
  const msg = page.getByTestId('message');
  await expect(msg).toContainText('Unknown system');
  await expect(msg).toContainText('Noise');
  await expect(msg).toContainText('Threshold');
  await expect(msg).toContainText("unknown setting 'unknown'");
  // Shown as text, never as markup.
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('script:not([src]):not([type="module"])').count()).toBe(0);
  await expectParam(page, 'sys', 'lorenz');
  await expectParam(page, 'unknown', null);
  await shot(page, 'hostile-link');
  expect(errors).toEqual([]);
});

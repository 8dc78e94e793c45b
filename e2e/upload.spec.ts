import { expect, expectParam, oscillatorCsv, recoveredTex, shot, test, waitForDone, watchErrors } from './helpers';

test('uploading a valid CSV fits it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const run = await waitForDone(page);
  await page.getByTestId('csv-upload').setInputFiles({ name: 'oscillator.csv', mimeType: 'text/csv', buffer: Buffer.from(oscillatorCsv()) });
  await expect(page.getByTestId('message')).toContainText("Loaded 'oscillator.csv'");
  await waitForDone(page, run);
  const tex = await recoveredTex(page);
  expect(tex).toMatch(/\\dot\{x\} = -0\.(5|4999|5001)\\,x \+ (2|1\.999|2\.001)\\,y\n/);
  expect(tex).toMatch(/\\dot\{y\} = -(2|1\.999|2\.001)\\,x - 0\.(5|4999|5001)\\,y$/);
  await expect(page.getByTestId('equations-true')).toContainText('unknown');
  await expectParam(page, 'src', 'upload');
  await expectParam(page, 'file', 'oscillator.csv');
  // The link names the file but never carries its data.
  expect(page.url()).not.toContain('0.01,');
  await shot(page, 'upload-valid');
  expect(errors).toEqual([]);
});

test('a broken CSV shows where the defect is and keeps the previous data', async ({ page }) => {
  await page.goto('/');
  const run = await waitForDone(page);
  const before = await recoveredTex(page);
  const broken = 't,x,y\n0,1,2\n0.1,1.1,abc\n0.2,1.2,2.2\n';
  await page.getByTestId('csv-upload').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
  const msg = page.getByTestId('message');
  await expect(msg).toContainText("'broken.csv' was not loaded");
  await expect(msg).toContainText(/row 3/i);
  await expect(msg).toContainText(/'y'|column y|y\b/);
  await expect(msg).toContainText('previous data is still loaded');
  expect(Number(await page.getByTestId('fit-status').getAttribute('data-run'))).toBe(run);
  await expect(page.getByTestId('fit-status')).toContainText('done');
  expect(await recoveredTex(page)).toEqual(before);
  await expect(page.getByTestId('system-select')).toHaveValue('lorenz');
  await shot(page, 'upload-broken');
});

test('a link made with uploaded data asks for the file, then reproduces the fit', async ({ page }) => {
  await page.goto('/?v=1&src=upload&file=oscillator.csv&time=t&states=x,y&deg=2&thr=0.1');
  const msg = page.getByTestId('message');
  await expect(msg).toContainText('made with uploaded data');
  await expect(msg).toContainText("'oscillator.csv'");
  await expect(page.getByTestId('fit-status')).toContainText('waiting for the file');
  await page.getByTestId('csv-upload').setInputFiles({ name: 'oscillator.csv', mimeType: 'text/csv', buffer: Buffer.from(oscillatorCsv()) });
  await waitForDone(page);
  await expect.poll(() => recoveredTex(page)).toMatch(/\\dot\{y\} = -(2|1\.999|2\.001)\\,x - 0\.(5|4999|5001)\\,y/);
});

test('a CSV with a trajectory column: every trajectory is fitted, plotted and picked from a list', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const run = await waitForDone(page);
  const lines = ['t,x,y,trajectory'];
  [2, -1, 0.5].forEach((a, k) => {
    for (let i = 0; i < 300; i++) { const t = i * 0.01; const d = a * Math.exp(-0.5 * t); lines.push(`${t},${d * Math.cos(2 * t)},${-d * Math.sin(2 * t)},run${k}`); }
  });
  await page.getByTestId('csv-upload').setInputFiles({ name: 'runs.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await waitForDone(page, run);
  const picker = page.getByTestId('trajectory-picker');
  await expect(picker.locator('option')).toHaveText(['1 of 3', '2 of 3', '3 of 3']);
  const firstY = await page.getByTestId('trajectory-plot').locator('.yaxislayer-above').first().textContent();
  await picker.selectOption('1');
  await expect(page.getByTestId('trajectory-plot')).toBeVisible();
  // Trajectory 2 starts at x = −1: its x axis has other ticks than trajectory 1's (x0 = 2).
  await expect.poll(() => page.getByTestId('trajectory-plot').locator('.yaxislayer-above').first().textContent()).not.toBe(firstY);
  await expect(page.locator('.card-sub').filter({ hasText: 'Trajectory 2:' })).toBeVisible();
  // The derivative plot follows the picker.
  await expect(page.locator('.card-sub').filter({ hasText: 'Estimated from the data (trajectory 2)' })).toBeVisible();
  await shot(page, 'upload-trajectories');
  expect(errors).toEqual([]);
});

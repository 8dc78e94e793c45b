/// <reference lib="dom" />
import { expect, oscillatorCsv, test, waitForDone, watchErrors } from './helpers';

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
  // The link is taken from the same poll that sees projector mode written into it.
  let link = '';
  await expect.poll(() => { link = page.url(); return new URL(link).searchParams.get('present'); }).toBe('1');
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

test('10: one message per source, dismissible, printable; a binary file is named as such', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz');
  await waitForDone(page);
  const msgs = page.getByTestId('message');
  for (let k = 0; k < 7; k++) {
    await page.getByTestId('csv-upload').setInputFiles({ name: `broken${k}.csv`, mimeType: 'text/csv', buffer: Buffer.from('t,x\n0,1\n0.1,abc\n') });
    await expect(msgs).toContainText(`'broken${k}.csv' was not loaded`);
  }
  await expect(msgs.locator('.msg[data-source="upload"]')).toHaveCount(1);
  // Binary bytes (a spreadsheet, an image): a short printable message, no garbage, no bogus column advice.
  const bytes = Buffer.alloc(3000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 151 + 7) % 256;
  await page.getByTestId('csv-upload').setInputFiles({ name: 'data.xlsx', mimeType: 'application/octet-stream', buffer: bytes });
  const upload = msgs.locator('.msg[data-source="upload"]');
  await expect(upload).toHaveCount(1);
  await expect(upload).toContainText(/not (a text file|CSV text)/);
  const text = (await upload.textContent()) ?? '';
  expect(text.length).toBeLessThan(400);
  expect(Array.from(text).filter((ch) => ch.charCodeAt(0) < 32 || ch === '\ufffd')).toEqual([]);
  expect(text).not.toContain('column');
  // A valid upload, then back to a built-in system: the upload's message goes.
  await page.getByTestId('csv-upload').setInputFiles({ name: 'ok.csv', mimeType: 'text/csv', buffer: Buffer.from(oscillatorCsv()) });
  await expect(upload).toContainText("Loaded 'ok.csv'");
  await page.getByText('Built-in system').click();
  await expect(msgs.locator('.msg[data-source="upload"]')).toHaveCount(0);
  // Dismissible.
  await page.getByTestId('copy-link').click();
  const copied = msgs.locator('.msg[data-source="clipboard"]');
  await expect(copied).toHaveCount(1);
  await copied.getByRole('button', { name: 'Dismiss this message' }).click();
  await expect(copied).toHaveCount(0);
  expect(errors.filter((e) => !/clipboard/i.test(e))).toEqual([]);
});

test('11: switching system says which library and threshold it replaced, and "Keep my library" brings them back', async ({ page }) => {
  await page.goto('/?v=2&sys=lorenz&deg=4&thr=0.3');
  const run = await waitForDone(page);
  await page.getByTestId('system-select').selectOption('pendulum');
  await waitForDone(page, run);
  const note = page.getByTestId('message').locator('.msg[data-source="system"]');
  await expect(note).toContainText('degree 4');
  await expect(note).toContainText('λ 0.3');
  await expect(page.getByTestId('degree')).not.toHaveValue('4');
  await note.getByRole('button', { name: 'Keep my library' }).click();
  await expect(page.getByTestId('degree')).toHaveValue('4');
  await expect.poll(() => new URL(page.url()).searchParams.get('thr')).toBe('0.3');
  await expect(note).toHaveCount(0);
});

test('13: PageUp moves the threshold a decade, the Pareto points are a list too, its axes have whole terms and few log ticks', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz&thr=0.1');
  let run = await waitForDone(page);
  await expect(page.getByRole('button', { name: 'New draw', exact: true })).toBeVisible();
  await page.getByTestId('threshold').focus();
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('threshold-value')).toHaveText('1');
  await expect.poll(() => new URL(page.url()).searchParams.get('thr')).toBe('1');
  run = await waitForDone(page, run);
  const pareto = page.getByTestId('pareto-plot');
  await pareto.scrollIntoViewIfNeeded();
  await expect(pareto.locator('.xtick').first()).toBeAttached();
  const xticks = await pareto.locator('.xtick text').allTextContents();
  expect(xticks.length).toBeGreaterThan(0);
  for (const t of xticks) expect(t).toMatch(/^\d+$/);
  expect(await pareto.locator('.ytick').count()).toBeLessThanOrEqual(8);
  // Keyboard: pick a point of the sweep from the list.
  const pick = page.getByTestId('pareto-pick');
  const option = await pick.locator('option').nth(1).getAttribute('value');
  await pick.selectOption(option!);
  await expect.poll(() => Number(new URL(page.url()).searchParams.get('thr'))).toBeCloseTo(Number(Number(option).toPrecision(3)), 6);
  await waitForDone(page, run);
  expect(errors).toEqual([]);
});

test('every number has a "?" that a keyboard opens; real data says what 21 samples support and that noise adds to it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz&opt=sr3&ens=20');
  await waitForDone(page);
  for (const topic of ['support', 'coefError', 'r2', 'heatmap', 'pareto', 'nu', 'normalize', 'inclusion']) {
    const button = page.getByTestId(`help-${topic}`);
    await button.scrollIntoViewIfNeeded();
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const note = page.locator(`#${(await button.getAttribute('aria-controls'))!.replace(/:/g, '\\:')}`);
    await expect(note).toBeVisible();
    expect(((await note.textContent()) ?? '').length).toBeGreaterThan(60);
    await page.keyboard.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
  }
  await page.getByTestId('optimizer').selectOption('stlsq');
  await expect(page.getByTestId('help-ridge')).toBeVisible();
  const lynx = await import('node:fs').then((fs) => fs.readFileSync(new URL('../test/fixtures/data/lynx_hare.csv', import.meta.url)));
  await page.getByTestId('csv-upload').setInputFiles({ name: 'lynx_hare.csv', mimeType: 'text/csv', buffer: lynx });
  await expect(page.getByTestId('few-samples')).toContainText('21 samples');
  await expect(page.getByTestId('noise-upload-hint')).toContainText('on top');
  await page.screenshot({ path: 'test-results/screens/classroom-lynx-hare.png' });
  expect(errors).toEqual([]);
});

test('8: R² names what it is measured against, and a simulation error compares strong and weak form alike', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz&noise=5&seed=1&thr=0.5');
  let run = await waitForDone(page);
  const summary = page.getByTestId('fit-summary');
  await expect(summary).toContainText('R² (ẏ estimates)');
  await expect(summary).toContainText(/simulation error \d/);
  await page.goto('/?v=2&sys=lorenz&noise=5&seed=1&thr=0.5&form=weak');
  run = await waitForDone(page);
  await expect(summary).toContainText('R² (weak system)');
  await expect(summary).toContainText(/simulation error \d/);
  const help = page.getByTestId('help-simError');
  await help.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/means the same for every method/)).toBeVisible();
  expect(run).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('12: a field outside the library shows its true equations and says the fit only approximates it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=rational_oscillator');
  await waitForDone(page);
  const truth = page.getByTestId('equations-true');
  await expect(truth.locator('.katex')).toHaveCount(2);
  await expect(truth).not.toContainText('not a finite sum of library terms.');
  await expect(page.getByTestId('outside-library')).toContainText('only approximates');
  const tex = (await truth.locator('annotation').allTextContents()).join('\n');
  expect(tex).toContain('\\frac');
  expect(errors).toEqual([]);
});

test('12: the pendulum with polynomials only names the missing sin(x) and points to the Fourier library', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=pendulum&fourier=0&deg=3');
  await waitForDone(page);
  const hint = page.getByTestId('outside-terms');
  await expect(hint).toContainText("'sin(x)'");
  await expect(hint).toContainText('Fourier');
  await page.getByTestId('fit-summary').waitFor();
  expect(errors).toEqual([]);
});

/**
 * The export menu (issue 11, "a researcher's way out"): every export downloads a non-empty file
 * of its kind with the content it promises; the equations copy as LaTeX and plain text (or, when
 * the clipboard is refused, show selected in a dialog); a configuration file brought back into
 * a fresh page — chosen or dropped — restores the same equations, and a bad one changes nothing.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, recoveredTex, test, waitForDone, watchErrors } from './helpers';

interface Saved { name: string; body: Buffer; text: string }

async function openMenu(page: Page): Promise<void> {
  const button = page.getByTestId('export-menu');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(page.getByRole('menu', { name: 'Export' })).toBeVisible();
}

/** Clicks the menu's item `id` and returns the file it downloads. */
async function exportFile(page: Page, id: string): Promise<Saved> {
  await openMenu(page);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(id).click()]);
  const body = readFileSync((await download.path())!);
  return { name: download.suggestedFilename(), body, text: body.toString('utf8') };
}

/** CSV text → header and numeric rows (the files hold numbers only, apart from their header). */
function csvRows(text: string): { header: string[]; rows: number[][] } {
  const [head, ...lines] = text.trimEnd().split('\n');
  return { header: head!.split(','), rows: lines.map((l) => l.split(',').map(Number)) };
}

test('each export downloads a non-empty file of its kind', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await waitForDone(page);
  const params = new URL(page.url()).searchParams;
  const samples = Math.round(Number(params.get('T')) / Number(params.get('dt'))) + 1;

  const data = await exportFile(page, 'export-data');
  expect(data.name).toBe('lorenz-data.csv');
  const d = csvRows(data.text);
  expect(d.header).toEqual(['t', 'x', 'y', 'z']);
  expect(d.rows).toHaveLength(samples);
  expect(d.rows.every((r) => r.length === 4 && r.every(Number.isFinite))).toBe(true);
  expect(d.rows[0]!.slice(1)).toEqual(params.get('x0')!.split(',').map(Number));
  await expect(page.getByTestId('export-status')).toContainText(`Saved lorenz-data.csv (${samples.toLocaleString('en')} rows)`);

  const coef = await exportFile(page, 'export-coefficients');
  expect(coef.name).toBe('lorenz-coefficients.csv');
  const c = csvRows(coef.text);
  expect(c.header.slice(0, 5)).toEqual(['state', '1', 'x', 'y', 'z']);
  expect(coef.text.split('\n').slice(1, 4).map((l) => l.split(',')[0])).toEqual(['x', 'y', 'z']);
  // Lorenz's σ = 10 (the link's p.sigma) is the coefficient of y in dx/dt; seven terms in all.
  const sigma = Number(params.get('p.sigma'));
  expect(Math.abs(c.rows[0]![c.header.indexOf('y')]! - sigma) / sigma).toBeLessThan(0.01);
  expect(c.rows.flatMap((r) => r.slice(1)).filter((v) => v !== 0)).toHaveLength(7);

  const sim = await exportFile(page, 'export-simulation');
  expect(sim.name).toBe('lorenz-simulation.csv');
  const s = csvRows(sim.text);
  expect(s.header).toEqual(['t', 'x', 'y', 'z']);
  expect(s.rows.map((r) => r[0])).toEqual(d.rows.map((r) => r[0]));
  expect(s.rows[0]).toEqual(d.rows[0]);

  const config = await exportFile(page, 'export-config');
  expect(config.name).toBe('lorenz-config.json');
  const json = JSON.parse(config.text) as { format: string; version: number; settings: Record<string, unknown> };
  expect(json.format).toBe('sindy-playground-config');
  expect(json.version).toBe(Number(params.get('v')));
  expect(json.settings).toMatchObject({ sys: 'lorenz', thr: Number(params.get('thr')), 'p.sigma': sigma });

  const py = await exportFile(page, 'export-pysindy');
  expect(py.name).toBe('lorenz-stlsq-fit.py');
  expect(py.text).toContain('import pysindy as ps');
  expect(py.text).toMatch(/^model = ps\.SINDy\($/m);
  expect(py.text).toContain('CSV_NAME = "lorenz-data.csv"');
  expect(py.text).toContain(`ps.STLSQ(threshold=${params.get('thr')}`);
  expect(py.text).toContain('STATE_COLUMNS = ["x", "y", "z"]');

  const pysr = await exportFile(page, 'export-pysr');
  expect(pysr.name).toBe('lorenz-pysr-search.py');
  expect(pysr.text).toContain('from pysr import PySRRegressor');
  expect(pysr.text).toContain('CSV_NAME = "lorenz-data.csv"');

  const png = await exportFile(page, 'export-trajectory-png');
  expect(png.name).toBe('lorenz-trajectory.png');
  expect([...png.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const svg = await exportFile(page, 'export-trajectory-svg');
  expect(svg.name).toBe('lorenz-trajectory.svg');
  expect(svg.text.trimStart()).toMatch(/^<svg/);
  // A plot below the fold is scrolled into view, drawn, then saved.
  const pareto = await exportFile(page, 'export-sparsity-sweep-svg');
  expect(pareto.name).toBe('lorenz-sparsity-sweep.svg');
  expect(pareto.text.trimStart()).toMatch(/^<svg/);
  expect(errors).toEqual([]);
});

test('the plots\' own toolbar names its downloads as the menu does', async ({ page }) => {
  await page.goto('/?sys=van_der_pol');
  await waitForDone(page);
  const plot = page.getByTestId('trajectory-plot');
  await expect(plot.locator('.main-svg').first()).toBeVisible();
  const titles = await plot.locator('.modebar-btn').evaluateAll((bs) => bs.map((b) => (b.getAttribute('data-title') ?? '').toLowerCase()));
  for (const format of ['png', 'svg']) {
    await plot.hover();
    const [download] = await Promise.all([page.waitForEvent('download'), plot.locator('.modebar-btn').nth(titles.findIndex((t) => t.includes(format))).click()]);
    expect(download.suggestedFilename()).toBe(`van-der-pol-trajectory.${format}`);
  }
});

test.describe('copying the equations', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('as LaTeX and as plain text, read back from the clipboard', async ({ page }) => {
    await page.goto('/');
    await waitForDone(page);
    await openMenu(page);
    await page.getByTestId('copy-latex').click();
    await expect(page.getByTestId('export-status')).toContainText('Copied the equations as LaTeX');
    const latex = await page.evaluate(() => navigator.clipboard.readText());
    expect(latex).toMatch(/^\\begin\{aligned\}\n/);
    expect(latex.trimEnd()).toMatch(/\\end\{aligned\}$/);
    // The same right-hand sides as the page typesets.
    const shown = (await recoveredTex(page)).split('\n').map((l) => l.replace(/^\\displaystyle\s*/, '').split(' = ')[1]!.trim());
    const copied = [...latex.matchAll(/&= (.*?)(?: \\\\)?$/gm)].map((m) => m[1]!.trim());
    expect(copied).toEqual(shown);

    await openMenu(page);
    await page.getByTestId('copy-plain').click();
    await expect(page.getByTestId('export-status')).toContainText('Copied the equations as plain text');
    const plain = (await page.evaluate(() => navigator.clipboard.readText())).trimEnd().split('\n');
    expect(plain.map((l) => l.split(' = ')[0])).toEqual(['dx/dt', 'dy/dt', 'dz/dt']);
    // Lorenz: −xz in dy/dt, xy in dz/dt, in mathjs syntax.
    expect(plain[1]).toContain('x*z');
    expect(plain[2]).toContain('x*y');
  });
});

test('a refused clipboard shows the text selected in a dialog; Escape closes it', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
  });
  await page.goto('/');
  await waitForDone(page);
  await openMenu(page);
  await page.getByTestId('copy-plain').click();
  const dialog = page.getByTestId('copy-fallback');
  await expect(dialog).toBeVisible();
  const area = page.getByTestId('copy-fallback-text');
  await expect(area).toBeFocused();
  await expect(area).toHaveValue(/^dx\/dt = .*\ndy\/dt = .*\ndz\/dt = /);
  // All of it is selected, ready for Ctrl+C.
  expect(await area.evaluate((el: HTMLTextAreaElement) => el.selectionEnd - el.selectionStart)).toBe((await area.inputValue()).length);
  await page.screenshot({ path: 'test-results/screens/export-copy-fallback.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('export-menu')).toBeFocused();
});

test('the menu works from the keyboard', async ({ page }) => {
  await page.goto('/');
  await waitForDone(page);
  const button = page.getByTestId('export-menu');
  await expect(button).toHaveAttribute('aria-haspopup', 'menu');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('copy-latex')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('copy-plain')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  // Wraps to the last item (a plot's SVG).
  await expect(page.locator('[role="menuitem"]').last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('copy-latex')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(button).toBeFocused();
  // Enter on an item runs it: the data file downloads.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('copy-latex')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('export-data')).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('lorenz-data.csv');
});

/** A page with other settings than the defaults: the restored equations must be these, not Lorenz's. */
const CUSTOM = '/?sys=van_der_pol&noise=1&seed=7&deg=3&thr=0.05&deriv=savgol&sgw=15&sgo=3';

test('an exported configuration restores the same equations in a fresh page: chosen, then dropped', async ({ page, context }) => {
  await page.goto(CUSTOM);
  await waitForDone(page);
  const equations = await recoveredTex(page);
  const config = await exportFile(page, 'export-config');
  expect(config.name).toBe('van-der-pol-config.json');

  const fresh = await context.newPage();
  const errors = watchErrors(fresh);
  await fresh.goto('/');
  const run = await waitForDone(fresh);
  expect(await recoveredTex(fresh)).not.toEqual(equations);
  await fresh.getByTestId('config-upload').setInputFiles({ name: config.name, mimeType: 'application/json', buffer: config.body });
  await expect(fresh.getByTestId('message')).toContainText(`Loaded the configuration '${config.name}'`);
  await waitForDone(fresh, run);
  await expect.poll(() => recoveredTex(fresh)).toEqual(equations);
  await expect.poll(() => new URL(fresh.url()).searchParams.get('sys')).toBe('van_der_pol');

  // Dropped anywhere on another fresh page.
  const third = await context.newPage();
  await third.goto('/');
  const run3 = await waitForDone(third);
  await third.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped-config.json', { type: 'application/json' }));
    const target = document.querySelector('[data-testid="equations-recovered"]')!;
    target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, config.text);
  await expect(third.getByTestId('message')).toContainText("Loaded the configuration 'dropped-config.json'");
  await waitForDone(third, run3);
  await expect.poll(() => recoveredTex(third)).toEqual(equations);
  expect(errors).toEqual([]);
});

test('a bad configuration file is refused with its reason, and nothing changes', async ({ page }) => {
  await page.goto('/');
  const run = await waitForDone(page);
  const before = await recoveredTex(page);
  const url = page.url();
  const cases: [string, string, RegExp][] = [
    ['notes.json', 'this is not json', /'notes\.json' is not a configuration: it is not valid JSON/],
    ['other.json', '{"format":"something-else","version":1,"settings":{}}', /not a SINDy Playground configuration: its format is "something-else"/],
    ['future.json', '{"format":"sindy-playground-config","version":99,"settings":{"sys":"rossler"}}', /newer version of the playground \(configuration version 99/],
  ];
  for (const [name, text, message] of cases) {
    await page.getByTestId('config-upload').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(page.locator('.msg.error')).toContainText(message);
    await expect(page.locator('.msg.error')).toContainText('Nothing was changed.');
  }
  expect(Number(await page.getByTestId('fit-status').getAttribute('data-run'))).toBe(run);
  expect(await recoveredTex(page)).toEqual(before);
  expect(page.url()).toEqual(url);
});

test('uploaded data: the exports name the file, the configuration leaves its contents out and asks for it', async ({ page, context }) => {
  await page.goto('/');
  const run = await waitForDone(page);
  const lines = ['time,x,y,trajectory'];
  [2, -1].forEach((a, k) => {
    for (let i = 0; i < 300; i++) { const t = i * 0.01; const d = a * Math.exp(-0.5 * t); lines.push(`${t},${d * Math.cos(2 * t)},${-d * Math.sin(2 * t)},run${k}`); }
  });
  const csv = lines.join('\n') + '\n';
  await page.getByTestId('csv-upload').setInputFiles({ name: 'two runs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await waitForDone(page, run);
  const equations = await recoveredTex(page);

  const data = await exportFile(page, 'export-data');
  expect(data.name).toBe('two-runs-data.csv');
  const d = csvRows(data.text);
  expect(d.header).toEqual(['trajectory', 'time', 'x', 'y']);
  expect(d.rows).toHaveLength(600);
  expect(new Set(d.rows.map((r) => r[0]))).toEqual(new Set([1, 2]));

  const py = await exportFile(page, 'export-pysindy');
  expect(py.name).toBe('two-runs-stlsq-fit.py');
  expect(py.text).toContain('CSV_NAME = "two-runs-data.csv"');
  expect(py.text).toContain('TIME_COLUMN = "time"');
  expect(py.text).toContain('TRAJECTORY_COLUMN = "trajectory"');
  expect(py.text).toContain('multiple_trajectories=True');

  const config = await exportFile(page, 'export-config');
  expect(config.name).toBe('two-runs-config.json');
  expect(config.text).toContain("'two runs.csv'");
  expect(config.text).not.toContain('0.01');
  expect(config.text).not.toContain('run1');

  const fresh = await context.newPage();
  await fresh.goto('/');
  await waitForDone(fresh);
  await fresh.getByTestId('config-upload').setInputFiles({ name: config.name, mimeType: 'application/json', buffer: config.body });
  await expect(fresh.getByTestId('message')).toContainText("load that file (Data → Upload CSV)");
  await expect(fresh.getByTestId('fit-status')).toContainText('waiting for the file');
  await fresh.getByTestId('csv-upload').setInputFiles({ name: 'two runs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await waitForDone(fresh);
  await expect.poll(() => recoveredTex(fresh)).toEqual(equations);
});

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }], ['projector', { width: 1920, height: 1080 }]] as const) {
  test(`the open menu on a ${name} screen fits the viewport`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await waitForDone(page);
    await page.getByTestId('export-menu').scrollIntoViewIfNeeded();
    await openMenu(page);
    const menu = page.getByRole('menu', { name: 'Export' });
    const box = (await menu.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: `test-results/screens/export-menu-${name}.png` });
    // The plots at the end of the menu, and a confirmation after a save.
    await menu.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.screenshot({ path: `test-results/screens/export-menu-${name}-plots.png` });
    await page.getByTestId('export-config').click();
    await expect(page.getByTestId('export-status')).toContainText('Saved lorenz-config.json');
    await page.screenshot({ path: `test-results/screens/export-saved-${name}.png` });
  });
}

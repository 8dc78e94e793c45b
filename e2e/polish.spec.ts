/// <reference lib="dom" />
/**
 * The last classroom defects (issue 12): one term count for the heatmap, the Pareto marker, the
 * threshold and the equations; readable heatmaps at degree 5 and with an ensemble; the 3D
 * portrait turned from the keyboard; the noise lab's overlapping curves and its ensemble.
 */
import type { Page } from '@playwright/test';
import { expect, recoveredTex, test, waitForDone, watchErrors } from './helpers';

/** Terms of one equation's LaTeX: the signs between terms at brace and bracket depth 0. */
function termsOf(tex: string): number {
  const rhs = tex.includes('=') ? tex.slice(tex.lastIndexOf('=') + 1) : tex;
  if (rhs.trim() === '0') return 0;
  let depth = 0;
  let n = 1;
  for (let i = 0; i < rhs.length; i++) {
    const c = rhs[i]!;
    if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') depth--;
    else if (depth === 0 && (rhs.startsWith(' + ', i) || rhs.startsWith(' - ', i))) n++;
  }
  return n;
}

/** The four counts that must agree: heatmap caption, Pareto marker, threshold readout, equations. */
async function counts(page: Page): Promise<{ heatmap: number; pareto: number | null; threshold: number; equations: number }> {
  const caption = (await page.getByTestId('heatmap-caption').textContent()) ?? '';
  const readout = (await page.getByTestId('threshold-kept').textContent()) ?? '';
  const pareto = await page.evaluate(() => {
    const gd = document.querySelector('[data-testid="pareto-plot"] .js-plotly-plot') as (HTMLElement & { data?: { name?: string; x?: number[] }[] }) | null;
    const marker = gd?.data?.find((t) => t.name?.startsWith('current'));
    return marker?.x?.[0] ?? null;
  });
  const tex = (await recoveredTex(page)).split('\n').filter((t) => t.trim() !== '');
  return {
    heatmap: Number(/^(\d+) of/.exec(caption)?.[1] ?? NaN),
    pareto,
    threshold: Number(/keeps (\d+) of/.exec(readout)?.[1] ?? NaN),
    equations: tex.reduce((sum, t) => sum + termsOf(t), 0),
  };
}

/** Polls until the four counts are one number (each is written a little after the fit arrives); returns it. */
async function expectAgreement(page: Page): Promise<number> {
  let last = { heatmap: NaN, pareto: null as number | null, threshold: NaN, equations: NaN };
  await expect.poll(async () => {
    last = await counts(page);
    return [...new Set([last.heatmap, last.pareto, last.threshold, last.equations])];
  }, { message: 'heatmap, Pareto marker, threshold readout and equations count the same terms', timeout: 60_000 }).toHaveLength(1);
  expect(Number.isInteger(last.heatmap), JSON.stringify(last)).toBe(true);
  return last.heatmap;
}

test('12: with custom terms the heatmap, the Pareto marker, the threshold and the equations count the same terms', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/?v=2&sys=rational_oscillator&term=${encodeURIComponent('y/(1+y)')}&term=${encodeURIComponent('x/(1+x)')}&thr=0.05`);
  let run = await waitForDone(page);
  await page.getByTestId('pareto-plot').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('pareto-plot').locator('.main-svg').first()).toBeAttached();
  // The case: "10 of 24 kept" on the heatmap while the Pareto marker sat at 19.
  const kept = await expectAgreement(page);
  expect(kept).toBeGreaterThan(2);
  // The kept coefficients below λ are explained, with the way to threshold the least-squares values.
  const below = page.getByTestId('below-threshold');
  await expect(below).toContainText('smaller than λ = 0.05');
  await below.getByRole('button', { name: 'Set ridge α to 0' }).click();
  run = await waitForDone(page, run);
  await expect.poll(() => new URL(page.url()).searchParams.get('alpha')).toBe('0');
  // Now exactly the two rational terms remain, and everything says 2.
  await expect.poll(async () => (await counts(page)).heatmap).toBe(2);
  expect(await expectAgreement(page)).toBe(2);
  await expect(below).toHaveCount(0);

  // A point picked from the sweep keeps exactly that point's terms.
  const pick = page.getByTestId('pareto-pick');
  const option = pick.locator('option').nth(2);
  const label = (await option.textContent()) ?? '';
  const want = Number(/: (\d+) terms/.exec(label)?.[1]);
  await pick.selectOption((await option.getAttribute('value'))!);
  await waitForDone(page, run);
  await expect.poll(async () => (await counts(page)).heatmap).toBe(want);
  expect(await expectAgreement(page)).toBe(want);
  expect(errors).toEqual([]);
});

test('13: the 3D phase portrait turns from the keyboard when focused, and keeps its view through a refit', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz');
  const run = await waitForDone(page);
  const plot = page.getByTestId('phase-plot');
  await plot.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('phase-hint')).toContainText('← → ↑ ↓');
  const eye = () => page.evaluate(() => {
    const gd = document.querySelector('[data-testid="phase-plot"] .js-plotly-plot') as (HTMLElement & { _fullLayout?: { scene?: { camera?: { eye?: { x: number; y: number; z: number } } } } }) | null;
    const e = gd?._fullLayout?.scene?.camera?.eye;
    return e ? { az: Math.atan2(e.y, e.x) * 180 / Math.PI, el: Math.asin(e.z / Math.hypot(e.x, e.y, e.z)) * 180 / Math.PI } : null;
  });
  await expect.poll(eye, { timeout: 60_000 }).not.toBeNull();
  const start = (await eye())!;
  await plot.focus();
  await expect(plot).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => Math.round((await eye())!.az - start.az)).toBe(30);
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => Math.round((await eye())!.el - start.el)).toBe(10);
  const turned = (await eye())!;
  // A refit (new threshold) redraws the portrait with the new model; the view stays where the keys put it.
  await page.getByTestId('threshold').focus();
  await page.keyboard.press('PageUp');
  await waitForDone(page, run);
  await expect.poll(async () => {
    const e = (await eye())!;
    return [Math.round(e.az), Math.round(e.el)];
  }).toEqual([Math.round(turned.az), Math.round(turned.el)]);
  // 0 brings the starting view back.
  await plot.focus();
  await page.keyboard.press('0');
  await expect.poll(async () => Math.round((await eye())!.az)).toBe(Math.round(start.az));
  expect(errors).toEqual([]);
});

test('13: at degree 5 every one of the 56 heatmap labels is printed, whole or clearly shortened, and none overlaps another', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz&deg=5');
  await waitForDone(page);
  const plot = page.getByTestId('coefficient-plot');
  await plot.scrollIntoViewIfNeeded();
  await expect(plot.locator('.main-svg').first()).toBeAttached();
  const labels = () => plot.evaluate((el) => {
    const boxes = Array.from(el.querySelectorAll('.ytick text, .xtick text, .x2tick text')).map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent ?? '', x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
    });
    const svg = el.querySelector('.main-svg')!.getBoundingClientRect();
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) for (let k = i + 1; k < boxes.length; k++) {
      const a = boxes[i]!, b = boxes[k]!;
      if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5) overlaps++;
    }
    const outside = boxes.filter((b) => b.x0 < svg.left - 0.5 || b.x1 > svg.right + 0.5).length;
    return { texts: boxes.map((b) => b.text), overlaps, outside, minHeight: Math.min(...boxes.map((b) => b.y1 - b.y0)) };
  });
  await expect.poll(async () => (await labels()).texts.filter((t) => !t.includes('/dt')).length, { timeout: 60_000 }).toBe(56);
  const l = await labels();
  expect(l.overlaps).toBe(0);
  expect(l.outside).toBe(0);
  expect(l.minHeight).toBeGreaterThanOrEqual(10);
  // Degree-5 monomials of x, y, z in PySINDy's order, each printed (none is longer than the label width).
  const terms = l.texts.filter((t) => !t.includes('/dt'));
  expect(terms.slice(0, 4)).toEqual(['1', 'x', 'y', 'z']);
  expect(terms).toContain('x*y^2*z^2');
  expect(terms[55]).toBe('z^5');
  expect(new Set(terms).size).toBe(56);
  expect(errors).toEqual([]);
});

test('13: ensemble cell text is readable: no outline crosses a number, and every number contrasts with its cell (≥ 4.5 : 1)', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz&noise=2&seed=1&thr=0.5&ens=20');
  await waitForDone(page);
  const plot = page.getByTestId('coefficient-plot');
  await plot.scrollIntoViewIfNeeded();
  await expect(plot.locator('text').filter({ hasText: '100%' }).first()).toBeAttached();
  const check = () => plot.evaluate(async (el) => {
    const rect = (e: Element) => { const r = e.getBoundingClientRect(); return { x0: r.left, x1: r.right, y0: r.top, y1: r.bottom }; };
    type Box = ReturnType<typeof rect>;
    // The cells' texts: every text of the figure whose centre lies on the heatmap's raster image.
    const img = el.querySelector('.heatmaplayer image') as SVGImageElement | null;
    if (!img) return { texts: 0, outlines: 0, crossed: 0, worst: 0 };
    const ir = img.getBoundingClientRect();
    const onCells = (t: Element) => {
      const r = t.getBoundingClientRect();
      const cx = (r.left + r.right) / 2;
      const cy = (r.top + r.bottom) / 2;
      return cx > ir.left && cx < ir.right && cy > ir.top && cy < ir.bottom;
    };
    const texts = Array.from(el.querySelectorAll('text')).filter((t) => (t.textContent ?? '').trim() !== '' && onCells(t));
    // Outlines of the true terms: shapes, or the markers drawn over the cells before.
    const outlines = [...Array.from(el.querySelectorAll('.shapelayer path')), ...Array.from(el.querySelectorAll('.scatterlayer .point'))].map(rect);
    const intersects = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    const inside = (a: Box, b: Box, pad: number) => a.x0 >= b.x0 + pad && a.x1 <= b.x1 - pad && a.y0 >= b.y0 + pad && a.y1 <= b.y1 - pad;
    let crossed = 0;
    for (const t of texts) for (const o of outlines) if (intersects(rect(t), o) && !inside(rect(t), o, 1)) crossed++;
    // The cells' colours from the heatmap's raster image, under each text's centre.
    const src = img.getAttribute('href') ?? img.getAttribute('xlink:href') ?? '';
    const bitmap = new Image();
    bitmap.src = src;
    await bitmap.decode();
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.naturalWidth;
    canvas.height = bitmap.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const lum = (rgb: number[]) => {
      const lin = rgb.map((v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
    };
    const parse = (css: string) => (/rgba?\(([^)]+)\)/.exec(css)?.[1] ?? '0,0,0').split(',').slice(0, 3).map((v) => Number(v.trim()));
    let worst = Infinity;
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      const cx = Math.floor(((r.left + r.right) / 2 - ir.left) * canvas.width / ir.width);
      const cy = Math.floor(((r.top + r.bottom) / 2 - ir.top) * canvas.height / ir.height);
      const cell = Array.from(ctx.getImageData(Math.max(0, Math.min(canvas.width - 1, cx)), Math.max(0, Math.min(canvas.height - 1, cy)), 1, 1).data).slice(0, 3);
      const fg = parse(getComputedStyle(t).fill);
      const [hi, lo] = [lum(cell), lum(fg)].sort((a, b) => b - a) as [number, number];
      worst = Math.min(worst, (hi + 0.05) / (lo + 0.05));
    }
    return { texts: texts.length, outlines: outlines.length, crossed, worst };
  });
  await expect.poll(async () => (await check()).texts, { timeout: 60_000 }).toBeGreaterThan(8);
  const c = await check();
  expect(c.outlines).toBe(7);
  expect(c.crossed).toBe(0);
  expect(c.worst).toBeGreaterThanOrEqual(4.5);
  expect(errors).toEqual([]);
});

test('9: the noise lab keeps every curve visible where methods score the same, and says why the ensemble does worse than its base', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=2&sys=lorenz&view=lab&lab.noise=0,1,2&lab.methods=fd,savgol,ensemble&lab.seeds=2');
  await expect(page.getByTestId('lab-status')).toContainText('done · 18 fits', { timeout: 150_000 });
  const plot = page.getByTestId('lab-success-plot');
  await plot.scrollIntoViewIfNeeded();
  await expect(plot.locator('.main-svg').first()).toBeAttached();
  // Marker centres per curve; curves that score the same used to sit exactly on one another.
  const markers = () => plot.evaluate((el) => Array.from(el.querySelectorAll('.scatterlayer .trace')).map((tr) =>
    Array.from(tr.querySelectorAll('.point')).map((p) => { const r = p.getBoundingClientRect(); return [(r.left + r.right) / 2, (r.top + r.bottom) / 2] as [number, number]; })));
  await expect.poll(async () => (await markers()).map((c) => c.length), { timeout: 60_000 }).toEqual([3, 3, 3]);
  const curves = await markers();
  let closest = Infinity;
  for (let a = 0; a < curves.length; a++) for (let b = a + 1; b < curves.length; b++) {
    for (const [x1, y1] of curves[a]!) for (const [x2, y2] of curves[b]!) closest = Math.min(closest, Math.hypot(x1 - x2, y1 - y2));
  }
  expect(closest, 'nearest markers of two different curves, px').toBeGreaterThanOrEqual(6);

  // The table's numbers: successes per method and level.
  await page.getByText('Table of the sweep').click();
  const table = page.getByTestId('lab-table');
  const levels = (await table.locator('thead th').allTextContents()).slice(1).map((t) => t.replace('% noise', ''));
  const rows = new Map<string, number[]>();
  for (const tr of await table.locator('tbody tr').all()) {
    const name = (await tr.locator('th').textContent())!;
    rows.set(name, (await tr.locator('td').allTextContents()).map((t) => Number(/^(\d+)\//.exec(t)![1])));
  }
  const fd = rows.get('Finite differences')!;
  const ens = rows.get('Ensemble (E-SINDy)')!;
  const sg = rows.get('Savitzky–Golay')!;
  // Coinciding curves are named under the plot when two methods have the same successes at every level.
  if (JSON.stringify(fd) === JSON.stringify(sg)) await expect(page.getByTestId('lab-overlap-success')).toContainText('Finite differences and Savitzky–Golay');
  // The observation: the ensemble recovers fewer exact models than plain finite differences…
  const worse = levels.filter((_, k) => ens[k]! < fd[k]!);
  expect(worse.length).toBeGreaterThan(0);
  // …and the lab says where, with the same numbers, and why.
  const note = page.getByTestId('lab-ensemble-note');
  for (const l of worse) {
    const k = levels.indexOf(l);
    await expect(note).toContainText(`${l} % (${ens[k]} of 2 exact against ${fd[k]} of 2)`);
  }
  await expect(note).toContainText('its base, finite differences');
  await expect(note).toContainText('bootstrap resample');
  expect(errors).toEqual([]);
});

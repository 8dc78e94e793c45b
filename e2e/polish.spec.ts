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
  await below.getByRole('button', { name: /α = 0/ }).click();
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

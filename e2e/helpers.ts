/// <reference lib="dom" />
import { expect, type Page } from '@playwright/test';

/** Console errors and uncaught exceptions of a page, collected from the start. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
  return errors;
}

/** Waits until the fit status says done for a run newer than `afterRun`; returns its run id. */
export async function waitForDone(page: Page, afterRun = -1, timeout = 30_000): Promise<number> {
  const status = page.getByTestId('fit-status');
  await expect(async () => {
    const run = Number(await status.getAttribute('data-run'));
    expect(run).toBeGreaterThan(afterRun);
    await expect(status).toContainText('done', { timeout: 500 });
  }).toPass({ timeout });
  return Number(await status.getAttribute('data-run'));
}

/** The recovered equations as text (KaTeX's MathML annotation holds the LaTeX source). */
export async function recoveredTex(page: Page): Promise<string> {
  return (await page.getByTestId('equations-recovered').locator('annotation').allTextContents()).join('\n');
}

/**
 * A full-page screenshot into test-results/screens. With `allPlots`, scrolls down first so that
 * every lazily drawn plot (they draw when near the viewport) is on the picture.
 */
export async function shot(page: Page, name: string, allPlots = false): Promise<void> {
  if (allPlots) {
    const height = await page.evaluate(() => document.body.scrollHeight);
    for (let y = 0; y <= height; y += 500) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(100);
    }
    await expect(async () => {
      const pending = await page.evaluate(() => Array.from(document.querySelectorAll('.plot')).filter((p) => !p.querySelector('.main-svg')).length);
      expect(pending).toBe(0);
    }).toPass({ timeout: 20_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** A damped linear oscillator sampled exactly: ẋ = −0.5x + 2y, ẏ = −2x − 0.5y. */
export function oscillatorCsv(n = 400, dt = 0.01): string {
  const lines = ['t,x,y'];
  for (let i = 0; i < n; i++) {
    const t = i * dt;
    const d = Math.exp(-0.5 * t);
    lines.push(`${t},${2 * d * Math.cos(2 * t)},${-2 * d * Math.sin(2 * t)}`);
  }
  return lines.join('\n') + '\n';
}

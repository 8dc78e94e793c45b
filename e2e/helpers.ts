/// <reference lib="dom" />
/**
 * What every browser test shares. Specs import `test` and `expect` from here, never from
 * @playwright/test: `test` carries the fixture that fails a test if any request left the page's
 * origin (the playground promises that nothing, data above all, leaves the browser).
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export { expect };

/** Whether a request stays with the page: same origin as the preview server, or a data:/blob: URL. */
export function isOwnRequest(url: string, origin: string): boolean {
  const u = new URL(url);
  return u.protocol === 'data:' || u.protocol === 'blob:' || u.origin === origin;
}

export const test = base.extend<{ offOrigin: string[] }>({
  /**
   * Every request of the test's browser context (all its pages and their workers) whose origin is
   * not the preview server's, checked when the test ends. A test that provokes one on purpose
   * empties the list after asserting on it.
   */
  offOrigin: [async ({ context, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const outside: string[] = [];
    const record = (url: string) => { if (!isOwnRequest(url, origin)) outside.push(url); };
    context.on('request', (r) => record(r.url()));
    context.on('page', (p) => p.on('websocket', (ws) => outside.push(ws.url())));
    await use(outside);
    expect(outside, `requests that left ${origin}`).toEqual([]);
  }, { auto: true }],
});

/**
 * Polls the page's URL until its query parameter `name` is `value` (null: absent). The URL is
 * written a little after a change (throttled replaceState): read once, it may be the old one.
 */
export async function expectParam(page: Page, name: string, value: string | null, timeout?: number): Promise<void> {
  await expect.poll(() => new URL(page.url()).searchParams.get(name), { message: `URL parameter '${name}'`, timeout }).toBe(value);
}

/**
 * Clicks `button` and returns how many animation frames the page painted between the click and
 * the moment the element with test id `statusId` contains `text`. 0 or 1 means the change came
 * with the click itself, not after a timer or a reply from a worker; frames are counted by the
 * page, so a busy machine slows both sides alike (no wall-clock bound).
 */
export async function framesUntil(page: Page, button: Locator, statusId: string, text: string): Promise<number> {
  await page.evaluate(([id, want]) => {
    const w = window as unknown as { __framesUntil?: Promise<number> };
    w.__framesUntil = new Promise<number>((resolve) => {
      let frames = -1;
      let done = false;
      const tick = () => { if (done) return; frames++; requestAnimationFrame(tick); };
      window.addEventListener('click', () => { frames = 0; requestAnimationFrame(tick); }, { capture: true, once: true });
      const mo = new MutationObserver(() => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        if (frames < 0 || !el?.textContent?.includes(want)) return;
        done = true;
        mo.disconnect();
        resolve(frames);
      });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, [statusId, text] as const);
  await button.click();
  return page.evaluate(() => (window as unknown as { __framesUntil: Promise<number> }).__framesUntil);
}

/** Console errors and uncaught exceptions of a page, collected from the start. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
  return errors;
}

/** Waits until the fit status says done for a run newer than `afterRun`; returns its run id. */
export async function waitForDone(page: Page, afterRun = -1, timeout = 90_000): Promise<number> {
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
    }).toPass({ timeout: 60_000 });
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

/// <reference lib="dom" />
/**
 * Offline after the first visit (the service worker of build/precache.ts and src/sw/), and a new
 * version that announces itself. The other specs block service workers (playwright.config.ts);
 * these allow them. Each test has a fresh browser context: no worker carries over.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, shot, test, waitForDone, watchErrors } from './helpers';

test.use({ serviceWorkers: 'allow' });

const PREFIX = 'sindy-precache-';

/** The precache list that sw.js carries (fetched while online). */
async function precacheList(page: Page): Promise<{ version: string; urls: string[] }> {
  const script = await (await page.request.get('/sw.js')).text();
  const json = /^const PRECACHE = (.*);$/m.exec(script)?.[1];
  expect(json, 'sw.js carries its precache list').toBeTruthy();
  const manifest = JSON.parse(json!) as { version: string; entries: { url: string }[] };
  return { version: manifest.version, urls: manifest.entries.map((e) => e.url) };
}

/** Waits until a service worker has activated and controls the page. */
async function waitForControl(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), { timeout: 60_000 }).toBe('activated');
}

const SW_FILE = fileURLToPath(new URL('../dist/sw.js', import.meta.url));
let deployed: string | null = null;

/**
 * A deploy: the server's sw.js becomes version `next` (same files; the version has the same
 * length, so the file's size stays right) until the test ends. The browser checks sw.js for a
 * new version outside the page, where page.route cannot answer, so the file itself changes.
 */
function deploy(version: string, next: string): void {
  const original = readFileSync(SW_FILE, 'utf8');
  expect(original, "the preview server serves this checkout's dist/sw.js").toContain(`"version":"${version}"`);
  deployed = original;
  writeFileSync(SW_FILE, original.replaceAll(version, next));
}

test.afterEach(() => {
  if (deployed !== null) writeFileSync(SW_FILE, deployed);
  deployed = null;
});

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

/** The files the page's cache holds, as paths relative to the site. */
async function cachedPaths(page: Page, name: string): Promise<string[]> {
  return page.evaluate(async (n) => {
    const keys = await (await caches.open(n)).keys();
    return keys.map((r) => new URL(r.url).pathname.slice(1)).sort();
  }, name);
}

test('after a first visit the page loads, fits and draws its plots with the network off', async ({ page, context }) => {
  const errors = watchErrors(page);
  const list = await precacheList(page);
  // What must be there to work offline: the app, the workers, and the lazily loaded chunks.
  for (const part of [/^index\.html$/, /^assets\/index-.*\.js$/, /^assets\/fitWorker-.*\.js$/, /^assets\/labWorker-.*\.js$/,
    /^assets\/plotlyCore-.*\.js$/, /^assets\/plotly3d-.*\.js$/, /^assets\/katex-.*\.js$/, /^assets\/katex-.*\.css$/,
    /^assets\/KaTeX_Main-Regular-.*\.woff2$/, /^manifest\.webmanifest$/, /^icons\/icon-192\.png$/]) {
    expect(list.urls.some((u) => part.test(u)), `the precache list has ${part}`).toBe(true);
  }

  await page.goto('/');
  await waitForDone(page);
  await expect(page.getByTestId('trajectory-plot').locator('.main-svg').first()).toBeVisible();
  await waitForControl(page);
  // The install stored every listed file, in the cache of this version, and nothing else.
  expect(await cacheNames(page)).toEqual([PREFIX + list.version]);
  expect(await cachedPaths(page, PREFIX + list.version)).toEqual([...list.urls].sort());

  await context.setOffline(true);
  // Really offline: a request the cache cannot answer fails.
  expect(await page.evaluate(() => fetch('/not-cached.txt').then(() => 'answered', () => 'failed'))).toBe('failed');
  await expect.poll(() => errors).toEqual(['Failed to load resource: net::ERR_FAILED']);
  errors.length = 0;
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
  await waitForDone(page);
  await expect(page.getByTestId('equations-recovered').locator('.katex')).toHaveCount(3);
  await expect(page.getByTestId('fit-summary')).toContainText('exact support recovered');
  // Every plot draws, the 3D phase portrait (its own Plotly chunk) too.
  await shot(page, 'offline-lorenz', true);
  await expect(page.getByTestId('phase-plot').locator('.main-svg').first()).toBeAttached();

  // A new system regenerates data and fits again, offline.
  const run = Number(await page.getByTestId('fit-status').getAttribute('data-run'));
  await page.getByTestId('system-select').selectOption('lotka_volterra');
  await waitForDone(page, run);
  await expect(page.getByTestId('equations-recovered').locator('.katex')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('a new version announces itself and takes over only when the user reloads', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await waitForDone(page);
  await waitForControl(page);
  const { version } = await precacheList(page);
  const oldCache = PREFIX + version;
  expect(await cacheNames(page)).toEqual([oldCache]);
  await expect(page.getByTestId('update-banner')).toHaveCount(0);

  const next = [...version].reverse().join('');
  deploy(version, next);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));

  const banner = page.getByTestId('update-banner');
  await expect(banner).toBeVisible({ timeout: 60_000 });
  await expect(banner).toContainText('A new version is available');
  await shot(page, 'update-banner');
  // The new version installed beside the old one, which still serves this page.
  expect((await cacheNames(page)).sort()).toEqual([oldCache, PREFIX + next].sort());
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.waiting?.state ?? 'none'))).toBe('installed');
  // The page keeps working on the old version until the user reloads.
  const run = Number(await page.getByTestId('fit-status').getAttribute('data-run'));
  await page.getByTestId('threshold').fill('0.7');
  await waitForDone(page, run);

  await page.evaluate(() => { (window as unknown as { beforeReload: boolean }).beforeReload = true; });
  const loaded = page.waitForEvent('load', { timeout: 60_000 });
  await page.getByTestId('update-reload').click();
  await loaded;
  expect(await page.evaluate(() => 'beforeReload' in window), 'the page reloaded').toBe(false);
  await waitForDone(page);
  await expect.poll(() => cacheNames(page)).toEqual([PREFIX + next]);
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '')).toMatch(/\/sw\.js$/);
  expect(errors).toEqual([]);
});

test('Later hides the banner and keeps the old version', async ({ page }) => {
  await page.goto('/');
  await waitForControl(page);
  const { version } = await precacheList(page);
  deploy(version, 'f'.repeat(16));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));
  const banner = page.getByTestId('update-banner');
  await expect(banner).toBeVisible({ timeout: 60_000 });
  // On every screen the banner is whole, inside the window, and leaves the settings button free.
  for (const [name, width, height] of [['desktop', 1280, 800], ['phone', 390, 844], ['projector', 1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    const box = (await banner.boundingBox())!;
    expect(box.x, name).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, name).toBeLessThanOrEqual(width);
    expect(box.y + box.height, name).toBeLessThanOrEqual(height);
    const toggle = page.getByTestId('settings-toggle');
    if (await toggle.isVisible()) {
      const t = (await toggle.boundingBox())!;
      expect(box.y + box.height <= t.y || t.y + t.height <= box.y, `${name}: the banner covers the settings button`).toBe(true);
    }
    await page.screenshot({ path: `test-results/screens/update-banner-${name}.png` });
  }
  await page.getByTestId('update-later').click();
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.waiting?.state ?? 'none'))).toBe('installed');
  expect(await cacheNames(page)).toContain(PREFIX + version);
});

test('the app is installable: a web manifest without errors, icons of the sizes it names', async ({ page, context }) => {
  await page.goto('/');
  await waitForControl(page);
  const cdp = await context.newCDPSession(page);
  const { errors, url } = await cdp.send('Page.getAppManifest');
  expect(url).toMatch(/\/manifest\.webmanifest$/);
  expect(errors).toEqual([]);
  // Chromium's own check; a test browser's context is private ('in-incognito'), nothing else may fail.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', /^#[0-9a-f]{6}$/i);

  const manifest = await (await page.request.get(url)).json() as {
    display: string; start_url: string; theme_color: string; icons: { src: string; sizes: string; type: string; purpose: string }[];
  };
  expect(manifest.display).toBe('standalone');
  expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color);
  const pngs = manifest.icons.filter((i) => i.type === 'image/png');
  expect(pngs.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i) => i.purpose.includes('maskable'))).toBe(true);
  for (const icon of [...pngs, { src: 'icons/apple-touch-icon.png', sizes: '180x180' }]) {
    const png = await (await page.request.get(new URL(icon.src, url).href)).body();
    // The PNG header's width and height (IHDR, bytes 16–23).
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
  }
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/icons/apple-touch-icon.png');
});

/**
 * The app's icons (web manifest, apple-touch-icon, favicon): the Lorenz butterfly — the x–z
 * projection of a trajectory, integrated by the playground's own engine — white on the accent
 * blue of src/ui/styles.css. Run once when the design changes; the outputs are committed:
 *
 *   npx tsx build/icons.ts        (renders the PNGs with the system Chromium, as the e2e tests do)
 *
 * Writes public/icons/: icon.svg (rounded square, purpose "any"), icon-maskable.svg (full bleed,
 * the curve inside the central 80 % circle that every mask keeps), and PNGs of both:
 * icon-192.png, icon-512.png, icon-maskable-512.png, apple-touch-icon.png (180, opaque).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { integrate } from '../src/core/integrate/integrate';
import { defaultParams, getSystem } from '../src/core/systems/registry';

const OUT = new URL('../public/icons/', import.meta.url);
const ACCENT = '#0072b2';
const SIZE = 512;

/** The butterfly as an SVG path, fitted into a centred square of side `span` (viewBox units). */
function butterflyPath(span: number): string {
  const lorenz = getSystem('lorenz')!;
  const dt = 0.01;
  const times = Float64Array.from({ length: 1601 }, (_, k) => k * dt);
  // Start on the attractor (after a transient from the system's default initial state).
  const { y, nOk } = integrate(lorenz.rhs(defaultParams(lorenz)), [1.51, -1.53, 25.46], times, { method: 'dopri5' });
  const xs: number[] = [], zs: number[] = [];
  for (let k = 0; k < nOk; k++) { xs.push(y[3 * k]!); zs.push(y[3 * k + 2]!); }
  const [x0, x1, z0, z1] = [Math.min(...xs), Math.max(...xs), Math.min(...zs), Math.max(...zs)];
  const scale = span / Math.max(x1 - x0, z1 - z0);
  const ox = (SIZE - (x1 - x0) * scale) / 2, oz = (SIZE - (z1 - z0) * scale) / 2;
  // z upwards, as the attractor is always drawn.
  const pts = xs.map((x, k) => `${(ox + (x - x0) * scale).toFixed(1)} ${(SIZE - oz - (zs[k]! - z0) * scale).toFixed(1)}`);
  return `M${pts.join('L')}`;
}

function svg(maskable: boolean): string {
  const span = maskable ? 280 : 380;
  const background = maskable
    ? `<rect width="${SIZE}" height="${SIZE}" fill="${ACCENT}"/>`
    : `<rect width="${SIZE}" height="${SIZE}" rx="96" fill="${ACCENT}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}">
<title>SINDy Playground</title>
${background}
<path d="${butterflyPath(span)}" fill="none" stroke="#fff" stroke-width="${maskable ? 5 : 6}" stroke-linejoin="round" stroke-linecap="round" stroke-opacity="0.92"/>
</svg>
`;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const any = svg(false), maskable = svg(true);
  writeFileSync(new URL('icon.svg', OUT), any);
  writeFileSync(new URL('icon-maskable.svg', OUT), maskable);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const renders: [string, string, number][] = [
      ['icon-192.png', any, 192], ['icon-512.png', any, 512],
      ['icon-maskable-512.png', maskable, 512], ['apple-touch-icon.png', maskable, 180],
    ];
    for (const [name, source, px] of renders) {
      const page = await browser.newPage({ viewport: { width: px, height: px }, deviceScaleFactor: 1 });
      const src = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
      await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${px}" height="${px}">`);
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      await page.screenshot({ path: new URL(name, OUT).pathname, omitBackground: true });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

await main();

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileWorker, isPrecached, precacheManifest, serviceWorkerScript, type BuiltFile } from '../../build/precache';

const file = (path: string, text = path): BuiltFile => ({ path, bytes: new TextEncoder().encode(text) });
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const site = (): BuiltFile[] => [
  file('index.html', '<!doctype html>'),
  file('assets/index-a1.js', 'app'),
  file('assets/plotlyCore-b2.js', 'plotly'),
  file('assets/katex-c3.css', 'katex css'),
  file('assets/KaTeX_Main-Regular-d4.woff2', 'woff2'),
  file('assets/fitWorker-e5.js', 'worker'),
  file('manifest.webmanifest', '{}'),
  file('icons/icon-192.png', 'png'),
];
const WORKER = 'function serviceWorker() {}';

describe('precache list', () => {
  it('lists every file of the site with its SHA-256 and size, sorted by path', () => {
    const m = precacheManifest(site(), WORKER);
    expect(m.entries.map((e) => e.url)).toEqual(site().map((f) => f.path).sort());
    for (const f of site()) {
      const text = new TextDecoder().decode(f.bytes);
      expect(m.entries.find((e) => e.url === f.path)).toEqual({ url: f.path, sha256: sha(text), bytes: f.bytes.byteLength });
    }
    expect(m.shell).toBe('index.html');
    expect(m.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('leaves out the service worker, source maps, dotfiles and the KaTeX fonts no service-worker browser reads', () => {
    for (const path of ['sw.js', 'assets/index-a1.js.map', '.DS_Store', 'icons/.hidden',
      'assets/KaTeX_Main-Regular-x.woff', 'assets/KaTeX_Main-Regular-x.ttf']) {
      expect(isPrecached(path), path).toBe(false);
    }
    for (const path of ['assets/KaTeX_Main-Regular-x.woff2', 'fonts/other.woff', 'lynx_hare.csv', 'data/sw.js']) {
      expect(isPrecached(path), path).toBe(true);
    }
    const m = precacheManifest([...site(), file('sw.js'), file('assets/index-a1.js.map'), file('assets/KaTeX_Main-Regular-d4.ttf')], WORKER);
    expect(m.entries.map((e) => e.url)).toEqual(site().map((f) => f.path).sort());
  });

  it('writes paths with forward slashes and without a leading slash', () => {
    const m = precacheManifest([file('index.html'), file('assets\\win-1.js'), file('/lynx_hare.csv')], WORKER);
    expect(m.entries.map((e) => e.url)).toEqual(['assets/win-1.js', 'index.html', 'lynx_hare.csv']);
  });

  it('keeps the later of two files with one path (a built file over a public/ one)', () => {
    const m = precacheManifest([file('index.html'), file('robots.txt', 'public'), file('robots.txt', 'built')], WORKER);
    expect(m.entries.find((e) => e.url === 'robots.txt')!.sha256).toBe(sha('built'));
  });

  it('gives a new version when any byte of any file changes or the worker changes, and the same one otherwise', () => {
    const base = precacheManifest(site(), WORKER).version;
    expect(precacheManifest([...site()].reverse(), WORKER).version).toBe(base);
    const edited = site().map((f) => (f.path === 'manifest.webmanifest' ? file(f.path, '{ }') : f));
    expect(precacheManifest(edited, WORKER).version).not.toBe(base);
    expect(precacheManifest([...site(), file('lynx_hare.csv')], WORKER).version).not.toBe(base);
    expect(precacheManifest(site(), `${WORKER}\n`).version).not.toBe(base);
  });

  it('refuses a build without index.html, saying why', () => {
    expect(() => precacheManifest([file('assets/index-a1.js')], WORKER)).toThrow(/no index\.html.*offline page/);
  });
});

describe('sw.js', () => {
  const source = readFileSync(new URL('../../src/sw/serviceWorker.ts', import.meta.url), 'utf8');

  it('is a classic script (no import or export) that carries the list and calls the worker', async () => {
    const code = await compileWorker(source);
    const m = precacheManifest(site(), code);
    const script = serviceWorkerScript(m, code);
    expect(() => new Script(script)).not.toThrow();
    expect(script).not.toMatch(/^\s*(import|export)\b/m);
    const json = /^const PRECACHE = (.*);$/m.exec(script)?.[1];
    expect(JSON.parse(json!)).toEqual(m);
    expect(script).toContain(`version ${m.version}`);
    expect(script.trimEnd().endsWith('serviceWorker(self, { ...SETTINGS, manifest: PRECACHE });')).toBe(true);
  });

  it('refuses a worker source that is not one self-contained exported function', async () => {
    await expect(compileWorker('function serviceWorker() {}')).rejects.toThrow(/must export `function serviceWorker/);
    await expect(compileWorker("import { x } from './x';\nexport function serviceWorker() { return x; }")).rejects.toThrow(/self-contained/);
  });
});

/**
 * The service worker as shipped: sw.js is generated from src/sw/serviceWorker.ts by
 * build/precache.ts and run here against an in-memory scope (caches, fetch, events).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWorker, precacheManifest, serviceWorkerScript, WORKER_SETTINGS, type BuiltFile } from '../../build/precache';
import type { PrecacheManifest } from '../../src/sw/manifest';

const ORIGIN = 'https://play.example';
const FILES: Record<string, string> = {
  'index.html': '<!doctype html><title>shell</title>',
  'assets/index-a1.js': 'console.log("app")',
  'assets/plotlyCore-b2.js': 'plotly',
  'lynx_hare.csv': 'year,hare,lynx\n1900,30,4\n',
};
const PREFIX = WORKER_SETTINGS.cachePrefix;

class FakeCache {
  readonly store = new Map<string, Response>();
  async match(key: RequestInfo | URL): Promise<Response | undefined> { return this.store.get(urlOf(key))?.clone(); }
  async put(key: RequestInfo | URL, response: Response): Promise<void> { this.store.set(urlOf(key), response); }
  async text(url: string): Promise<string | undefined> { return this.store.get(url)?.clone().text(); }
}
const urlOf = (key: RequestInfo | URL) => (typeof key === 'string' ? key : key instanceof URL ? key.href : key.url);

class FakeCaches {
  readonly byName = new Map<string, FakeCache>();
  async open(name: string): Promise<FakeCache> {
    if (!this.byName.has(name)) this.byName.set(name, new FakeCache());
    return this.byName.get(name)!;
  }
  async keys(): Promise<string[]> { return [...this.byName.keys()]; }
  async delete(name: string): Promise<boolean> { return this.byName.delete(name); }
}

type Server = (url: string) => Promise<Response>;
/** The server: the files of the site; any other path 404. */
const serve = (files: Record<string, string>): Server => async (url) => {
  const path = new URL(url).pathname.slice(1);
  return path in files ? new Response(files[path], { headers: { 'content-type': 'text/plain' } }) : new Response('missing', { status: 404 });
};

/** A service-worker global scope with in-memory caches and a fetch that asks `server`. */
class FakeScope {
  readonly location = new URL(`${ORIGIN}/sw.js`);
  readonly fetched: string[] = [];
  server: Server;
  skipped = 0;
  claimed = 0;
  private readonly listeners = new Map<string, ((event: unknown) => void)[]>();
  /** `caches`: another scope's, as a new version of the worker finds the old one's. */
  constructor(server: Server, readonly caches = new FakeCaches()) { this.server = server; }
  addEventListener(type: string, fn: (event: unknown) => void) { this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]); }
  fetch = async (input: RequestInfo | URL): Promise<Response> => { this.fetched.push(urlOf(input)); return this.server(urlOf(input)); };
  skipWaiting = async () => { this.skipped++; };
  clients = { claim: async () => { this.claimed++; } };

  /** An install or activate event; resolves when its waitUntil settles. */
  async lifecycle(type: 'install' | 'activate'): Promise<void> {
    const waits: Promise<unknown>[] = [];
    for (const fn of this.listeners.get(type) ?? []) fn({ waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
  }
  message(data: unknown) { for (const fn of this.listeners.get('message') ?? []) fn({ data }); }
  /** A fetch event: the worker's response, or null when it leaves the request to the browser. */
  async request(url: string, init: { method?: string; mode?: 'navigate' } = {}): Promise<Response | null> {
    const request = { url, method: init.method ?? 'GET', mode: init.mode ?? 'cors' } as Request;
    let answer: Promise<Response> | null = null;
    for (const fn of this.listeners.get('fetch') ?? []) fn({ request, respondWith: (p: Promise<Response>) => { answer = p; } });
    return answer;
  }
}

let workerCode = '';
beforeAll(async () => {
  workerCode = await compileWorker(readFileSync(new URL('../../src/sw/serviceWorker.ts', import.meta.url), 'utf8'));
});

const built = (files: Record<string, string>): BuiltFile[] => Object.entries(files).map(([path, text]) => ({ path, bytes: new TextEncoder().encode(text) }));

/** Runs sw.js of a build of `files` in a fresh scope (settings may be overridden for a test). */
function start(files = FILES, settings: Partial<typeof WORKER_SETTINGS> = {}, scope = new FakeScope(serve(FILES))): { scope: FakeScope; manifest: PrecacheManifest } {
  const code = workerCode.replace(/^const SETTINGS = .*$/m, `const SETTINGS = ${JSON.stringify({ ...WORKER_SETTINGS, ...settings })};`);
  const manifest = precacheManifest(built(files), code);
  new Function('self', serviceWorkerScript(manifest, code))(scope);
  return { scope, manifest };
}

describe('service worker: install and activate', () => {
  it('stores every listed file in the cache of its version', async () => {
    const { scope, manifest } = start();
    await scope.lifecycle('install');
    expect(await scope.caches.keys()).toEqual([PREFIX + manifest.version]);
    const cache = await scope.caches.open(PREFIX + manifest.version);
    for (const [path, text] of Object.entries(FILES)) expect(await cache.text(`${ORIGIN}/${path}`), path).toBe(text);
    expect(cache.store.get(`${ORIGIN}/index.html`)!.headers.get('content-type')).toBe('text/plain');
  });

  it('fails the install and drops its cache when the server has other bytes than the list (a deploy during the install)', async () => {
    const { scope, manifest } = start();
    scope.server = serve({ ...FILES, 'assets/plotlyCore-b2.js': 'plotly, next version' });
    await expect(scope.lifecycle('install')).rejects.toThrow(/plotlyCore-b2\.js is not the file of version/);
    expect(await scope.caches.keys()).not.toContain(PREFIX + manifest.version);
  });

  it('fails the install when a listed file is missing on the server, naming it', async () => {
    const { scope } = start();
    scope.server = async (url) => (url.endsWith('lynx_hare.csv') ? new Response('gone', { status: 404 }) : serve(FILES)(url));
    await expect(scope.lifecycle('install')).rejects.toThrow(/lynx_hare\.csv answered HTTP 404/);
  });

  it("copies files an older version's cache holds with the same bytes instead of downloading them", async () => {
    const first = start();
    await first.scope.lifecycle('install');
    // The next build: a new app chunk and index.html; Plotly and the data file unchanged.
    const changed: Record<string, string> = { ...FILES, 'assets/index-a2.js': 'console.log("app 2")', 'index.html': '<!doctype html><title>shell 2</title>' };
    delete changed['assets/index-a1.js'];
    const scope = new FakeScope(serve(changed), first.scope.caches);
    const second = start(changed, {}, scope);
    await scope.lifecycle('install');
    // Only what changed came from the network.
    expect(scope.fetched.sort()).toEqual([`${ORIGIN}/assets/index-a2.js`, `${ORIGIN}/index.html`]);
    const cache = await scope.caches.open(PREFIX + second.manifest.version);
    for (const [path, text] of Object.entries(changed)) expect(await cache.text(`${ORIGIN}/${path}`), path).toBe(text);
  });

  it("activation deletes the older versions' caches, keeps caches that are not ours, and takes control", async () => {
    const { scope, manifest } = start();
    await scope.caches.open(`${PREFIX}0123456789abcdef`);
    await scope.caches.open('someone-else');
    await scope.lifecycle('install');
    await scope.lifecycle('activate');
    expect((await scope.caches.keys()).sort()).toEqual([PREFIX + manifest.version, 'someone-else'].sort());
    expect(scope.claimed).toBe(1);
  });

  it('takes over only when the page asks', () => {
    const { scope } = start();
    scope.message('hello');
    expect(scope.skipped).toBe(0);
    scope.message(WORKER_SETTINGS.skipWaitingMessage);
    expect(scope.skipped).toBe(1);
  });
});

describe('service worker: requests', () => {
  async function installed(settings: Partial<typeof WORKER_SETTINGS> = {}) {
    const s = start(FILES, settings);
    await s.scope.lifecycle('install');
    await s.scope.lifecycle('activate');
    s.scope.fetched.length = 0;
    return s.scope;
  }
  const offline: Server = async () => { throw new TypeError('Failed to fetch'); };

  it('answers listed files from the cache, without the network', async () => {
    const scope = await installed();
    scope.server = offline;
    expect(await (await scope.request(`${ORIGIN}/assets/plotlyCore-b2.js`))!.text()).toBe('plotly');
    expect(scope.fetched).toEqual([]);
  });

  it('never touches cross-origin requests or other methods than GET', async () => {
    const scope = await installed();
    expect(await scope.request('https://elsewhere.example/assets/plotlyCore-b2.js')).toBeNull();
    expect(await scope.request(`${ORIGIN}/assets/plotlyCore-b2.js`, { method: 'POST' })).toBeNull();
  });

  it('serves navigations from the network when it answers, the cached shell when it fails or errs', async () => {
    const scope = await installed();
    scope.server = async () => new Response('fresh page');
    expect(await (await scope.request(`${ORIGIN}/?lesson=noise`, { mode: 'navigate' }))!.text()).toBe('fresh page');
    scope.server = offline;
    expect(await (await scope.request(`${ORIGIN}/?lesson=noise`, { mode: 'navigate' }))!.text()).toBe(FILES['index.html']);
    scope.server = async () => new Response('bad gateway', { status: 502 });
    expect(await (await scope.request(`${ORIGIN}/`, { mode: 'navigate' }))!.text()).toBe(FILES['index.html']);
    // A listed file opened directly (a data file) comes back as itself.
    scope.server = offline;
    expect(await (await scope.request(`${ORIGIN}/lynx_hare.csv`, { mode: 'navigate' }))!.text()).toBe(FILES['lynx_hare.csv']);
  });

  it('serves the cached shell to a navigation the network leaves hanging', async () => {
    const scope = await installed({ navigationTimeoutMs: 5 });
    scope.server = () => new Promise<Response>(() => undefined);
    expect(await (await scope.request(`${ORIGIN}/`, { mode: 'navigate' }))!.text()).toBe(FILES['index.html']);
  });

  it('sends other same-origin requests to the network, falling back to any of our caches', async () => {
    const scope = await installed();
    // A chunk of a newer version, stored by the worker that waits (its cache is ours too).
    await (await scope.caches.open(`${PREFIX}fedcba9876543210`)).put(`${ORIGIN}/assets/new-c3.js`, new Response('new chunk'));
    scope.server = async () => new Response('from the network');
    expect(await (await scope.request(`${ORIGIN}/assets/new-c3.js`))!.text()).toBe('from the network');
    scope.server = offline;
    expect(await (await scope.request(`${ORIGIN}/assets/new-c3.js`))!.text()).toBe('new chunk');
    await expect(scope.request(`${ORIGIN}/not-cached.txt`)).rejects.toThrow(/Failed to fetch/);
  });
});

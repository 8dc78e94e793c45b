/// <reference lib="webworker" />
/**
 * The service worker: the playground works offline after the first visit (classroom Wi-Fi fails).
 *
 * - install: stores every file of this build's precache list in a cache named after the list's
 *   version, checking each download against the SHA-256 the build recorded (a file deployed
 *   during the install fails it, instead of mixing two versions in one cache). Files whose bytes
 *   an older version's cache already holds are copied from there, not downloaded again.
 * - activate: deletes the caches of older versions and takes control of open pages.
 * - fetch: listed files cache-first; page navigations network-first, with the cached app shell
 *   when the network fails or is too slow; other same-origin GETs go to the network and fall back
 *   to any of our caches (a page of the new version, loaded while the old worker still ran, finds
 *   its lazy chunks in the new version's cache). Cross-origin requests are never touched.
 * - A new version waits (the browser's default) until the page asks it to take over (the update
 *   banner's Reload posts SKIP_WAITING): until then the old worker serves the old cache, so a
 *   running page never loads a chunk of another build.
 *
 * build/precache.ts turns this function into sw.js: its types are stripped and it is called with
 * the worker's global scope and the build's list. It must stay self-contained — no imports but
 * types, no module-level helpers.
 */
import type { PrecacheEntry, PrecacheManifest } from './manifest';

export interface ServiceWorkerOptions {
  manifest: PrecacheManifest;
  /** Cache names are cachePrefix + manifest.version. */
  cachePrefix: string;
  /** The message from the page that activates a waiting worker. */
  skipWaitingMessage: string;
  /** A navigation waits this long for the network before the cached shell is served. */
  navigationTimeoutMs: number;
  /** Downloads in flight during the install. */
  parallelDownloads: number;
}

export function serviceWorker(scope: ServiceWorkerGlobalScope, options: ServiceWorkerOptions): void {
  const { manifest, cachePrefix } = options;
  const cacheName = cachePrefix + manifest.version;
  /** Absolute URL → entry: the list's paths are relative to sw.js, which sits at the site's base. */
  const listed = new Map<string, PrecacheEntry>();
  for (const entry of manifest.entries) listed.set(new URL(entry.url, scope.location.href).href, entry);
  const shellUrl = new URL(manifest.shell, scope.location.href).href;

  async function sha256(bytes: ArrayBuffer): Promise<string> {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** A response made from bytes we hold: the body is decoded already, so only the type travels. */
  function stored(body: ArrayBuffer, from: Response): Response {
    const headers = new Headers();
    const type = from.headers.get('content-type');
    if (type) headers.set('content-type', type);
    return new Response(body, { status: 200, headers });
  }

  /** The entry's bytes from one of `caches` if one holds exactly them, else from the network. */
  async function fetchEntry(url: string, entry: PrecacheEntry, caches: Cache[]): Promise<Response> {
    for (const cache of caches) {
      const hit = await cache.match(url);
      if (!hit) continue;
      const body = await hit.arrayBuffer();
      if (await sha256(body) === entry.sha256) return stored(body, hit);
    }
    // 'no-cache': revalidate with the server, never take an old copy from the HTTP cache.
    const response = await scope.fetch(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`precache: ${entry.url} answered HTTP ${response.status}; the install will be retried at the next visit`);
    const body = await response.arrayBuffer();
    if (await sha256(body) !== entry.sha256) {
      throw new Error(`precache: ${entry.url} is not the file of version ${manifest.version} (a newer version was deployed during the install); the install will be retried at the next visit`);
    }
    return stored(body, response);
  }

  async function precacheAll(): Promise<void> {
    const cache = await scope.caches.open(cacheName);
    const names = (await scope.caches.keys()).filter((n) => n.startsWith(cachePrefix) && n !== cacheName);
    // This version's own cache first: an install the browser cut short may have filled part of it.
    const sources = [cache, ...(await Promise.all(names.map((n) => scope.caches.open(n))))];
    const queue = [...listed];
    const download = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [url, entry] = next;
        try {
          await cache.put(url, await fetchEntry(url, entry, sources));
        } catch (error) {
          queue.length = 0; // one failure fails the install: the other downloads stop too
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.parallelDownloads) }, download));
  }

  async function activate(): Promise<void> {
    const names = await scope.caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(cachePrefix) && n !== cacheName).map((n) => scope.caches.delete(n)));
    await scope.clients.claim();
  }

  /** Network first; when the network fails, errs (5xx) or is slow, the cached copy of a listed
   *  file opened directly (a data file), else the cached app shell (the page with any query). */
  async function navigate(request: Request, url: string): Promise<Response> {
    const cachedCopy = async () => (await scope.caches.open(cacheName)).match(listed.has(url) ? url : shellUrl);
    const network = scope.fetch(request);
    network.catch(() => undefined); // may reject after the shell was served
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => { timer = setTimeout(resolve, options.navigationTimeoutMs, 'late'); });
    try {
      const first = await Promise.race([network, late]);
      if (first !== 'late' && first.status < 500) return first;
      return (await cachedCopy()) ?? (await network);
    } catch {
      return (await cachedCopy()) ?? Response.error();
    } finally {
      clearTimeout(timer);
    }
  }

  async function cacheFirst(request: Request, url: string): Promise<Response> {
    return (await (await scope.caches.open(cacheName)).match(url)) ?? scope.fetch(request);
  }

  async function networkThenAnyCache(request: Request): Promise<Response> {
    try {
      return await scope.fetch(request);
    } catch (error) {
      const names = (await scope.caches.keys()).filter((n) => n.startsWith(cachePrefix));
      for (const name of names) {
        const hit = await (await scope.caches.open(name)).match(request);
        if (hit) return hit;
      }
      throw error;
    }
  }

  scope.addEventListener('install', (event) => {
    event.waitUntil(precacheAll().catch(async (error: unknown) => {
      await scope.caches.delete(cacheName);
      throw error;
    }));
  });
  scope.addEventListener('activate', (event) => event.waitUntil(activate()));
  scope.addEventListener('message', (event) => {
    if (event.data === options.skipWaitingMessage) void scope.skipWaiting();
  });
  scope.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== scope.location.origin) return;
    if (request.mode === 'navigate') event.respondWith(navigate(request, url.href));
    else if (listed.has(url.href)) event.respondWith(cacheFirst(request, url.href));
    else event.respondWith(networkThenAnyCache(request));
  });
}

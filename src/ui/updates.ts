/**
 * The page's side of the service worker (src/sw/serviceWorker.ts): registers it, notices when a
 * new version has installed and waits, and activates it when the user asks (the update banner's
 * Reload). A new version never takes over a running page by itself: its chunks would mix with the
 * page's.
 *
 * States: 'current' — nothing to announce; 'waiting' — a new version is installed and waits for
 * this page to ask (Reload posts SKIP_WAITING, then reloads when it controls the page);
 * 'outdated' — another tab activated a new version, this page still runs the old one (Reload
 * reloads).
 */
import { SKIP_WAITING } from '../sw/manifest';

export type UpdateState = 'current' | 'waiting' | 'outdated';

export interface Updates {
  subscribe(listener: () => void): () => void;
  getSnapshot(): UpdateState;
  /** Registers the worker (the browser installs it, or a new version of it, in the background). */
  start(scriptUrl: string, scope: string): Promise<void>;
  /** Asks the server whether sw.js changed; quiet when offline. */
  check(): Promise<void>;
  /** The banner's Reload. */
  apply(): void;
  /** The banner's Later: hides it until the next new version. */
  dismiss(): void;
}

export function createUpdates(container: ServiceWorkerContainer, reload: () => void): Updates {
  let state: UpdateState = 'current';
  let registration: ServiceWorkerRegistration | null = null;
  let reloadAsked = false;
  let reloaded = false;
  // A page that loaded without a worker (the first visit) is not outdated when one takes control.
  const startedControlled = container.controller !== null;
  const listeners = new Set<() => void>();

  const set = (next: UpdateState) => {
    if (next === state) return;
    state = next;
    for (const l of listeners) l();
  };
  const reloadOnce = () => {
    if (reloaded) return;
    reloaded = true;
    reload();
  };
  /** An installed worker waits only if an older one controls this page (else it activates alone). */
  const watchInstalling = (worker: ServiceWorker | null) => {
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && container.controller) set('waiting');
    });
  };

  container.addEventListener('controllerchange', () => {
    if (reloadAsked) reloadOnce();
    else if (startedControlled) set('outdated');
  });

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,
    async start(scriptUrl, scope) {
      let registered: ServiceWorkerRegistration | undefined;
      try {
        registered = await container.register(scriptUrl, { scope });
      } catch (error) {
        console.warn(`Offline use is not available: the service worker did not register (${error instanceof Error ? error.message : String(error)}).`);
        return;
      }
      // A test browser that blocks service workers (Playwright) resolves with nothing.
      if (!registered) return;
      const reg = registered;
      registration = reg;
      if (reg.waiting && container.controller) set('waiting');
      watchInstalling(reg.installing);
      reg.addEventListener('updatefound', () => watchInstalling(reg.installing));
    },
    async check() {
      try {
        await registration?.update();
      } catch {
        // Offline or the server is down: the next check will try again.
      }
    },
    apply() {
      const waiting = registration?.waiting;
      if (state !== 'waiting' || !waiting) { reloadOnce(); return; }
      reloadAsked = true;
      // Reload once the new worker controls the page; if it activates without taking control
      // (the page is outside its scope), reload anyway.
      waiting.addEventListener('statechange', () => { if (waiting.state === 'activated') reloadOnce(); });
      waiting.postMessage(SKIP_WAITING);
    },
    dismiss: () => set('current'),
  };
}

/** How often an open page asks whether sw.js changed (the browser also asks at each visit). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * A tab left open all day (a classroom's) learns of a new version: checks when the page comes
 * back into view and hourly.
 */
export function checkPeriodically(updates: Updates): void {
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') void updates.check(); });
  setInterval(() => void updates.check(), CHECK_EVERY_MS);
}

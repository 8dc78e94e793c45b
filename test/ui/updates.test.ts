import { afterEach, describe, expect, it, vi } from 'vitest';
import { SKIP_WAITING } from '../../src/sw/manifest';
import { createUpdates } from '../../src/ui/updates';

class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installing';
  readonly messages: unknown[] = [];
  postMessage(message: unknown) { this.messages.push(message); }
  become(state: ServiceWorkerState) { this.state = state; this.dispatchEvent(new Event('statechange')); }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  updates = 0;
  async update() { this.updates++; return this; }
  /** The browser found a new sw.js: a worker installs. */
  found(): FakeWorker {
    this.installing = new FakeWorker();
    this.dispatchEvent(new Event('updatefound'));
    return this.installing;
  }
  /** The installing worker finished installing and waits. */
  installed(worker: FakeWorker) {
    this.installing = null;
    this.waiting = worker;
    worker.become('installed');
  }
}

class FakeContainer extends EventTarget {
  readonly registration = new FakeRegistration();
  registered: [string, RegistrationOptions | undefined][] = [];
  failWith: Error | null = null;
  constructor(public controller: object | null) { super(); }
  async register(url: string, options?: RegistrationOptions) {
    this.registered.push([url, options]);
    if (this.failWith) throw this.failWith;
    return this.registration;
  }
  /** A new worker took control of the page. */
  takeOver() { this.controller = {}; this.dispatchEvent(new Event('controllerchange')); }
}

function setup(controlled: boolean) {
  const container = new FakeContainer(controlled ? {} : null);
  const reload = vi.fn();
  const updates = createUpdates(container as unknown as ServiceWorkerContainer, reload);
  const seen: string[] = [];
  updates.subscribe(() => seen.push(updates.getSnapshot()));
  return { container, reload, updates, seen };
}

afterEach(() => { vi.restoreAllMocks(); });

describe('update announcements', () => {
  it('registers sw.js at the base', async () => {
    const { container, updates } = setup(false);
    await updates.start('/app/sw.js', '/app/');
    expect(container.registered).toEqual([['/app/sw.js', { scope: '/app/' }]]);
  });

  it('announces nothing on a first visit: the first worker installs, activates and takes control alone', async () => {
    const { container, updates, reload, seen } = setup(false);
    await updates.start('/sw.js', '/');
    const worker = container.registration.found();
    container.registration.installed(worker);
    container.takeOver();
    expect(updates.getSnapshot()).toBe('current');
    expect(seen).toEqual([]);
    expect(reload).not.toHaveBeenCalled();
  });

  it('announces a new version that installed while an older one controls the page', async () => {
    const { container, updates, seen } = setup(true);
    await updates.start('/sw.js', '/');
    const worker = container.registration.found();
    expect(updates.getSnapshot()).toBe('current');
    container.registration.installed(worker);
    expect(updates.getSnapshot()).toBe('waiting');
    expect(seen).toEqual(['waiting']);
  });

  it('announces a version that was already waiting when the page opened', async () => {
    const { container, updates } = setup(true);
    container.registration.waiting = new FakeWorker();
    await updates.start('/sw.js', '/');
    expect(updates.getSnapshot()).toBe('waiting');
  });

  it('Reload asks the waiting worker to take over and reloads once it has, not before', async () => {
    const { container, updates, reload } = setup(true);
    await updates.start('/sw.js', '/');
    const worker = container.registration.found();
    container.registration.installed(worker);
    updates.apply();
    expect(worker.messages).toEqual([SKIP_WAITING]);
    expect(reload).not.toHaveBeenCalled();
    container.takeOver();
    worker.become('activated');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('Reload reloads when the worker activates even if no controllerchange comes', async () => {
    const { container, updates, reload } = setup(true);
    await updates.start('/sw.js', '/');
    const worker = container.registration.found();
    container.registration.installed(worker);
    updates.apply();
    worker.become('activating');
    expect(reload).not.toHaveBeenCalled();
    worker.become('activated');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('a page whose worker another tab replaced says it is outdated, and Reload just reloads', async () => {
    const { container, updates, reload } = setup(true);
    await updates.start('/sw.js', '/');
    container.takeOver();
    expect(updates.getSnapshot()).toBe('outdated');
    updates.apply();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('Later hides the announcement', async () => {
    const { container, updates } = setup(true);
    await updates.start('/sw.js', '/');
    container.registration.installed(container.registration.found());
    updates.dismiss();
    expect(updates.getSnapshot()).toBe('current');
  });

  it('a refused registration leaves the page working and says why offline use is unavailable', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { container, updates } = setup(false);
    container.failWith = new Error('blocked by the browser');
    await updates.start('/sw.js', '/');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Offline use is not available.*blocked by the browser/));
    expect(updates.getSnapshot()).toBe('current');
    await expect(updates.check()).resolves.toBeUndefined();
  });

  it('a browser that blocks service workers without refusing (Playwright) leaves the page quiet', async () => {
    const { container, updates } = setup(false);
    container.register = async (url: string) => { container.registered.push([url, undefined]); return undefined as unknown as FakeRegistration; };
    await expect(updates.start('/sw.js', '/')).resolves.toBeUndefined();
    await expect(updates.check()).resolves.toBeUndefined();
    expect(updates.getSnapshot()).toBe('current');
  });

  it('checks for a new version quietly, offline too', async () => {
    const { container, updates } = setup(true);
    await updates.start('/sw.js', '/');
    await updates.check();
    expect(container.registration.updates).toBe(1);
    container.registration.update = () => Promise.reject(new TypeError('Failed to update a ServiceWorker'));
    await expect(updates.check()).resolves.toBeUndefined();
  });
});

/**
 * The CLI's threads for parallel symbolic regression: Node worker_threads running
 * islandThread.ts, in the island pool written once for threads and Web Workers
 * (core/symbolic/islandPool.ts). Automatic means one per core, up to 4.
 *
 * The CLI runs from TypeScript (tsx), and a worker thread does not inherit tsx's module hooks
 * (Node 20): a thread whose entry is a .ts file first registers tsx itself (tsx/esm/api), then
 * imports the entry. A build to JavaScript would start the .js entry directly.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { autoWorkerCount, type ParallelHost } from '../core/symbolic/executor';
import { createIslandPool, type FromIslandThread, type IslandPort, type IslandPool } from '../core/symbolic/islandPool';
import { MAX_WORKERS } from '../core/methods/gp/method';

const ENTRY = new URL('./islandThread.ts', import.meta.url);

/** The URL of tsx's ESM API (its package's export map, read the way Node reads it for `import`). */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const pkg = require('tsx/package.json') as { exports?: Record<string, { import?: { default?: string } } | string> };
  const api = pkg.exports?.['./esm/api'];
  const rel = typeof api === 'object' ? api.import?.default : undefined;
  if (!rel) throw new Error('this tsx has no ESM API (tsx/esm/api): the CLI needs tsx 4.');
  return pathToFileURL(join(dirname(require.resolve('tsx/package.json')), rel)).href;
}

function startThread(): Worker {
  if (!ENTRY.pathname.endsWith('.ts')) return new Worker(ENTRY);
  const tsx = tsxApi();
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(ENTRY.href)}); })`;
  // execArgv []: the parent's tsx flags do not work in a thread (see the header); tsx is registered by `boot`.
  return new Worker(boot, { eval: true, execArgv: [] });
}

/** One worker thread running islandThread.ts, as the pool speaks to it. */
export function threadPort(): IslandPort {
  const w = startThread();
  return {
    post: (msg) => w.postMessage(msg),
    listen(onMessage, onError) {
      w.on('message', (msg: FromIslandThread) => onMessage(msg));
      w.on('error', (e) => onError(e.message));
      w.on('messageerror', (e) => onError(`a message could not be read (${e.message})`));
      w.on('exit', (code) => { if (code !== 0) onError(`the thread exited with code ${code}`); });
    },
    terminate: () => { void w.terminate(); },
  };
}

/** Worker threads for the CLI's fits; `dispose` ends them (the process can then exit). */
export function threadHost(threads: () => IslandPort = threadPort): ParallelHost & { pool: IslandPool; dispose(): void } {
  const pool = createIslandPool(MAX_WORKERS, threads);
  return {
    autoWorkers: autoWorkerCount(availableParallelism()),
    islands: (workers) => pool.executor(workers),
    pool,
    dispose: () => pool.dispose(),
  };
}

/**
 * The fit worker's threads for parallel symbolic regression: nested Web Workers (islandWorker.ts)
 * in the island pool written once for Web Workers and Node threads (core/symbolic/islandPool.ts).
 * Automatic means navigator.hardwareConcurrency, up to 4. The workers start with the first search
 * that asks for them and stay for the next ones, so a rerun does not pay their start again.
 * A browser that cannot start a worker from a worker runs the islands in the fit worker (the same
 * formulas, one core) and says so.
 */
/// <reference lib="webworker" />
import { MAX_WORKERS } from '../core/methods/gp/method';
import { autoWorkerCount, inProcessExecutor, type ParallelHost } from '../core/symbolic/executor';
import { createIslandPool, type FromIslandThread, type IslandPort } from '../core/symbolic/islandPool';

function islandWorker(): IslandPort {
  const w = new Worker(new URL('./islandWorker.ts', import.meta.url), { type: 'module', name: 'sindy-islands' });
  return {
    post: (msg) => w.postMessage(msg),
    listen(onMessage, onError) {
      w.onmessage = (e: MessageEvent<FromIslandThread>) => onMessage(e.data);
      w.onerror = (e) => { e.preventDefault(); onError(e.message || 'an island worker could not start'); };
      w.onmessageerror = () => onError('a message from an island worker could not be read');
    },
    terminate: () => w.terminate(),
  };
}

/**
 * The fit worker's host. A count above the device's cores is lowered to them: the setting may come
 * from a shared link, written on a bigger machine, and more threads than cores only cost memory
 * (the formulas are the same with any number).
 */
export function browserParallelHost(): ParallelHost {
  const cores = Math.max(1, (typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency) || 1);
  const autoWorkers = autoWorkerCount(cores);
  if (typeof Worker === 'undefined') {
    const notice = 'This browser cannot start workers from a worker: the search ran in one thread, with the same result, only slower.';
    return { autoWorkers, islands: (workers) => inProcessExecutor(workers > 1 ? notice : null) };
  }
  const pool = createIslandPool(MAX_WORKERS, islandWorker);
  return { autoWorkers, islands: (workers) => pool.executor(Math.min(workers, cores)) };
}

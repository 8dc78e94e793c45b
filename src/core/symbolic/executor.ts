/**
 * Where a search's islands are evolved: the strategy behind parallel symbolic regression.
 *
 *   const ex = host.islands(4);             // a pool of 4 threads, or this thread
 *   ex.load(specs);                          // each search's data, sent once
 *   const results = await ex.run(tasks);     // one round: every task evolved somewhere
 *   ex.release(keys);                        // the threads forget the searches
 *
 * The in-process executor (here) evolves the tasks one after the other in the calling thread;
 * the pools (islandPool.ts, with threads from src/worker/ or src/cli/) spread them over threads.
 * Every executor returns the same results for the same tasks (islandTask.ts says why), so the
 * number of workers changes only the time a search takes, never its formulas.
 */
import { contextOfSpec, evolveTask, type IslandContexts, type IslandResult, type IslandTask, type SearchSpec } from './islandTask';

export interface IslandExecutor {
  /** how many islands it evolves at once (1: one after the other, in this thread) */
  readonly workers: number;
  /** Make the searches' data available to the threads (each thread receives a search once). */
  load(specs: readonly SearchSpec[]): void;
  /**
   * Evolve every task; the results come in task order. `cancelled` is polled while the round
   * runs: once it says true the round is abandoned and the promise resolves to null (the
   * caller's islands are untouched: results only replace them when a whole round is committed).
   */
  run(tasks: readonly IslandTask[], cancelled?: () => boolean): Promise<IslandResult[] | null>;
  /** Forget searches (their data in every thread). */
  release(keys: readonly string[]): void;
  /** something the user should know (the threads failed and the search went on in one), or null */
  readonly notice: string | null;
}

/**
 * What an environment lends a method for running islands elsewhere: the fit worker offers nested
 * Web Workers, the CLI worker threads. Core code never creates threads itself.
 */
export interface ParallelHost {
  /** what "automatic" means here: one worker per core, capped */
  readonly autoWorkers: number;
  /** an executor that keeps at most `workers` threads busy (1: this thread) */
  islands(workers: number): IslandExecutor;
}

/** Evolve tasks in this thread, one after the other (polling `cancelled` between them). */
export function runTasksHere(tasks: readonly IslandTask[], contexts: IslandContexts, cancelled?: () => boolean): IslandResult[] | null {
  const out: IslandResult[] = [];
  for (const task of tasks) {
    if (cancelled?.()) return null;
    out.push(evolveTask(task, contexts));
  }
  return out;
}

/** The in-process executor: the default where no threads are available, and the pools' fallback. */
export function inProcessExecutor(notice: string | null = null): IslandExecutor {
  const contexts: IslandContexts = new Map();
  return {
    workers: 1,
    notice,
    load(specs) { for (const s of specs) contexts.set(s.key, contextOfSpec(s)); },
    run(tasks, cancelled) {
      try {
        return Promise.resolve(runTasksHere(tasks, contexts, cancelled));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    release(keys) { for (const k of keys) contexts.delete(k); },
  };
}

/** The worker count a setting asks for: 0 is automatic (the host's), and without a host there is one. */
export function resolveWorkers(setting: number, host: ParallelHost | undefined): number {
  if (!host) return 1;
  return setting > 0 ? setting : Math.max(1, host.autoWorkers);
}

/** Automatic worker count from the number of cores: all of them, at most `cap`. */
export function autoWorkerCount(cores: number | undefined, cap = 4): number {
  return Math.max(1, Math.min(cap, Math.floor(cores ?? 1) || 1));
}

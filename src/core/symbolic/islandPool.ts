/**
 * A pool of threads that evolve islands, written once for Web Workers (src/worker/islandPool.ts)
 * and Node worker threads (src/cli/islandThreads.ts): they differ only in how a thread is started
 * and spoken to (`IslandPort`). Both ends are here: `createIslandPool` on the caller's side,
 * `islandThreadHandler` inside each thread.
 *
 * Scheduling: a round's tasks wait in a queue and each idle thread takes the next one (islands
 * differ in cost, so no fixed split). A thread receives a search's data the first time it gets one
 * of its tasks. Threads start when a round first needs them and stay for later rounds and later
 * searches until `dispose`. A thread takes tasks once it has said it is ready; until all the
 * round's threads are, the calling thread evolves queued islands itself, one at a time between
 * messages: starting a thread costs a second or more (the CLI's compile the engine with tsx), and
 * the search does not wait for it. Which thread evolves an island never changes its result.
 *
 * Cancellation: `cancelled` is polled whenever a result arrives and every POLL_MS; once it says
 * true, the round's queued tasks are dropped and `run` resolves to null. A thread busy with a
 * dropped round's task finishes it (an island's iteration, tens of ms) and its answer is ignored.
 *
 * Failure: if a thread cannot start or dies, its task and every later one run in the calling
 * thread instead (the same results: only slower), and `notice` says so.
 */
import { runTasksHere, type IslandExecutor } from './executor';
import { contextOfSpec, evolveTask, type IslandContexts, type IslandResult, type IslandTask, type SearchSpec } from './islandTask';

/** To a thread. */
export type ToIslandThread =
  | { type: 'load'; spec: SearchSpec }
  | { type: 'release'; key: string }
  | { type: 'task'; job: number; task: IslandTask };

/** From a thread. */
export type FromIslandThread =
  /** sent once, when the thread has loaded and listens */
  | { type: 'ready' }
  | { type: 'result'; job: number; result: IslandResult }
  | { type: 'failed'; job: number; message: string };

/** One thread as the pool sees it (a Worker, a worker_threads Worker). */
export interface IslandPort {
  post(msg: ToIslandThread): void;
  /** answers, and the thread's death (it could not load, or crashed) */
  listen(onMessage: (msg: FromIslandThread) => void, onError: (message: string) => void): void;
  terminate(): void;
}

export interface IslandPool {
  /** an executor over at most `workers` of the pool's threads */
  executor(workers: number): IslandExecutor;
  /** threads started so far */
  readonly started: number;
  /** stop every thread (the pool can be used again: threads start anew) */
  dispose(): void;
}

/** How often a running round polls `cancelled` when no result arrives. */
const POLL_MS = 25;

/** The thread's side: a handler that answers the pool's messages (null: nothing to answer). */
/** The message a thread sends once its handler listens. */
export const THREAD_READY: FromIslandThread = Object.freeze({ type: 'ready' });

export function islandThreadHandler(): (msg: ToIslandThread) => FromIslandThread | null {
  const contexts: IslandContexts = new Map();
  return (msg) => {
    switch (msg.type) {
      case 'load': contexts.set(msg.spec.key, contextOfSpec(msg.spec)); return null;
      case 'release': contexts.delete(msg.key); return null;
      case 'task':
        try {
          return { type: 'result', job: msg.job, result: evolveTask(msg.task, contexts) };
        } catch (e) {
          return { type: 'failed', job: msg.job, message: e instanceof Error ? e.message : String(e) };
        }
    }
  };
}

interface Round {
  tasks: readonly IslandTask[];
  results: (IslandResult | undefined)[];
  remaining: number;
  /** threads this round may use */
  limit: number;
  cancelled?: () => boolean;
  resolve(r: IslandResult[] | null): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setInterval> | null;
  over: boolean;
}

interface Job { id: number; index: number; round: Round }

interface Thread { port: IslandPort; loaded: Set<string>; job: Job | null; ready: boolean }

export function createIslandPool(maxThreads: number, spawn: () => IslandPort): IslandPool {
  const threads: (Thread | null)[] = [];
  const specs = new Map<string, SearchSpec>();
  const queue: Job[] = [];
  /** the calling thread's contexts, once the threads have failed */
  const local: IslandContexts = new Map();
  /** jobs handed to threads that have not answered yet */
  const busyJobs = new Set<Job>();
  /** why the threads were given up (every task then runs in the calling thread), or null */
  let broken: string | null = null;
  let nextJob = 1;
  /** a turn of the calling thread is scheduled (see the header) */
  let helping = false;

  function stopThreads(): void {
    threads.forEach((t, i) => { if (t) { t.port.terminate(); threads[i] = null; } });
  }

  /** A thread could not start or died: give the threads up and evolve what they held here. */
  function fail(message: string): void {
    broken ??= message;
    stopThreads();
    const pending = [...busyJobs, ...queue];
    busyJobs.clear();
    queue.length = 0;
    for (const job of pending) if (!job.round.over) runHere(job);
  }

  function runHere(job: Job): void {
    const task = job.round.tasks[job.index]!;
    if (!local.has(task.key)) {
      const spec = specs.get(task.key);
      if (spec) local.set(task.key, contextOfSpec(spec));
    }
    try {
      deliver(job, evolveTask(task, local));
    } catch (e) {
      finishRound(job.round, e instanceof Error ? e : new Error(String(e)));
    }
  }

  function start(i: number): Thread | null {
    let port: IslandPort;
    try {
      port = spawn();
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
      return null;
    }
    const t: Thread = { port, loaded: new Set(), job: null, ready: false };
    port.listen((msg) => { if (threads[i] === t) answer(t, msg); }, (message) => { if (threads[i] === t) fail(message); });
    threads[i] = t;
    return t;
  }

  function answer(t: Thread, msg: FromIslandThread): void {
    if (msg.type === 'ready') { t.ready = true; pump(); return; }
    const job = t.job;
    if (!job || job.id !== msg.job) return;
    t.job = null;
    busyJobs.delete(job);
    if (msg.type === 'failed') finishRound(job.round, new Error(`An island thread failed: ${msg.message}`));
    else deliver(job, msg.result);
    pump();
  }

  function deliver(job: Job, result: IslandResult): void {
    const r = job.round;
    if (r.over) return;
    r.results[job.index] = result;
    r.remaining--;
    if (r.cancelled?.()) finishRound(r, null);
    else if (r.remaining === 0) finishRound(r, r.results as IslandResult[]);
  }

  function finishRound(r: Round, outcome: IslandResult[] | null | Error): void {
    if (r.over) return;
    r.over = true;
    if (r.timer !== null) clearInterval(r.timer);
    for (let k = queue.length - 1; k >= 0; k--) if (queue[k]!.round === r) queue.splice(k, 1);
    if (outcome instanceof Error) r.reject(outcome);
    else r.resolve(outcome);
  }

  /** Hand queued jobs to idle ready threads (starting threads as needed), and the rest to the calling thread's turns. */
  function pump(): void {
    for (let k = 0; k < queue.length;) {
      const job = queue[k]!;
      if (broken) { queue.splice(k, 1); runHere(job); continue; }
      if (!startThreads(job.round.limit)) continue; // a start failed: fail() ran the queue here
      const t = idleThread(job.round.limit);
      if (!t) { k++; continue; }
      queue.splice(k, 1);
      const task = job.round.tasks[job.index]!;
      if (!t.loaded.has(task.key)) {
        const spec = specs.get(task.key);
        if (spec) t.port.post({ type: 'load', spec });
        t.loaded.add(task.key);
      }
      t.job = job;
      busyJobs.add(job);
      t.port.post({ type: 'task', job: job.id, task });
    }
    if (queue.length > 0 && !helping && !allReady(queue[0]!.round.limit)) {
      helping = true;
      setTimeout(help, 0);
    }
  }

  /** One queued island evolved by the calling thread, while some of the round's threads are still starting. */
  function help(): void {
    helping = false;
    const job = queue[0];
    if (!job || broken || allReady(job.round.limit)) return;
    queue.shift();
    runHere(job);
    pump();
  }

  /** Start the first `limit` threads; false if one could not start. */
  function startThreads(limit: number): boolean {
    for (let i = 0; i < Math.min(limit, maxThreads); i++) if (!threads[i] && !start(i)) return false;
    return true;
  }

  function allReady(limit: number): boolean {
    for (let i = 0; i < Math.min(limit, maxThreads); i++) if (!threads[i]?.ready) return false;
    return true;
  }

  function idleThread(limit: number): Thread | null {
    for (let i = 0; i < Math.min(limit, maxThreads); i++) {
      const t = threads[i];
      if (t && t.ready && !t.job) return t;
    }
    return null;
  }

  function executor(workers: number): IslandExecutor {
    const limit = Math.max(1, Math.min(workers, maxThreads));
    return {
      workers: limit,
      get notice() {
        return broken ? `The search's worker threads failed (${broken.slice(0, 200)}); it went on in one thread, with the same result, only slower.` : null;
      },
      load(list) { for (const s of list) specs.set(s.key, s); },
      release(keys) {
        for (const key of keys) {
          specs.delete(key);
          local.delete(key);
          for (const t of threads) if (t?.loaded.delete(key)) t.port.post({ type: 'release', key });
        }
      },
      run(tasks, cancelled) {
        if (tasks.length === 0) return Promise.resolve([]);
        if (broken) {
          try {
            return Promise.resolve(runTasksHere(tasks, ensureLocal(tasks), cancelled));
          } catch (e) {
            return Promise.reject(e instanceof Error ? e : new Error(String(e)));
          }
        }
        return new Promise((resolve, reject) => {
          const round: Round = {
            tasks, results: new Array<IslandResult | undefined>(tasks.length), remaining: tasks.length, limit,
            resolve, reject, timer: null, over: false, ...(cancelled ? { cancelled } : {}),
          };
          if (cancelled) round.timer = setInterval(() => { if (cancelled()) finishRound(round, null); }, POLL_MS);
          tasks.forEach((_, index) => queue.push({ id: nextJob++, index, round }));
          pump();
        });
      },
    };
  }

  function ensureLocal(tasks: readonly IslandTask[]): IslandContexts {
    for (const t of tasks) {
      const spec = specs.get(t.key);
      if (!local.has(t.key) && spec) local.set(t.key, contextOfSpec(spec));
    }
    return local;
  }

  return {
    executor,
    get started() { return threads.filter((t) => t !== null).length; },
    dispose() {
      stopThreads();
      for (const job of [...busyJobs, ...queue]) finishRound(job.round, null);
      busyJobs.clear();
      queue.length = 0;
      broken = null;
    },
  };
}

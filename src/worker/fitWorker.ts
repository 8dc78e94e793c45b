/**
 * The fit worker. Requests are handled one at a time; a newer fit request supersedes the one
 * in progress, which is dropped at its next step (the engine yields between steps so that
 * newer messages are seen); Stop finishes the running method with the best so far. Typed arrays in answers are transferred, not copied.
 */
/// <reference lib="webworker" />
import { FitEngine, type FitRequest } from './engine';
import { browserParallelHost } from './islandPool';
import { transferables, type FromWorker, type ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

// The page redraws live views (loss curves, Pareto fronts) at most ~10 times a second.
const engine = new FitEngine({ stepIntervalMs: 100, parallel: browserParallelHost() });
let latest = 0;
/** the run Stop was asked for (finished with the best so far; the worker and caches stay) */
let stopped = -1;
let pending: FitRequest | null = null;
let busy = false;

function post(msg: FromWorker): void {
  self.postMessage(msg, transferables(msg));
}

// A macrotask yield that is not clamped like nested setTimeout(0).
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function pause(): Promise<void> {
  return new Promise((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });
}

async function pump(): Promise<void> {
  busy = true;
  while (pending) {
    const req = pending;
    pending = null;
    try {
      await engine.run(req, { post, pause, isStale: () => req.runId !== latest, isStopped: () => req.runId === stopped });
    } catch (e) {
      // An exception is a bug in the engine, not a user error: say so plainly.
      post({ type: 'error', runId: req.runId, layer: 'fit', message: `Internal error: ${e instanceof Error ? e.message : String(e)}. Please report it with the link.` });
    }
  }
  busy = false;
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'fit':
      latest = msg.runId;
      pending = {
        runId: msg.runId, spec: msg.spec, known: msg.known, animate: msg.animate,
        ...(msg.budgetMs !== undefined ? { budgetMs: msg.budgetMs } : {}), ...(msg.pick ? { pick: msg.pick } : {}), ...(msg.fresh ? { fresh: true } : {}),
      };
      if (!busy) void pump();
      break;
    case 'stop':
      stopped = msg.runId;
      if (pending?.runId === msg.runId) pending = null;
      break;
    case 'loadCsv':
      post(engine.loadCsv(msg));
      break;
    case 'export':
      try { post(engine.exportCsv(msg)); } catch (e) {
        post({ type: 'exported', requestId: msg.requestId, result: { ok: false, error: `Internal error: ${e instanceof Error ? e.message : String(e)}. Please report it with the link.` } });
      }
      break;
  }
};

/**
 * The fit worker. Requests are handled one at a time; a newer fit request supersedes the one
 * in progress, which stops at its next layer boundary (the engine yields between layers so
 * that newer messages are seen). Typed arrays in answers are transferred, not copied.
 */
/// <reference lib="webworker" />
import { FitEngine, type FitRequest } from './engine';
import { transferables, type FromWorker, type ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const engine = new FitEngine();
let latest = 0;
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
      await engine.run(req, { post, pause, isStale: () => req.runId !== latest });
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
      pending = { runId: msg.runId, settings: msg.settings, uploadId: msg.uploadId, known: msg.known, animate: msg.animate };
      if (!busy) void pump();
      break;
    case 'loadCsv':
      post(engine.loadCsv(msg));
      break;
  }
};

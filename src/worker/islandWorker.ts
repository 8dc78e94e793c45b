/**
 * An island worker: a Web Worker started by the fit worker (islandPool.ts) that evolves the
 * islands of symbolic searches it is sent, with the core's thread handler (the CLI's worker
 * threads run the same code).
 */
/// <reference lib="webworker" />
import { islandThreadHandler, THREAD_READY, type ToIslandThread } from '../core/symbolic/islandPool';

declare const self: DedicatedWorkerGlobalScope;

const handle = islandThreadHandler();
self.onmessage = (e: MessageEvent<ToIslandThread>) => {
  const out = handle(e.data);
  if (out) self.postMessage(out);
};
self.postMessage(THREAD_READY);

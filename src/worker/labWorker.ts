/** The noise-lab worker: one sweep at a time; Stop is the main thread terminating it. */
/// <reference lib="webworker" />
import type { ToLab } from './labProtocol';
import { runLab } from './labRun';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (e: MessageEvent<ToLab>) => {
  const msg = e.data;
  try {
    runLab(msg.runId, msg.settings, (m) => self.postMessage(m));
  } catch (x) {
    self.postMessage({ type: 'labError', runId: msg.runId, message: `Internal error: ${x instanceof Error ? x.message : String(x)}. Please report it with the link.` });
  }
};

/**
 * Main-thread side of the fit worker: numbers runs, drops answers to superseded runs, and
 * implements Stop by terminating the worker and starting a fresh one (immediate, whatever
 * the worker is doing). The last accepted upload is re-sent to a fresh worker.
 */
import type { Settings } from '../state/settings';
import type { FromWorker, KnownKeys, ToWorker } from './protocol';

export type Listener = (msg: FromWorker) => void;

export class FitClient {
  private worker: Worker;
  private runId = 0;
  private upload: Extract<ToWorker, { type: 'loadCsv' }> | null = null;
  private readonly listener: Listener;
  private readonly onCrash: (message: string) => void;

  constructor(listener: Listener, onCrash: (message: string) => void) {
    this.listener = listener;
    this.onCrash = onCrash;
    this.worker = this.spawn();
  }

  /** The run id of the latest request: answers tagged with another id are stale. */
  get current(): number { return this.runId; }

  fit(settings: Settings, uploadId: number | null, known: KnownKeys, animate: boolean): number {
    this.runId++;
    this.send({ type: 'fit', runId: this.runId, settings, uploadId, known, animate });
    return this.runId;
  }

  loadCsv(uploadId: number, text: string, timeColumn: string): void {
    this.send({ type: 'loadCsv', uploadId, text, timeColumn });
  }

  /** Remember an accepted upload so that a restarted worker gets it again. */
  keepUpload(uploadId: number, text: string, timeColumn: string): void {
    this.upload = { type: 'loadCsv', uploadId, text, timeColumn };
  }

  /** Cancel at once: the worker is terminated and replaced (its caches are lost). */
  stop(): void {
    this.worker.terminate();
    this.runId++;
    this.worker = this.spawn();
    if (this.upload) this.send(this.upload);
  }

  dispose(): void { this.worker.terminate(); }

  private spawn(): Worker {
    const w = new Worker(new URL('./fitWorker.ts', import.meta.url), { type: 'module', name: 'sindy-fit' });
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type === 'csv' || msg.runId === this.runId) this.listener(msg);
    };
    w.onerror = (e) => { e.preventDefault(); this.onCrash(e.message || 'The fit worker stopped unexpectedly.'); };
    return w;
  }

  private send(msg: ToWorker): void { this.worker.postMessage(msg); }
}

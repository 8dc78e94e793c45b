/**
 * Main-thread side of the fit worker: numbers runs and drops answers to superseded runs.
 * Stop asks the worker to finish the running method with the best model so far (its caches
 * stay); a worker that does not answer within STOP_GRACE_MS (stuck inside one long layer) is
 * terminated and replaced, and the last accepted upload is re-sent to the fresh one.
 */
import type { FitSpec } from '../core/methods/types';
import type { FromWorker, KnownKeys, ToWorker } from './protocol';

/** How long Stop waits for the worker's answer before it terminates the worker. */
export const STOP_GRACE_MS = 1500;

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

  private stopTimer: ReturnType<typeof setTimeout> | null = null;
  /** true while the worker is busy with a run (between a fit request and its done or error) */
  private busy = false;

  fit(spec: FitSpec, known: KnownKeys, animate: boolean): number {
    this.runId++;
    this.busy = true;
    this.send({ type: 'fit', runId: this.runId, spec, known, animate });
    return this.runId;
  }

  loadCsv(uploadId: number, text: string, timeColumn: string): void {
    this.send({ type: 'loadCsv', uploadId, text, timeColumn });
  }

  /** Remember an accepted upload so that a restarted worker gets it again. */
  keepUpload(uploadId: number, text: string, timeColumn: string): void {
    this.upload = { type: 'loadCsv', uploadId, text, timeColumn };
  }

  /**
   * Finish the current run with the best so far (answers keep the run id). Returns at once;
   * `onHardStop` is called if the worker had to be terminated (its caches are then lost).
   */
  stop(onHardStop?: () => void): void {
    if (!this.busy) return;
    this.send({ type: 'stop', runId: this.runId });
    if (this.stopTimer) clearTimeout(this.stopTimer);
    const run = this.runId;
    this.stopTimer = setTimeout(() => {
      this.stopTimer = null;
      if (!this.busy || this.runId !== run) return;
      this.worker.terminate();
      this.runId++;
      this.busy = false;
      this.worker = this.spawn();
      if (this.upload) this.send(this.upload);
      onHardStop?.();
    }, STOP_GRACE_MS);
  }

  dispose(): void { this.worker.terminate(); }

  private spawn(): Worker {
    const w = new Worker(new URL('./fitWorker.ts', import.meta.url), { type: 'module', name: 'sindy-fit' });
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type !== 'csv' && msg.runId === this.runId && (msg.type === 'done' || msg.type === 'error')) {
        this.busy = false;
        if (this.stopTimer) { clearTimeout(this.stopTimer); this.stopTimer = null; }
      }
      if (msg.type === 'csv' || msg.runId === this.runId) this.listener(msg);
    };
    w.onerror = (e) => { e.preventDefault(); this.onCrash(e.message || 'The fit worker stopped unexpectedly.'); };
    return w;
  }

  private send(msg: ToWorker): void { this.worker.postMessage(msg); }
}

/**
 * Main-thread side of the fit worker: numbers runs and drops answers to superseded runs.
 *
 * The worker checks for newer requests and Stop between a method's steps and between layers,
 * so usually a new setting or Stop is answered within milliseconds and every cache survives.
 * One long layer (a huge Θ, total-variation derivatives of 10⁵ samples) cannot be interrupted
 * from inside, so a watchdog covers it: when a newer request or Stop is not acknowledged within
 * ACK_GRACE_MS — no message of the new run, no end of the stopped one — the worker is
 * terminated and replaced (its caches are lost), the last accepted upload is re-sent, and so is
 * the newest request when it was a fit. A superseded long fit never delays the new result.
 */
import type { FitSpec } from '../core/methods/types';
import type { Result } from '../core/types';
import type { ExportedCsv, ExportKind, FromWorker, KnownKeys, ToWorker } from './protocol';

/** How long a newer request or Stop may wait for the worker's answer before the worker is replaced. */
export const ACK_GRACE_MS = 1500;
/**
 * How long Stop waits once the run is inside its method's loop (it has reported a step): the
 * method ends at its next step boundary with the best model so far, which replacing the worker
 * would throw away. Steps are bounded (tens of ms) but a loaded machine stretches them.
 */
export const STOP_IN_METHOD_GRACE_MS = 10_000;

export type Listener = (msg: FromWorker) => void;

type FitMsg = Extract<ToWorker, { type: 'fit' }>;

export class FitClient {
  private worker: Worker;
  private runId = 0;
  private upload: Extract<ToWorker, { type: 'loadCsv' }> | null = null;
  private readonly listener: Listener;
  private readonly onCrash: (message: string) => void;
  /** the run the worker is busy with (between its request and its done or error), or null */
  private busyRun: number | null = null;
  /** the newest fit request, re-sent to a replacement worker while it is unanswered */
  private latest: FitMsg | null = null;
  /** what the watchdog waits for: a message of run ≥ `run` (after a newer request), or the end of `run` (after Stop) */
  private awaiting: { run: number; stop: boolean } | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  /** the busy run has reported a method step (Stop then waits for its best model: STOP_IN_METHOD_GRACE_MS) */
  private stepping = false;
  /** called when the worker had to be replaced (its caches are gone) */
  onRestart: (() => void) | null = null;
  private exportSeq = 0;
  /** export requests waiting for their answer, by request id */
  private exports = new Map<number, (r: Result<ExportedCsv>) => void>();

  constructor(listener: Listener, onCrash: (message: string) => void) {
    this.listener = listener;
    this.onCrash = onCrash;
    this.worker = this.spawn();
  }

  /** The run id of the latest request: answers tagged with another id are stale. */
  get current(): number { return this.runId; }

  /** `extra.pick`: formulas picked on the Pareto front; `extra.fresh`: run the method even if its last outcome was for this spec */
  fit(spec: FitSpec, known: KnownKeys, animate: boolean, extra: { pick?: number[]; fresh?: boolean } = {}): number {
    this.runId++;
    this.latest = { type: 'fit', runId: this.runId, spec, known, animate, ...(extra.pick?.length ? { pick: extra.pick } : {}), ...(extra.fresh ? { fresh: true } : {}) };
    if (this.busyRun !== null) this.watch({ run: this.runId, stop: false });
    this.busyRun = this.runId;
    this.stepping = false;
    this.send(this.latest);
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
   * A CSV of the full data of `spec`, or of the model of fit run `runId` simulated at every
   * sample (the worker holds the full data; the main thread only plot-sized copies).
   */
  exportCsv(what: ExportKind, spec: FitSpec, runId: number, timeName: string): Promise<Result<ExportedCsv>> {
    const requestId = ++this.exportSeq;
    return new Promise((resolve) => {
      this.exports.set(requestId, resolve);
      this.send({ type: 'export', requestId, what, spec, runId, timeName });
    });
  }

  /** Finish the current run with the best so far (its answers keep the run id); returns at once. */
  stop(): void {
    if (this.busyRun === null) return;
    this.send({ type: 'stop', runId: this.runId });
    this.latest = null;
    this.watch({ run: this.runId, stop: true }, this.stepping ? STOP_IN_METHOD_GRACE_MS : ACK_GRACE_MS);
  }

  dispose(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.worker.terminate();
  }

  private watch(what: { run: number; stop: boolean }, graceMs = ACK_GRACE_MS): void {
    this.awaiting = what;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      if (this.awaiting) this.restart();
    }, graceMs);
  }

  /** Replace an unresponsive worker; the newest fit (if any) runs on the fresh one. */
  private restart(): void {
    this.worker.terminate();
    for (const resolve of this.exports.values()) resolve({ ok: false, error: 'The fit worker was restarted while preparing the file. Export it again.' });
    this.exports.clear();
    this.awaiting = null;
    this.busyRun = null;
    this.worker = this.spawn();
    if (this.upload) this.send(this.upload);
    if (this.latest && this.latest.runId === this.runId) {
      this.busyRun = this.latest.runId;
      // The fresh worker holds no arrays the main thread knows: it sends data and derivatives again.
      this.send({ ...this.latest, known: { data: '', derivatives: '' } });
    } else this.runId++;
    this.onRestart?.();
  }

  private heard(msg: FromWorker): void {
    if (msg.type === 'csv' || msg.type === 'exported') return;
    const a = this.awaiting;
    const ended = msg.type === 'done' || msg.type === 'error';
    // Stop is honoured once the stopped run's result (its best model so far) or its end arrives.
    if (a && (a.stop ? msg.runId > a.run || (msg.runId === a.run && (ended || msg.type === 'fit')) : msg.runId >= a.run)) {
      this.awaiting = null;
      if (this.watchdog) { clearTimeout(this.watchdog); this.watchdog = null; }
    }
    if (ended && msg.runId === this.busyRun) this.busyRun = null;
    if (msg.type === 'step' && msg.runId === this.busyRun) this.stepping = true;
  }

  private spawn(): Worker {
    const w = new Worker(new URL('./fitWorker.ts', import.meta.url), { type: 'module', name: 'sindy-fit' });
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      this.heard(msg);
      if (msg.type === 'exported') { this.exports.get(msg.requestId)?.(msg.result); this.exports.delete(msg.requestId); return; }
      if (msg.type === 'csv' || msg.runId === this.runId) this.listener(msg);
    };
    w.onerror = (e) => { e.preventDefault(); this.onCrash(e.message || 'The fit worker stopped unexpectedly.'); };
    return w;
  }

  private send(msg: ToWorker): void { this.worker.postMessage(msg); }
}

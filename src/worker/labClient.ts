/**
 * Main-thread side of the noise-lab worker: spawned on first use, one sweep at a time (a new
 * sweep or Stop terminates the running one at once: a sweep is one long computation that
 * checks no messages), answers of other runs dropped.
 */
import type { NoiseSweepSettings } from '../core/lab/noiseSweep';
import type { FromLab, ToLab } from './labProtocol';

export class LabClient {
  private worker: Worker | null = null;
  private runId = 0;
  private readonly listener: (msg: FromLab) => void;

  constructor(listener: (msg: FromLab) => void) { this.listener = listener; }

  get current(): number { return this.runId; }

  run(settings: NoiseSweepSettings): number {
    this.stop();
    this.runId++;
    this.worker = this.spawn();
    const msg: ToLab = { type: 'sweep', runId: this.runId, settings };
    this.worker.postMessage(msg);
    return this.runId;
  }

  stop(): void {
    if (!this.worker) return;
    this.worker.terminate();
    this.worker = null;
    this.runId++;
  }

  dispose(): void { this.stop(); }

  private spawn(): Worker {
    const w = new Worker(new URL('./labWorker.ts', import.meta.url), { type: 'module', name: 'sindy-lab' });
    const id = this.runId;
    w.onmessage = (e: MessageEvent<FromLab>) => { if (e.data.runId === this.runId) this.listener(e.data); };
    w.onerror = (e) => { e.preventDefault(); if (id === this.runId) this.listener({ type: 'labError', runId: id, message: e.message || 'The noise-lab worker stopped unexpectedly.' }); };
    return w;
  }
}

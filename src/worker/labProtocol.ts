/**
 * Messages between the main thread and the noise-lab worker. The lab has a worker of its own,
 * so a long sweep never delays the playground's fits; every answer carries the runId of its
 * request and Stop terminates the worker.
 */
import type { NoiseSweepSettings, SweepCell } from '../core/lab/noiseSweep';

export type ToLab = { type: 'sweep'; runId: number; settings: NoiseSweepSettings };

export type FromLab =
  | { type: 'labProgress'; runId: number; done: number; total: number }
  /** every cell finished so far (a whole noise level at a time), in the order of the grid */
  | { type: 'labCells'; runId: number; cells: SweepCell[]; done: number; total: number }
  | { type: 'labDone'; runId: number; ms: number }
  | { type: 'labError'; runId: number; message: string };

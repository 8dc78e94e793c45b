/**
 * Messages between the main thread and the fit worker: discriminated unions, each fit message
 * tagged with the runId of the request it answers, so a stale answer is recognised and dropped.
 * Only plain data crosses: ids, numbers, strings and typed arrays (transferred, not copied).
 */
import type { FitSpec, LivePayload, OutcomeStatus } from '../core/methods/types';
import type { SupportReport } from '../core/model/metrics';

export type LayerName = 'data' | 'derivatives' | 'theta' | 'fit' | 'simulation';
export const LAYERS: readonly LayerName[] = Object.freeze(['data', 'derivatives', 'theta', 'fit', 'simulation']);

/** Layer keys the main thread already holds arrays for: the worker sends those arrays only when they changed. */
export interface KnownKeys { data: string; derivatives: string }

export type ToWorker =
  /**
   * fit `spec`; `budgetMs` ends a long method with the best model so far; `pick`: a formula per
   * state picked on the outcome's Pareto front (complexities, 0 = the method's choice); `fresh`:
   * run the method even when the last outcome was for the same spec (else it is reused, so a pick
   * or a repeated request never re-runs a long search)
   */
  | { type: 'fit'; runId: number; spec: FitSpec; known: KnownKeys; animate: boolean; budgetMs?: number; pick?: number[]; fresh?: boolean }
  /** finish run `runId` now with the best so far; the worker and its caches stay */
  | { type: 'stop'; runId: number }
  | { type: 'loadCsv'; uploadId: number; text: string; timeColumn: string }
  /** a file of the export menu: the data of `spec` in full, or the model of fit run `runId` simulated at every sample */
  | { type: 'export'; requestId: number; what: ExportKind; spec: FitSpec; runId: number; timeName: string };

/** What the worker exports as CSV (it alone holds the full data; the main thread has plot-sized copies). */
export type ExportKind = 'data' | 'simulation';

/** An exported CSV: its text, its data rows and, for a simulation, the trajectories that ended early. */
export interface ExportedCsv {
  csv: string;
  rows: number;
  trajectories: number;
  ended: { trajectory: number; tFail: number | null; status: 'ok' | 'diverged' | 'max_steps' }[];
}

/** What the main thread learns of an accepted upload (the data itself stays in the worker). */
export interface CsvInfo { columns: string[]; timeName: string; stateNames: string[]; nRows: number; nTrajectories: number }

/** A further trajectory of the data, decimated (uploads with a trajectory column). */
export interface PlotTrajectory { t: Float64Array; y: Float64Array }

/** Most trajectories sent for plotting (the fit uses all of them). */
export const MAX_PLOTTED_TRAJECTORIES = 24;

/** Plot-ready data of the first trajectory, decimated to at most PLOT_POINTS rows. */
export interface DataPayload {
  key: string;
  stateNames: string[];
  t: Float64Array;
  /** observed (noisy or uploaded): rows × m */
  y: Float64Array;
  /** noise-free trajectory (generated systems only): rows × m */
  yTrue: Float64Array | null;
  /** exact derivative f(y_true) (generated systems only): rows × m */
  dydtTrue: Float64Array | null;
  nSamples: number;
  nTrajectories: number;
  /** trajectories 2, 3, … (at most MAX_PLOTTED_TRAJECTORIES − 1), decimated */
  extra: PlotTrajectory[];
  /** true when noise was added (the plots then show the samples as dots) */
  noisy: boolean;
}

export interface DerivativePayload {
  key: string; t: Float64Array; dydt: Float64Array;
  /** the estimates of trajectories 2, 3, … at DataPayload.extra's times */
  extra: Float64Array[];
}

export interface FitPayload {
  /** the fitting method's id (core/methods/registry.ts) */
  method: string;
  /** the model per state: mathjs syntax and LaTeX */
  equations: string[];
  latex: string[];
  stateNames: string[];
  features: string[];
  featuresLatex: string[];
  /** Ξ: m × p row-major */
  coefficients: Float64Array;
  /**
   * Terms the model keeps (nonzero coefficients): the one count that the heatmap, the Pareto
   * marker and the threshold's readout show, as the equations do.
   */
  kept: number;
  /** the fit as a point of its Pareto sweep (SINDy family), tagged with that sweep's key */
  point: FitPoint | null;
  /** true coefficients on the library terms (m × p), when the truth is known */
  truthRow: Float64Array | null;
  /** LaTeX of the true equations with numbers (null for uploaded data) */
  trueLatex: string[] | null;
  support: SupportReport | null;
  status: OutcomeStatus;
  message: string | null;
  warnings: string[];
  suggested: number | null;
  iterations: number;
  /** every STLSQ/SR3 iterate (m × p each), for the animation */
  history: Float64Array[];
  r2: number[];
  /** MSTLS: the relative threshold λ used for each equation (chosen by the loss when automatic) */
  lambdas: number[] | null;
  /** E-SINDy statistics when the ensemble is on */
  ensemble: EnsemblePayload | null;
  /** the weak form's test functions when the weak form is on */
  weak: WeakPayload | null;
  /** a search's Pareto fronts (methods whose outcome has `pareto`), with what is shown on them */
  pareto: ParetoPayload | null;
  /** which layers were recomputed (false = served from the cache) */
  recomputed: Record<LayerName, boolean>;
  timings: Partial<Record<LayerName, number>>;
}

/** E-SINDy statistics of the bagged models; arrays m × p row-major. */
export interface EnsemblePayload {
  models: number;
  inclusionThreshold: number;
  /** fraction of models in which each term was nonzero */
  inclusion: Float64Array;
  median: Float64Array;
  /** 5 % and 95 % quantiles of the bagged coefficients */
  p05: Float64Array;
  p95: Float64Array;
}

/** One formula of a Pareto front: its size, its loss (mean squared error) and its text (mathjs). */
export interface FrontEntry { complexity: number; loss: number; equation: string }

/**
 * The Pareto front per state; per state also the complexity of the method's own choice and of
 * the formula shown (they differ when one was picked); 0 = not on the front.
 */
export interface ParetoPayload { fronts: FrontEntry[][]; chosen: number[]; shown: number[] }

/** What the weak form used (shown next to its controls). */
export interface WeakPayload { testFunctions: number; widthSamples: number[]; automatic: boolean }

export interface SimPayload {
  t: Float64Array;
  /** simulated recovered model, rows × m (rows after a failure are NaN) */
  y: Float64Array;
  status: 'ok' | 'diverged' | 'max_steps';
  message: string | null;
  tFail: number | null;
  /** relative RMS error per state over the simulated span */
  error: number[];
  /** the recovered model's right-hand side f̂(y) along the reference trajectory, rows × m */
  rate: Float64Array;
  /** the recovered model simulated from the first state of each further trajectory (DataPayload.extra) */
  extra: { y: Float64Array; status: 'ok' | 'diverged' | 'max_steps'; tFail: number | null; rate: Float64Array }[];
  ms: number;
}

export interface SweepPoint { value: number; nTerms: number; error: number }
/** The Pareto sweep; `key` names its regression problem and optimizer (FitPoint.sweepKey). */
export interface SweepPayload { key: string; parameter: 'threshold' | 'alpha' | 'lambda'; points: SweepPoint[] }
/**
 * A fit as a point of the sweep: terms, pooled error (as the sweep measures it), the swept
 * parameter's value (null when the model is not on the sweep's line: an ensemble, MSTLS with
 * λ per equation) and the key of the sweep it belongs to.
 */
export interface FitPoint { value: number | null; nTerms: number; error: number; sweepKey: string }

export type FromWorker =
  | { type: 'progress'; runId: number; layer: LayerName; state: 'running' | 'cached' | 'done' }
  /** a method's step: progress fraction, what it does, and what it streams (iterates, models, a loss curve, a Pareto front) */
  | { type: 'step'; runId: number; fraction: number; label: string; live?: LivePayload }
  | { type: 'data'; runId: number; data: DataPayload }
  | { type: 'derivatives'; runId: number; derivatives: DerivativePayload }
  | { type: 'fit'; runId: number; fit: FitPayload; ms: number }
  | { type: 'simulation'; runId: number; sim: SimPayload }
  | { type: 'sweep'; runId: number; sweep: SweepPayload }
  | { type: 'done'; runId: number; totalMs: number }
  | { type: 'error'; runId: number; layer: LayerName; message: string }
  | { type: 'csv'; uploadId: number; result: { ok: true; value: CsvInfo } | { ok: false; error: string } }
  | { type: 'exported'; requestId: number; result: { ok: true; value: ExportedCsv } | { ok: false; error: string } };

/** Largest number of rows of plotted series. */
export const PLOT_POINTS = 1000;

/** Transferable buffers of a message (every typed array in it). */
export function transferables(msg: unknown, out: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
  if (depth > 6 || msg === null || typeof msg !== 'object') return out;
  if (ArrayBuffer.isView(msg)) {
    const b = msg.buffer;
    if (b instanceof ArrayBuffer && !out.includes(b)) out.push(b);
    return out;
  }
  for (const v of Array.isArray(msg) ? msg : Object.values(msg)) transferables(v, out, depth + 1);
  return out;
}

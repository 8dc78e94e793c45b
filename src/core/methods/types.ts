/**
 * A fitting method is a plug-in (STYLE.md §16, after diffrax's solver interface): one folder
 * under src/core/methods/ and one line in registry.ts. A method declares its settings (id,
 * label, defaults, validation), the cached layers it reads, and runs as a small state machine,
 *   init(input, settings) → state;  step(state) → progress, until done;  finish(state) → outcome,
 * so one generic loop (the worker's, the CLI's, the lab's: ./run.ts) can stream its progress,
 * yield between steps, drop it when it becomes stale, Stop it (keeping the caches and the best
 * result so far) and hold it to a time budget. A step should take at most a few tens of ms.
 * Its result is a model of expressions per state (model.ts); SINDy's coefficient matrix over a
 * library is the special case `{ kind: 'library' }`.
 */
import type { DataSpec } from '../data/spec';
import type { DerivativeSettings } from '../derivative/registry';
import type { LibrarySettings } from '../library/library';
import type { SparseSettings } from '../optimize/mstls';
import type { Choice } from '../limits';
import type { ParallelHost } from '../symbolic/executor';
import type { Dataset, Result } from '../types';
import type { PipelineLayers, LayerName } from './layers';
import type { Model } from './model';
import type { SparseDetails } from './sparseDetails';

/**
 * Everything a fit needs besides the data: the pipeline's shared settings (derivatives,
 * library, optimizer, normalisation — read by the methods that use them) and the method with
 * its own settings. Plain data: it crosses the worker boundary and comes from a URL or the CLI.
 */
export interface PipelineSpec {
  derivative: DerivativeSettings;
  library: LibrarySettings;
  optimizer: SparseSettings;
  /** divide each library column by its norm before thresholding (PySINDy's normalize_columns) */
  normalize: boolean;
  method: MethodSpec;
}

/** A whole fit: where the data comes from, and the pipeline. */
export interface FitSpec { data: DataSpec; pipeline: PipelineSpec }

export interface MethodSpec { id: string; settings: Readonly<Record<string, unknown>> }

/** What a method receives: the data, the spec, and the engine's layer cache (lazy, keyed). */
export interface MethodInput {
  data: Dataset;
  spec: PipelineSpec;
  layers: PipelineLayers;
  /** threads the environment lends (nested Web Workers in the fit worker, worker threads in the CLI); absent: this thread only */
  parallel?: ParallelHost;
}

/** Something a method streams while it runs, beside its progress fraction. */
export type LivePayload =
  /** an optimizer iterate (STLSQ pass): coefficients m × p */
  | { kind: 'iterate'; iteration: number; nTerms: number; coefficients: Float64Array }
  /** bagged models done (E-SINDy) */
  | { kind: 'models'; done: number; total: number }
  /**
   * a training loss curve so far (neural ODE), step numbers and losses; `stage` names the
   * phase ('training', 'fine-tuning'); `simulation`, now and then, the current model's
   * trajectories from each trajectory's first observed state, at the data's times (y row-major
   * samples × states), for "learned vs observed" while it trains
   */
  | { kind: 'loss'; steps: Float64Array; loss: Float64Array; stage?: string; simulation?: { t: Float64Array; y: Float64Array }[] }
  /** a Pareto front per state (symbolic search): complexity, loss, equation text */
  | { kind: 'pareto'; fronts: { complexity: number; loss: number; equation: string }[][] };

export interface StepReport {
  done: boolean;
  /** 0…1 of the method's work */
  fraction: number;
  /** what it is doing, for the progress line: 'STLSQ pass 3', 'model 12 of 20' */
  label: string;
  live?: LivePayload;
}

export type OutcomeStatus = 'ok' | 'all_pruned' | 'not_converged' | 'stopped';

export interface MethodOutcome {
  model: Model;
  status: OutcomeStatus;
  /** advice when the status is not 'ok' (or something the user must know) */
  message: string | null;
  warnings: string[];
  /** the SINDy family's regression details (heatmap, Pareto sweep, R², ensemble, weak form) */
  sparse?: SparseDetails;
  /** a search's Pareto front per state: complexity, loss, equation (mathjs) */
  pareto?: { complexity: number; loss: number; equation: string }[][];
  /** wall-clock ms of a method's stages (neural ODE: training, the distillation or search, fine-tuning) */
  timings?: { trainMs?: number; searchMs?: number; finetuneMs?: number };
}

/**
 * One setting a method declares. From this one entry the playground draws the control, the
 * URL codec reads and writes it as `m.<key>`, the CLI offers it as `--<cli ?? key>`, and
 * `validateFields` checks it (the method's `validate` may add checks across fields). Numbers
 * are closed ranges; `log` asks the page for a logarithmic slider; `advanced` folds the
 * control away by default; `when` says for which values of the other settings it applies.
 */
export type MethodField = {
  key: string;
  label: string;
  /** one sentence for the page's "?" help and the CLI's --help */
  help: string;
  /** the CLI flag without dashes, when it is not the key */
  cli?: string;
  advanced?: boolean;
  when?: (settings: Readonly<Record<string, unknown>>) => boolean;
} & (
  | { kind: 'int' | 'number'; min: number; max: number; log?: boolean; unit?: string }
  | { kind: 'choice'; choices: readonly Choice[] }
  /** `check`: a pure check of the text beyond its length (the page shows its message as the user types) */
  | { kind: 'text'; maxLength: number; placeholder?: string; check?: (text: string) => string | null }
  | { kind: 'bool' }
);

/** Why a loop ended a method before it said done (finish then reports the best so far). */
export type EndReason = 'done' | 'stopped' | 'budget';

/**
 * The pipeline's shared settings a method can read (PipelineSpec): the derivative estimate,
 * the library and the sparse optimizer (with normalisation). The page shows their controls,
 * and the CLI accepts their flags, only for a method that uses them.
 */
export type PipelineControl = 'derivative' | 'library' | 'optimizer';
export const PIPELINE_CONTROLS: readonly PipelineControl[] = Object.freeze(['derivative', 'library', 'optimizer']);

/**
 * What the surfaces know of a method without its engine: the page's main thread (which never
 * loads the engine), the URL codec and the CLI read these members only. A method's folder keeps
 * them in an import-light `info.ts` listed in ./catalog.ts; the method object spreads them.
 */
export interface MethodInfo<S extends object = object> {
  id: string;
  label: string;
  description: string;
  /** the method's own settings (PipelineSpec.method.settings) */
  defaults: Readonly<S>;
  /**
   * The settings a user can change, declared once for every surface (page, URL, CLI). Methods
   * whose settings the page sets through its own controls (the SINDy family) declare none.
   */
  fields?: readonly MethodField[];
  /**
   * Which shared pipeline settings it reads with these (validated or default-filled) settings;
   * absent: none. Must agree with `needs` (a method that needs 'derivatives' uses 'derivative';
   * one that needs Θ uses 'library'; one that thresholds uses 'optimizer'); a test checks it.
   * Example: a neural ODE distilled by SINDy uses library and optimizer, by a GP search neither.
   */
  uses?(settings: Readonly<Record<string, unknown>>): readonly PipelineControl[];
}

export interface FittingMethod<S extends object = object, St = unknown> extends MethodInfo<S> {
  /** settings from untrusted data → typed settings or a message naming the bad one */
  validate(settings: Readonly<Record<string, unknown>>, spec: PipelineSpec): Result<S>;
  /** the pipeline layers it reads through MethodInput.layers with these settings (the derivative plot, stale marks) */
  needs(settings: S): readonly LayerName[];
  init(input: MethodInput, settings: S): Result<St>;
  step(state: St): StepReport;
  /**
   * Optional: the same step for a driver that can wait (the worker's, the CLI's), for a method
   * that runs part of a step in other threads. `interrupted` turns true when the loop is about
   * to stop or drop the run (Stop, a newer request, the budget): the method may then return
   * early, its state as before the step. Drivers that cannot wait call `step`.
   */
  stepAsync?(state: St, interrupted: () => boolean): Promise<StepReport>;
  /** Optional: give back what init took (threads' copies of the data); called once however the run ends. */
  dispose?(state: St): void;
  /** the model; `reason` says whether the loop stopped it early (the best so far is reported) */
  finish(state: St, reason: EndReason): Result<MethodOutcome>;
}

/** A registered method with its types erased (the registry's element type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMethod = FittingMethod<any, any>;

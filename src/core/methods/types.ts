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
  | { kind: 'text'; maxLength: number; placeholder?: string }
  | { kind: 'bool' }
);

/** Why a loop ended a method before it said done (finish then reports the best so far). */
export type EndReason = 'done' | 'stopped' | 'budget';

export interface FittingMethod<S extends object = object, St = unknown> {
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
  /** settings from untrusted data → typed settings or a message naming the bad one */
  validate(settings: Readonly<Record<string, unknown>>, spec: PipelineSpec): Result<S>;
  /** the pipeline layers it reads through MethodInput.layers with these settings (the derivative plot, stale marks) */
  needs(settings: S): readonly LayerName[];
  init(input: MethodInput, settings: S): Result<St>;
  step(state: St): StepReport;
  /** the model; `reason` says whether the loop stopped it early (the best so far is reported) */
  finish(state: St, reason: EndReason): Result<MethodOutcome>;
}

/** A registered method with its types erased (the registry's element type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMethod = FittingMethod<any, any>;

/**
 * Run the fit the CLI asked for, R times, and shape the report (pure: no fs, no process).
 * `runFit` runs everything in this thread; `runFitAsync` lends the method threads (--workers).
 */
import { validateSparse } from '../core/optimize/mstls';
import { fitWithSpec, fitWithSpecAsync, type SpecFit } from '../core/methods/fit';
import { resolveWorkers, type ParallelHost } from '../core/symbolic/executor';
import { modelEquations } from '../core/methods/model';
import type { PipelineSpec } from '../core/methods/types';
import { err, ok, type Dataset, type Result } from '../core/types';
import type { CliOptions } from './args';
import { ensembleReport, ensembleSettingsOf, type CliEnsembleReport } from './ensemble';
import { defaultWeakSettings, validateWeak, type WeakSettings } from '../core/weak/settings';
import { median } from '../core/stats';

export interface CliReport {
  states: string[];
  features: string[];
  /** one row per state, one column per feature */
  coefficients: number[][];
  equations: Record<string, string>;
  status: string;
  message: string | null;
  warnings: string[];
  r2: number[];
  method: string;
  /** the whole fit (median over --repeats, and each); a neural ODE's stages too (of the last fit) */
  timings: { fitMs: number; fitMsAll: number[]; trainMs?: number; searchMs?: number; finetuneMs?: number };
  /** only with --ensemble N */
  ensemble?: CliEnsembleReport;
  /** only with a symbolic search (--method gp, --method neural --symbolic gp): per state, the Pareto front of complexity against loss */
  pareto?: Record<string, { complexity: number; loss: number; equation: string }[]>;
  /** only with --method gp: the threads the search's islands were spread over */
  workers?: number;
}

/** The pipeline the options ask for: E-SINDy with --ensemble, weak SINDy with --method weak, a registered method by its id, else SINDy. */
export function cliPipelineSpec(o: CliOptions, w: WeakSettings): PipelineSpec {
  const base = { derivative: o.settings.derivative, library: o.settings.library, optimizer: o.settings.optimizer, normalize: o.settings.normalize };
  if (o.ensemble > 0) {
    const e = ensembleSettingsOf(o);
    return { ...base, method: { id: 'esindy', settings: { models: e.models, inclusionThreshold: e.inclusionThreshold, libraryBagging: e.libraryBagging, sampleFraction: e.sampleFraction, seed: e.seed, form: o.method === 'weak' ? 'weak' : 'strong', weak: { ...w } } } };
  }
  if (o.method === 'weak') return { ...base, method: { id: 'weak', settings: { ...w } } };
  if (o.method === 'sindy') return { ...base, method: { id: 'sindy', settings: {} } };
  // A method with declared settings: the values its flags gave (methodFlags.ts); it fills in its defaults.
  return { ...base, method: { id: o.method, settings: { ...o.methodSettings } } };
}

type Fitted = { fit: SpecFit; ensemble?: CliEnsembleReport };

/** The loop's hooks the options ask for (a time budget). */
const hooksOf = (o: CliOptions) => (o.budgetS > 0 ? { budgetMs: o.budgetS * 1000 } : {});

/** One fit's result with, for --ensemble, the ensemble's part of the report. */
function withEnsemble(r: Result<SpecFit>, ds: Dataset): Result<Fitted> {
  if (!r.ok) return r;
  const ens = r.value.outcome.sparse?.ensemble;
  const model = r.value.outcome.model;
  if (!ens || model.kind !== 'library') return ok({ fit: r.value });
  const p = model.library.nFeatures;
  return ok({ fit: r.value, ensemble: ensembleReport(ens.result, ens.settings, ds.stateNames.length, p) });
}

function checkOptions(o: CliOptions, w: WeakSettings): Result<void> {
  const v = validateSparse(o.settings.optimizer);
  if (!v.ok) return err(v.error);
  if (o.method === 'weak') {
    const vw = validateWeak(w);
    if (!vw.ok) return err(vw.error);
  } else if (o.gls) return err('--gls needs --method weak (it reweights the weak form\'s residuals).');
  if (o.gls && o.ensemble > 0) return err('--gls cannot be combined with --ensemble; drop one of them.');
  return ok(undefined);
}

/** The weak form's settings the options ask for (used with --method weak, alone or in an ensemble). */
export function cliWeakSettings(o: CliOptions): WeakSettings {
  return { ...defaultWeakSettings(), ...(o.testFunctions > 0 ? { testFunctions: o.testFunctions } : {}), support: o.support, gls: o.gls };
}

/** The fit, R times, in this thread. */
export function runFit(ds: Dataset, o: CliOptions): Result<CliReport> {
  const w = cliWeakSettings(o);
  const c = checkOptions(o, w);
  if (!c.ok) return err(c.error);
  const runs: Fitted[] = [];
  for (let k = 0; k < o.repeats; k++) {
    const r = withEnsemble(fitWithSpec(ds, cliPipelineSpec(o, w), hooksOf(o)), ds);
    if (!r.ok) return err(r.error);
    runs.push(r.value);
  }
  return shapeReport(o, runs, 1);
}

/** The fit, R times, with `parallel`'s threads lent to the method (--method gp spreads its islands over them). */
export async function runFitAsync(ds: Dataset, o: CliOptions, parallel: ParallelHost): Promise<Result<CliReport>> {
  const w = cliWeakSettings(o);
  const c = checkOptions(o, w);
  if (!c.ok) return err(c.error);
  const runs: Fitted[] = [];
  for (let k = 0; k < o.repeats; k++) {
    const r = withEnsemble(await fitWithSpecAsync(ds, cliPipelineSpec(o, w), hooksOf(o), parallel), ds);
    if (!r.ok) return err(r.error);
    runs.push(r.value);
  }
  return shapeReport(o, runs, resolveWorkers(typeof o.methodSettings.workers === 'number' ? o.methodSettings.workers : 0, parallel));
}

/** The report of the last run, with every run's time. */
function shapeReport(o: CliOptions, runs: readonly Fitted[], workers: number): Result<CliReport> {
  const last = runs[runs.length - 1]!;
  const times = runs.map((r) => r.fit.ms);
  const { model, status, message, warnings, sparse, pareto, timings } = last.fit.outcome;
  const equations = modelEquations(model);
  const r2 = sparse?.r2 ?? [];
  // A library model reports its coefficient table; an expression model its formulas only.
  const features = model.kind === 'library' ? [...model.library.names] : [];
  const p = features.length;
  const coefficients = model.kind === 'library' ? model.coefficients : new Float64Array(0);
  // Never exit 0 with nonsense: a NaN or infinite coefficient or R² means the data's scale
  // broke the arithmetic (the CSV reader refuses the known causes; this is the last guard).
  if (!r2.every(Number.isFinite) || !coefficients.every(Number.isFinite) || equations.some((e) => /NaN|Infinity/.test(e))) {
    return err(`The fit gave non-finite numbers (NaN or infinity): the data's values or time steps are too large or too small to compute with. Rescale the columns (e.g. to other units).`);
  }
  return ok({
    states: model.stateNames,
    features,
    coefficients: model.stateNames.map((_, j) => Array.from(coefficients.subarray(j * p, (j + 1) * p))),
    equations: Object.fromEntries(model.stateNames.map((s, j) => [s, equations[j]!])),
    status,
    message,
    warnings,
    r2,
    method: o.method,
    timings: { fitMs: median(times), fitMsAll: times, ...timings },
    ...(last.ensemble ? { ensemble: last.ensemble } : {}),
    ...(pareto ? { pareto: Object.fromEntries(model.stateNames.map((s, j) => [s, pareto[j]!])) } : {}),
    ...(o.method === 'gp' ? { workers } : {}),
  });
}

/**
 * `--ensemble N`: E-SINDy (Fasel, Kutz, Brunton & Brunton, Proc. R. Soc. A 2022) from the CLI.
 * The regression layer is the one the single fit would use — plain SINDy's rows (samples with
 * their derivative estimates) or, with --method weak, the weak form's rows (test functions) —
 * and ensembleFit bags it. The report is plain SINDy's plus an `ensemble` object.
 * Pure (no fs, no process).
 */
import { ensembleAsResult, ensembleFit, type EnsembleResult } from '../core/ensemble/ensemble';
import { validateEnsemble, type EnsembleSettings } from '../core/ensemble/settings';
import { describeFit, type FitResult } from '../core/pipeline/fit';
import { sindyRegressionLayer, type RegressionLayer } from '../core/pipeline/layers';
import { err, ok, type Dataset, type Result } from '../core/types';
import { weakRegressionLayer } from '../core/weak/layer';
import type { WeakSettings } from '../core/weak/settings';
import type { CliOptions } from './args';

/** Per state (rows) and feature (columns); null where a term was never offered to a model. */
type Grid = (number | null)[][];

/** The `ensemble` object of the JSON report. Every grid is states × features, like `coefficients`. */
export interface CliEnsembleReport {
  /** bagged models fitted */
  models: number;
  /** a term is in the reported model when its inclusion is at least this */
  inclusionThreshold: number;
  /** rows drawn per model, as a fraction of all rows (with replacement) */
  sampleFraction: number;
  seed: number;
  /** fraction of the models in which the term is nonzero */
  inclusion: Grid;
  /** distribution of each bagged coefficient: mean, standard deviation, median, 5 % and 95 % quantiles */
  mean: Grid;
  std: Grid;
  median: Grid;
  p05: Grid;
  p95: Grid;
}

export function ensembleSettingsOf(o: CliOptions): EnsembleSettings {
  return { models: o.ensemble, sampleFraction: 1, libraryBagging: false, inclusionThreshold: o.inclusion, seed: o.seed };
}

/** The regression layer the single fit would build: weak form, or derivatives + Θ. */
function layerOf(ds: Dataset, o: CliOptions, w: WeakSettings): Result<RegressionLayer> {
  if (o.method === 'weak') return weakRegressionLayer(ds, o.settings.library, w);
  return sindyRegressionLayer(ds, o.settings.derivative, o.settings.library);
}

/** One ensemble fit, shaped as a FitResult (so the report is built like a single fit's) plus its statistics. */
export function fitEnsemble(ds: Dataset, o: CliOptions, w: WeakSettings): Result<{ fit: FitResult; ensemble: EnsembleResult }> {
  const e = validateEnsemble(ensembleSettingsOf(o));
  if (!e.ok) return err(e.error);
  const t0 = performance.now();
  const reg = layerOf(ds, o, w);
  if (!reg.ok) return err(reg.error);
  const t1 = performance.now();
  const res = ensembleFit(reg.value, o.settings.normalize, o.settings.optimizer, e.value, ds.stateNames);
  const t2 = performance.now();
  const fit: FitResult = {
    ...describeFit(reg.value, ds.stateNames, ensembleAsResult(res)),
    timings: { derivativesMs: 0, libraryMs: 0, regressionMs: t1 - t0, optimizerMs: t2 - t1, totalMs: t2 - t0 },
  };
  return ok({ fit, ensemble: res });
}

/** m × p row-major → rows per state, NaN (term never offered) → null as JSON would write it anyway. */
function grid(a: Float64Array, m: number, p: number): Grid {
  return Array.from({ length: m }, (_, j) => Array.from(a.subarray(j * p, (j + 1) * p), (v) => (Number.isNaN(v) ? null : v)));
}

export function ensembleReport(r: EnsembleResult, e: EnsembleSettings, m: number, p: number): CliEnsembleReport {
  const s = r.stats;
  return {
    models: r.models, inclusionThreshold: e.inclusionThreshold, sampleFraction: e.sampleFraction, seed: e.seed,
    inclusion: grid(s.inclusion, m, p), mean: grid(s.mean, m, p), std: grid(s.std, m, p),
    median: grid(s.median, m, p), p05: grid(s.p05, m, p), p95: grid(s.p95, m, p),
  };
}

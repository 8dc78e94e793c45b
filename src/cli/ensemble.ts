/**
 * `--ensemble N`: E-SINDy (Fasel, Kutz, Brunton & Brunton, Proc. R. Soc. A 2022) from the CLI.
 * The registered method 'esindy' bags the rows the single fit would use — plain SINDy's
 * (samples with their derivative estimates) or, with --method weak, the weak form's (test
 * functions). The report is plain SINDy's plus an `ensemble` object, shaped here.
 * Pure (no fs, no process).
 */
import type { EnsembleResult } from '../core/ensemble/ensemble';
import type { EnsembleSettings } from '../core/ensemble/settings';
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

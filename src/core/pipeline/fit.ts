/**
 * The whole SINDy fit in one call — what PySINDy's `model.fit` covers (derivatives, library,
 * optimizer) plus equations and the derivative-fit R². Used by the CLI, tests and benchmarks;
 * the playground calls the layers one by one to cache them.
 */
import type { DerivativeSettings } from '../derivative/registry';
import type { LibrarySettings } from '../library/library';
import { formatEquation, formatLatex } from '../model/equations';
import { r2PerState, r2PerStateColumns } from '../model/metrics';
import { optimizeSparse, validateSparse, type SparseSettings } from '../optimize/mstls';
import type { OptimizerResult } from '../optimize/result';
import { err, ok, type Dataset, type Result } from '../types';
import { derivativeLayer, problemOf, regressionLayer, thetaLayer, type RegressionLayer } from './layers';

export interface FitSettings {
  derivative: DerivativeSettings;
  library: LibrarySettings;
  /** any registry optimizer or MSTLS */
  optimizer: SparseSettings;
  /** divide each library column by its norm before thresholding (PySINDy's normalize_columns) */
  normalize: boolean;
}

/** PySINDy's defaults (a fresh object each call: settings are data, never shared mutably). */
export function defaultFitSettings(): FitSettings {
  return {
    derivative: { method: 'fd' },
    library: { degree: 2, bias: true, fourier: 0, custom: [] },
    optimizer: { method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 },
    normalize: false,
  };
}

export interface FitResult {
  stateNames: string[];
  features: string[];
  featuresLatex: string[];
  /** Ξ: m × p row-major */
  coefficients: Float64Array;
  optimizer: OptimizerResult;
  equations: string[];
  latex: string[];
  r2: number[];
  timings: { derivativesMs: number; libraryMs: number; regressionMs: number; optimizerMs: number; totalMs: number };
}

/** The model part of a result from a regression layer and optimizer output. */
export function describeFit(reg: RegressionLayer, stateNames: string[], res: OptimizerResult): Omit<FitResult, 'timings'> {
  const lib = reg.theta.library;
  const { p } = reg.theta;
  const rows = stateNames.map((_, j) => res.coefficients.subarray(j * p, (j + 1) * p));
  return {
    stateNames,
    features: lib.names,
    featuresLatex: lib.latex,
    coefficients: res.coefficients,
    optimizer: res,
    equations: rows.map((r) => formatEquation(r, lib.names)),
    latex: rows.map((r) => formatLatex(r, lib.latex)),
    r2: regressionR2(reg, res.coefficients),
  };
}

/** R² per state of coefficients (m × p) on a regression layer's rows, from its columns when it has them. */
export function regressionR2(reg: RegressionLayer, coefficients: Float64Array): number[] {
  const { n, p } = reg.theta;
  return reg.normal.columns
    ? r2PerStateColumns(reg.normal.columns, coefficients, n, p, reg.m, reg.normal.targetColumns)
    : r2PerState(reg.theta.theta, reg.target, coefficients, n, p, reg.m);
}

export function fitDataset(ds: Dataset, s: FitSettings): Result<FitResult> {
  const v = validateSparse(s.optimizer);
  if (!v.ok) return err(v.error);
  const t0 = performance.now();
  const deriv = derivativeLayer(ds, s.derivative);
  if (!deriv.ok) return deriv;
  const t1 = performance.now();
  const theta = thetaLayer(ds, s.library);
  if (!theta.ok) return theta;
  const t2 = performance.now();
  const reg = regressionLayer(theta.value, deriv.value, ds.stateNames.length);
  const t3 = performance.now();
  const res = optimizeSparse(problemOf(reg, s.normalize), s.optimizer, ds.stateNames);
  const t4 = performance.now();
  return ok({
    ...describeFit(reg, ds.stateNames, res),
    timings: { derivativesMs: t1 - t0, libraryMs: t2 - t1, regressionMs: t3 - t2, optimizerMs: t4 - t3, totalMs: t4 - t0 },
  });
}

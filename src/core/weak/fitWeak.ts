/**
 * Weak SINDy in one call, the counterpart of `fitDataset` (same FitResult, so the CLI and
 * the playground show it the same way). The derivative settings are not used: the weak
 * form needs no pointwise derivative. R² is that of the weak system b ≈ G Ξᵀ. With
 * `gls`, the least-squares fit is reweighted by the residual covariance (irls.ts).
 */
import { optimizeSparse, validateSparse, type SparseSettings } from '../optimize/mstls';
import { describeFit, type FitResult, type FitSettings } from '../pipeline/fit';
import { problemOf } from '../pipeline/layers';
import { err, ok, type Dataset, type Result } from '../types';
import { weakGlsRefine } from './irls';
import { weakRegressionLayer, type WeakInfo } from './layer';
import type { WeakSettings } from './settings';

export interface WeakFitResult extends FitResult { weak: WeakInfo }

/** FitSettings without derivatives, whose optimizer may also be MSTLS. */
export interface WeakFitSettings extends Omit<FitSettings, 'derivative' | 'optimizer'> { optimizer: SparseSettings }

export function fitWeak(ds: Dataset, s: WeakFitSettings, w: WeakSettings): Result<WeakFitResult> {
  const v = validateSparse(s.optimizer);
  if (!v.ok) return err(v.error);
  const t0 = performance.now();
  const reg = weakRegressionLayer(ds, s.library, w);
  if (!reg.ok) return reg;
  const t1 = performance.now();
  const ols = optimizeSparse(problemOf(reg.value, s.normalize), s.optimizer, ds.stateNames);
  let res = ols;
  if (w.gls && ols.status !== 'all_pruned') {
    const g = weakGlsRefine(ds, reg.value, ols.coefficients, s.optimizer, s.normalize);
    res = { ...ols, coefficients: g.coefficients, warnings: [...ols.warnings, ...g.warnings] };
  }
  const t2 = performance.now();
  const { libraryMs } = reg.value.weak.timings;
  return ok({
    ...describeFit(reg.value, ds.stateNames, res),
    weak: reg.value.weak,
    timings: { derivativesMs: 0, libraryMs, regressionMs: t1 - t0 - libraryMs, optimizerMs: t2 - t1, totalMs: t2 - t0 },
  });
}

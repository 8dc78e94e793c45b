/**
 * A sparsity sweep for the Pareto plot: re-run the optimizer on one cached regression problem
 * for a range of thresholds (or LASSO α) and record, for each, the number of kept terms and the
 * relative error of the derivative fit. The "knee" of terms-vs-error is the usual way to pick
 * the threshold (Brunton, Proctor & Kutz 2016, Fig. 2; Mangan et al. 2017 for model selection).
 */
import { optimizeSparse, type SparseSettings } from '../optimize/mstls';
import type { RegressionProblem } from '../optimize/problem';
import { stlsqInit, stlsqStep } from '../optimize/stlsq';

export interface SweepPoint {
  /** the threshold (STLSQ, SR3) or α (LASSO) */
  value: number;
  nTerms: number;
  /** Σ_j ‖ẏ_j − Θξ_j‖² / Σ_j ‖ẏ_j − mean ẏ_j‖²  (1 − R² pooled over states) */
  error: number;
}

/**
 * Values to sweep: `count` log-spaced points spanning the magnitudes of the first
 * (unthresholded) ridge solution for STLSQ/SR3, [α_max·1e-4, α_max] for LASSO, or for MSTLS
 * fixed relative thresholds λ in [10⁻³, 0.5] (λ is a share of the equation, so no data scale).
 */
export function sweepValues(problem: RegressionProblem, s: SparseSettings, count = 24, floor = 1e-4): number[] {
  let lo: number;
  let hi: number;
  if (s.method === 'mstls') {
    lo = 1e-3; hi = 0.5;
  } else if (s.method === 'lasso') {
    let amax = 0;
    for (let k = 0; k < problem.cross.length; k++) amax = Math.max(amax, Math.abs(problem.cross[k]!) / (problem.samples ?? problem.n));
    hi = amax; lo = amax * 1e-4;
  } else {
    const st = stlsqStep(problem, { method: 'stlsq', threshold: 0, alpha: s.method === 'stlsq' ? s.alpha : 0, maxIter: 1 }, stlsqInit(problem));
    const mags = Array.from(st.coef, Math.abs).filter((v) => v > 0);
    hi = mags.length ? Math.max(...mags) * 1.05 : 1;
    lo = mags.length ? Math.min(...mags) : hi * 1e-3;
  }
  lo = Math.max(lo, floor, hi * 1e-5);
  if (!(hi > lo)) return [hi];
  const out: number[] = [];
  for (let k = 0; k < count; k++) out.push(lo * (hi / lo) ** (k / (count - 1)));
  return out;
}

/** Relative residual of coefficients coef (m × p, original scale) on the problem's Θ and Ẏ. */
export function relativeResidual(problem: RegressionProblem, coef: Float64Array): number {
  const { n, p, m, theta, target } = problem;
  let ssRes = 0;
  let ssTot = 0;
  for (let j = 0; j < m; j++) {
    const nz: number[] = [];
    for (let a = 0; a < p; a++) if (coef[j * p + a] !== 0) nz.push(a);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += target[i * m + j]!;
    mean /= n;
    for (let i = 0; i < n; i++) {
      let pred = 0;
      for (const a of nz) pred += theta[i * p + a]! * coef[j * p + a]!;
      const v = target[i * m + j]!;
      ssRes += (v - pred) ** 2;
      ssTot += (v - mean) ** 2;
    }
  }
  return ssTot > 0 ? ssRes / ssTot : ssRes;
}

/** Run the optimizer at every value; `shouldStop` is polled between runs (cancellation). */
export function sweep(
  problem: RegressionProblem, s: SparseSettings, values: readonly number[],
  shouldStop: () => boolean = () => false,
): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (const value of values) {
    if (shouldStop()) break;
    const settings: SparseSettings = s.method === 'lasso' ? { ...s, alpha: value } : { ...s, threshold: value };
    const res = optimizeSparse(problem, settings);
    let nTerms = 0;
    for (let k = 0; k < res.coefficients.length; k++) if (res.coefficients[k] !== 0) nTerms++;
    points.push({ value, nTerms, error: relativeResidual(problem, res.coefficients) });
  }
  return points;
}

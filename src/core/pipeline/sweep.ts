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
 * Terms a model keeps: its nonzero coefficients. The one count of the playground — the
 * heatmap's "N of M kept", the Pareto plot's marker, the threshold's readout and every sweep
 * point — so that they agree with each other and with the equations shown.
 */
export function keptTerms(coef: ArrayLike<number>): number {
  let n = 0;
  for (let k = 0; k < coef.length; k++) if (coef[k] !== 0) n++;
  return n;
}

/** A model as a point of the sweep: its parameter value, kept terms and pooled relative error. */
export function sweepPoint(problem: RegressionProblem, value: number, coef: Float64Array): SweepPoint {
  return { value, nTerms: keptTerms(coef), error: relativeResidual(problem, coef) };
}

/**
 * Values to sweep: `count` log-spaced points spanning the magnitudes of the first
 * (unthresholded) ridge solution for STLSQ/SR3, [α_max·1e-4, α_max] for LASSO, or for MSTLS
 * fixed relative thresholds λ in [10⁻³, 0.5] (λ is a share of the equation, so no data scale).
 * Each value has three significant digits, as the playground's controls and links write them:
 * picking a point sets exactly its value, so the refit keeps exactly its terms.
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
  if (!(hi > lo)) return [threeDigits(hi)];
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const v = threeDigits(lo * (hi / lo) ** (k / (count - 1)));
    if (out[out.length - 1] !== v) out.push(v);
  }
  return out;
}

/** A value as the controls write it: three significant digits (0.043598 → 0.0436). */
export function threeDigits(v: number): number {
  return Number(v.toPrecision(3));
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
    points.push(sweepPoint(problem, value, optimizeSparse(problem, settings).coefficients));
  }
  return points;
}

/**
 * The optimizers, by id. Settings are plain data (they cross the worker boundary and live
 * in the URL); `optimize` dispatches on `method`.
 */
import type { RegressionProblem } from './problem';
import type { OptimizerResult } from './result';
import { lasso, lassoDefaults, type LassoSettings } from './lasso';
import { sr3, sr3Defaults, type Sr3Settings } from './sr3';
import { stlsq, stlsqDefaults, type StlsqSettings } from './stlsq';
import { err, ok, type Result } from '../types';
import { limit, type Choice } from '../limits';

export type OptimizerSettings = StlsqSettings | LassoSettings | Sr3Settings;
export type OptimizerId = OptimizerSettings['method'];

export interface OptimizerInfo { id: OptimizerId; label: string; description: string }

export const optimizers: readonly OptimizerInfo[] = Object.freeze([
  { id: 'stlsq', label: 'STLSQ', description: 'Sequentially thresholded least squares: fit, drop every coefficient below the threshold, refit, until nothing changes (Brunton et al. 2016).' },
  { id: 'lasso', label: 'LASSO', description: 'L1-penalised least squares: α pulls small coefficients exactly to zero (coordinate descent).' },
  { id: 'sr3', label: 'SR3', description: 'Sparse relaxed regularised regression: a relaxed copy of the coefficients is thresholded while the fit stays close to it (Zheng et al. 2018).' },
]);

export const optimizerDefaults: { stlsq: StlsqSettings; lasso: LassoSettings; sr3: Sr3Settings } = Object.freeze({
  stlsq: stlsqDefaults, lasso: lassoDefaults, sr3: sr3Defaults,
});

/**
 * Limits and defaults of the sparse-regression settings: the one source for the playground's
 * controls, its URL codec and the CLI. Each lies inside what validateOptimizer (and
 * validateSparse for MSTLS) accepts; those keep wider bounds as a safety net.
 *  - threshold: STLSQ/SR3 λ, log scale from 10⁻⁴ (near plain least squares) to 100.
 *  - alpha: ridge α of STLSQ and MSTLS, or LASSO's L1 weight (default: STLSQ's).
 *  - nu: SR3 relaxation ν; maxIter: STLSQ/MSTLS passes (LASSO and SR3 run at least 1000).
 *  - mstlsLambda: MSTLS's relative threshold λ in [0, 1); 0 = chosen per equation by the loss.
 */
export const optimizerLimits = Object.freeze({
  threshold: limit({
    min: 1e-4, max: 100, default: stlsqDefaults.threshold,
    typed: { min: 0, max: 1e6, why: 'a typed 0 is plain least squares (PySINDy\'s threshold=0), which a log slider cannot reach; data in large units can need thresholds above 100' },
  }),
  alpha: limit({
    min: 0, max: 100, default: stlsqDefaults.alpha,
    typed: { min: 0, max: 1e6, why: 'LASSO\'s α grows with the size of ẏ and Θ: data in large units need α far above the slider\'s 100' },
  }),
  nu: limit({ min: 1e-3, max: 1e3, default: sr3Defaults.nu }),
  maxIter: limit({
    min: 1, max: 1000, integer: true, default: stlsqDefaults.maxIter,
    typed: { min: 1, max: 100_000, why: 'LASSO and SR3 run 1000 iterations by default and are advised to run longer when they do not converge; STLSQ settles in a few passes, so the page stops at 1000' },
  }),
  mstlsLambda: limit({ min: 0, max: 0.99, default: 0 }),
});

/** Every sparse-regression method a user can pick: the registry's three and MSTLS (mstls.ts). */
export type SparseMethodId = OptimizerId | 'mstls';
export const sparseMethodChoices: readonly Choice<SparseMethodId>[] = Object.freeze([
  ...optimizers.map(({ id, label }) => Object.freeze({ id, label })),
  Object.freeze({ id: 'mstls' as const, label: 'MSTLS (automatic threshold)' }),
]);

/** SR3's regulariser on the relaxed coefficients: ℓ0 (hard threshold) or ℓ1 (soft). */
export const regularizerChoices: readonly Choice<Sr3Settings['regularizer']>[] = Object.freeze([
  Object.freeze({ id: 'l0' as const, label: 'L0 (hard threshold)' }),
  Object.freeze({ id: 'l1' as const, label: 'L1 (soft threshold)' }),
]);

export function optimize(problem: RegressionProblem, s: OptimizerSettings, stateNames?: string[]): OptimizerResult {
  switch (s.method) {
    case 'stlsq': return stlsq(problem, s, stateNames);
    case 'lasso': return lasso(problem, s, stateNames);
    case 'sr3': return sr3(problem, s, stateNames);
  }
}

/** Range checks with messages that say which setting and what range is allowed. */
export function validateOptimizer(s: OptimizerSettings): Result<OptimizerSettings> {
  const bad = (name: string, v: number, range: string) => err<OptimizerSettings>(`${name} = ${v} is out of range: use ${range}.`);
  if (s.method === 'stlsq' || s.method === 'sr3') {
    if (!(s.threshold >= 0 && s.threshold <= 1e6)) return bad('The threshold', s.threshold, 'a number from 0 to 1e6');
  }
  if (s.method === 'stlsq' && !(s.alpha >= 0 && s.alpha <= 1e6)) return bad('Ridge α', s.alpha, 'a number from 0 to 1e6');
  if (s.method === 'lasso' && !(s.alpha > 0 && s.alpha <= 1e6)) return bad('LASSO α', s.alpha, 'a number above 0, at most 1e6');
  if (s.method === 'sr3' && !(s.nu > 0 && s.nu <= 1e6)) return bad('SR3 ν', s.nu, 'a number above 0, at most 1e6');
  if (!(Number.isInteger(s.maxIter) && s.maxIter >= 1 && s.maxIter <= 100000)) return bad('The iteration limit', s.maxIter, 'a whole number from 1 to 100000');
  return ok(s);
}

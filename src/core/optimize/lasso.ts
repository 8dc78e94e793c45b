/**
 * LASSO by cyclic coordinate descent on the normal equations (Friedman, Hastie & Tibshirani
 * 2010), with scikit-learn's objective so α means what it means there:
 *     min_ξ (1/(2n))‖ẏ − Θξ‖² + α‖ξ‖₁        (one problem per state)
 * Coordinate update: ξ_k ← S(c_k − Σ_{l≠k} G_kl ξ_l, nα) / G_kk, S the soft threshold.
 * Working from G = ΘᵀΘ and c = Θᵀẏ makes each sweep O(p²), independent of n.
 */
import { toOriginalScale, type RegressionProblem } from './problem';
import { countNonzero, fmtAdvice, unbias, type OptimizerResult } from './result';

export interface LassoSettings { method: 'lasso'; alpha: number; maxIter: number; tol: number; unbias: boolean }

export const lassoDefaults: LassoSettings = Object.freeze({ method: 'lasso', alpha: 0.05, maxIter: 1000, tol: 1e-8, unbias: true });

export function lasso(problem: RegressionProblem, s: LassoSettings, stateNames?: string[]): OptimizerResult {
  const { p, m, n, gram, cross } = problem;
  const coef = new Float64Array(m * p);
  const history: Float64Array[] = [];
  let iterations = 0;
  let converged = true;
  let alphaMax = 0;
  for (let j = 0; j < m; j++) {
    for (let a = 0; a < p; a++) alphaMax = Math.max(alphaMax, Math.abs(cross[a * m + j]!) / n);
    const r = coordinateDescent(gram, cross, p, m, j, n * s.alpha, s, coef.subarray(j * p, (j + 1) * p));
    iterations = Math.max(iterations, r.sweeps);
    converged &&= r.converged;
  }
  history.push(toOriginalScale(problem, coef));
  const warnings: string[] = [];
  if (countNonzero(coef) === 0) {
    return {
      status: 'all_pruned', coefficients: new Float64Array(m * p), history, iterations, warnings,
      message: `α = ${fmtAdvice(s.alpha)} removed every term. Lower α below ${fmtAdvice(alphaMax)}.`,
      suggested: alphaMax * 0.5,
    };
  }
  const out = toOriginalScale(problem, coef);
  if (s.unbias) unbias(problem, out, warnings, stateNames);
  return {
    status: converged ? 'ok' : 'not_converged',
    message: converged ? null : `LASSO did not converge in ${s.maxIter} sweeps. Raise the iteration limit or normalise the columns.`,
    coefficients: out, history, iterations, warnings,
  };
}

/** Solves one state's LASSO in place in `x` (length p); returns sweeps used. */
function coordinateDescent(
  g: Float64Array, c: Float64Array, p: number, m: number, j: number, lambda: number,
  s: LassoSettings, x: Float64Array,
): { sweeps: number; converged: boolean } {
  for (let sweep = 1; sweep <= s.maxIter; sweep++) {
    let maxDelta = 0;
    let maxX = 0;
    for (let k = 0; k < p; k++) {
      const gkk = g[k * p + k]!;
      if (gkk === 0) { x[k] = 0; continue; }
      let rho = c[k * m + j]!;
      for (let l = 0; l < p; l++) if (l !== k) rho -= g[k * p + l]! * x[l]!;
      const next = rho > lambda ? (rho - lambda) / gkk : rho < -lambda ? (rho + lambda) / gkk : 0;
      maxDelta = Math.max(maxDelta, Math.abs(next - x[k]!));
      maxX = Math.max(maxX, Math.abs(next));
      x[k] = next;
    }
    if (maxDelta <= s.tol * Math.max(maxX, 1e-300) || maxX === 0) return { sweeps: sweep, converged: true };
  }
  return { sweeps: s.maxIter, converged: false };
}

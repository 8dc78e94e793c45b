/** What every optimizer returns, and the shared final step (unbiasing on the support). */
import { leastSquaresNormal, leastSquaresNormalRows } from '../linalg/leastSquares';
import type { RegressionProblem } from './problem';
import { pushWarning, solveSupportQR, solveWarning } from './supportSolve';

export type OptimizerStatus = 'ok' | 'all_pruned' | 'not_converged';

export interface OptimizerResult {
  status: OptimizerStatus;
  /** null when status is 'ok' and nothing needs saying; otherwise advice for the user */
  message: string | null;
  /** Ξ: m × p row-major, original column scale */
  coefficients: Float64Array;
  /** every iterate (m × p, original scale), first to last, so the UI can animate thresholding */
  history: Float64Array[];
  iterations: number;
  /** a threshold (or α) that would keep at least one term, when status is 'all_pruned' */
  suggested?: number;
  warnings: string[];
}

/**
 * Refit each state's equation by plain least squares on its support (PySINDy's `unbias`):
 * shrinkage from the ridge/L1 penalty is removed while the sparsity pattern is kept.
 * coef: m × p original scale, modified in place. Solved from the problem's normal equations
 * refined against Θ (its column store when there is one, else its rows), as accurate as QR on
 * Θ at a fraction of the cost; when that cannot vouch for its answer, from the QR of the
 * column-scaled Θ (supportSolve.ts), which says when the support is too ill-conditioned to trust.
 */
export function unbias(problem: RegressionProblem, coef: Float64Array, warnings: string[], stateNames?: string[]): void {
  // problem.theta is read only on the QR fallback: it may be made on demand.
  const { p, m, target, columns, targetColumns, scale } = problem;
  const support: number[] = [];
  for (let j = 0; j < m; j++) {
    support.length = 0;
    // PySINDy's support test (|ξ| > 1e-14), on the working-scale coefficients it thresholds: in
    // original units a kept term of a large column (x⁵ with x in thousands) can be far below 1e-14.
    for (let a = 0; a < p; a++) if (Math.abs(coef[j * p + a]! * scale[a]!) > 1e-14) support.push(a);
    if (support.length === 0) continue;
    const x = columns ? leastSquaresNormal(problem, columns, support, j, targetColumns) : leastSquaresNormalRows(problem, problem.theta, target, support, j);
    if (x) {
      for (let c = 0; c < support.length; c++) coef[j * p + support[c]!] = x[c]!;
      continue;
    }
    const sol = solveSupportQR(problem, support, j, 0);
    const name = stateNames?.[j] ?? `x${j + 1}`;
    if (sol.regularised) {
      warnings.push(`The terms kept for d${name}/dt are collinear (one is a combination of the others), so their least-squares refit is not unique; showing the thresholded coefficients. Remove redundant library terms.`);
      continue;
    }
    pushWarning(warnings, solveWarning(sol, name));
    for (let c = 0; c < support.length; c++) coef[j * p + support[c]!] = sol.x[c]! / scale[support[c]!]!;
  }
}

/** Number of nonzero coefficients in an m × p matrix. */
export function countNonzero(coef: Float64Array): number {
  let c = 0;
  for (let i = 0; i < coef.length; i++) if (coef[i] !== 0) c++;
  return c;
}

/** Largest |value|, for "lower it below …" advice. */
export function maxAbs(v: Float64Array): number {
  let mx = 0;
  for (let i = 0; i < v.length; i++) mx = Math.max(mx, Math.abs(v[i]!));
  return mx;
}

/** A short number for messages: 0.8, 2.83, 1.2e-5. */
export function fmtAdvice(x: number): string {
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? String(Number(x.toPrecision(3))) : x.toExponential(2);
}

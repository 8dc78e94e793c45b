/**
 * Sparse relaxed regularised regression, SR3 (Zheng, Askham, Brunton, Kutz & Aravkin 2018;
 * Champion et al. 2020), in PySINDy's parametrisation:
 *     min_{ξ,w} ½‖ẏ − Θξ‖² + λR(w) + (1/(2ν))‖ξ − w‖²
 * Relax and split: ξ ← (ΘᵀΘ + I/ν)⁻¹(Θᵀẏ + w/ν), then w ← prox_{νλR}(ξ). For R = ‖·‖₀ the prox
 * is a hard threshold, for R = ‖·‖₁ a soft threshold; λ is chosen so that both threshold at
 * `threshold` (λ = threshold²/(2ν) for L0, threshold/ν for L1). The sparse w is reported.
 */
import { checkedValueBelow, typed } from './advice';
import { toOriginalScale, type RegressionProblem } from './problem';
import { countNonzero, fmtAdvice, maxAbs, unbias, type OptimizerResult } from './result';
import { noteSolve, relaxedSolver, solveSupport, solveWarnings, type RelaxedSolver, type SolveIssues } from './supportSolve';

export interface Sr3Settings {
  method: 'sr3'; threshold: number; nu: number; regularizer: 'l0' | 'l1';
  maxIter: number; tol: number; unbias: boolean;
}

export const sr3Defaults: Sr3Settings = Object.freeze({
  method: 'sr3', threshold: 0.1, nu: 1, regularizer: 'l0', maxIter: 1000, tol: 1e-8, unbias: true,
});

/**
 * As PySINDy, the relaxed coefficients w start from the least-squares fit on the whole library
 * (its `np.linalg.lstsq` initial guess), not from 0: the first ξ is then that fit itself, and the
 * thresholds act on it as STLSQ's first pass does.
 */
export function sr3(problem: RegressionProblem, s: Sr3Settings, stateNames?: string[]): OptimizerResult {
  const { p, m } = problem;
  const solver = relaxedSolver(problem, s.nu);
  if (!solver) {
    return {
      status: 'not_converged', coefficients: new Float64Array(m * p), history: [], iterations: 0, warnings: [],
      message: `SR3 ν = ${s.nu} is out of range: use a number above 0.`,
    };
  }
  const issues: SolveIssues = new Map();
  const start = leastSquaresStart(problem, issues);
  const warnings = solveWarnings(issues, m, stateNames);
  const run = iterate(problem, s, solver, start, true);
  if (countNonzero(run.w) === 0) {
    const value = checkedValueBelow(run.firstMax, (t) => countNonzero(iterate(problem, { ...s, threshold: t }, solver, start, false).w) > 0);
    return {
      status: 'all_pruned', coefficients: new Float64Array(m * p), history: run.history, iterations: run.iterations, warnings,
      message: `The threshold ${fmtAdvice(s.threshold)} removed every term. ${value === null ? 'Every coefficient of the least-squares fit is 0: check that the data change over time.' : `Lower it to ${typed(value)} or less.`}`,
      suggested: value ?? undefined,
    };
  }
  const out = toOriginalScale(problem, run.w);
  if (s.unbias) unbias(problem, out, warnings, stateNames);
  return {
    status: run.converged ? 'ok' : 'not_converged',
    message: run.converged ? null : `SR3 did not converge in ${s.maxIter} iterations. Raise the iteration limit or ν.`,
    coefficients: out, history: run.history, iterations: run.iterations, warnings,
  };
}

/** Least squares on the whole library, per state (working scale, m × p). */
function leastSquaresStart(problem: RegressionProblem, issues: SolveIssues): Float64Array {
  const { p, m } = problem;
  const all = Array.from({ length: p }, (_, a) => a);
  const w = new Float64Array(m * p);
  for (let j = 0; j < m; j++) {
    const sol = solveSupport(problem, all, j, 0);
    noteSolve(issues, j, sol);
    w.set(sol.x, j * p);
  }
  return w;
}

interface Sr3Run { w: Float64Array; history: Float64Array[]; iterations: number; converged: boolean; firstMax: number }

/** Relax and split from w = start until w settles (or maxIter). */
function iterate(problem: RegressionProblem, s: Sr3Settings, solver: RelaxedSolver, start: Float64Array, keep: boolean): Sr3Run {
  const { p, m } = problem;
  const w = Float64Array.from(start);
  const xi = new Float64Array(m * p);
  const history: Float64Array[] = [];
  let firstMax = 0;
  let iter = 0;
  let converged = false;
  for (iter = 1; iter <= s.maxIter; iter++) {
    let maxDelta = 0;
    for (let j = 0; j < m; j++) {
      const row = xi.subarray(j * p, (j + 1) * p);
      solver.solve(j, w.subarray(j * p, (j + 1) * p), row);
      for (let a = 0; a < p; a++) {
        const next = prox(row[a]!, s);
        maxDelta = Math.max(maxDelta, Math.abs(next - w[j * p + a]!));
        w[j * p + a] = next;
      }
    }
    if (iter === 1) firstMax = maxAbs(xi);
    if (keep && (iter <= 50 || iter % 10 === 0)) history.push(toOriginalScale(problem, w));
    if (maxDelta <= s.tol * Math.max(maxAbs(w), 1e-300)) { converged = true; break; }
  }
  return { w, history, iterations: Math.min(iter, s.maxIter), converged, firstMax };
}

function prox(v: number, s: Sr3Settings): number {
  if (s.regularizer === 'l0') return Math.abs(v) >= s.threshold ? v : 0;
  return v > s.threshold ? v - s.threshold : v < -s.threshold ? v + s.threshold : 0;
}

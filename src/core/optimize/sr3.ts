/**
 * Sparse relaxed regularised regression, SR3 (Zheng, Askham, Brunton, Kutz & Aravkin 2018;
 * Champion et al. 2020), in PySINDy's parametrisation:
 *     min_{ξ,w} ½‖ẏ − Θξ‖² + λR(w) + (1/(2ν))‖ξ − w‖²
 * Relax and split: ξ ← (ΘᵀΘ + I/ν)⁻¹(Θᵀẏ + w/ν), then w ← prox_{νλR}(ξ). For R = ‖·‖₀ the prox
 * is a hard threshold, for R = ‖·‖₁ a soft threshold; λ is chosen so that both threshold at
 * `threshold` (λ = threshold²/(2ν) for L0, threshold/ν for L1). The sparse w is reported.
 */
import { choleskyFactor, choleskySolveFactored } from '../linalg/dense';
import { toOriginalScale, type RegressionProblem } from './problem';
import { countNonzero, fmtAdvice, maxAbs, unbias, type OptimizerResult } from './result';

export interface Sr3Settings {
  method: 'sr3'; threshold: number; nu: number; regularizer: 'l0' | 'l1';
  maxIter: number; tol: number; unbias: boolean;
}

export const sr3Defaults: Sr3Settings = Object.freeze({
  method: 'sr3', threshold: 0.1, nu: 1, regularizer: 'l0', maxIter: 1000, tol: 1e-8, unbias: true,
});

export function sr3(problem: RegressionProblem, s: Sr3Settings, stateNames?: string[]): OptimizerResult {
  const { p, m, gram, cross } = problem;
  // H = G + I/ν is fixed: factor it once (its inverse applied to p × m right-hand sides).
  const h = Float64Array.from(gram);
  for (let a = 0; a < p; a++) h[a * p + a]! += 1 / s.nu;
  if (!choleskyFactor(h, p)) throw new Error('SR3: ΘᵀΘ + I/ν must be positive definite (ν > 0)');
  const w = new Float64Array(m * p);
  const xi = new Float64Array(m * p);
  const rhs = new Float64Array(p);
  const history: Float64Array[] = [];
  let firstMax = 0;
  let iter = 0;
  let converged = false;
  for (iter = 1; iter <= s.maxIter; iter++) {
    let maxDelta = 0;
    for (let j = 0; j < m; j++) {
      for (let a = 0; a < p; a++) rhs[a] = cross[a * m + j]! + w[j * p + a]! / s.nu;
      choleskySolveFactored(h, p, rhs);
      for (let a = 0; a < p; a++) {
        const v = rhs[a]!;
        xi[j * p + a] = v;
        const next = prox(v, s);
        maxDelta = Math.max(maxDelta, Math.abs(next - w[j * p + a]!));
        w[j * p + a] = next;
      }
    }
    if (iter === 1) firstMax = maxAbs(xi);
    if (iter <= 50 || iter % 10 === 0) history.push(toOriginalScale(problem, w));
    if (maxDelta <= s.tol * Math.max(maxAbs(w), 1e-300)) { converged = true; break; }
  }
  const warnings: string[] = [];
  if (countNonzero(w) === 0) {
    return {
      status: 'all_pruned', coefficients: new Float64Array(m * p), history, iterations: iter, warnings,
      message: `The threshold ${fmtAdvice(s.threshold)} removed every term. Lower it below ${fmtAdvice(firstMax)}.`,
      suggested: firstMax * 0.9,
    };
  }
  const out = toOriginalScale(problem, w);
  if (s.unbias) unbias(problem, out, warnings, stateNames);
  return {
    status: converged ? 'ok' : 'not_converged',
    message: converged ? null : `SR3 did not converge in ${s.maxIter} iterations. Raise the iteration limit or ν.`,
    coefficients: out, history, iterations: Math.min(iter, s.maxIter), warnings,
  };
}

function prox(v: number, s: Sr3Settings): number {
  if (s.regularizer === 'l0') return Math.abs(v) >= s.threshold ? v : 0;
  return v > s.threshold ? v - s.threshold : v < -s.threshold ? v + s.threshold : 0;
}

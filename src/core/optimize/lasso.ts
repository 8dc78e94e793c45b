/**
 * LASSO by cyclic coordinate descent on the normal equations (Friedman, Hastie & Tibshirani
 * 2010), with scikit-learn's objective so α means what it means there:
 *     min_ξ (1/(2n))‖ẏ − Θξ‖² + α‖ξ‖₁        (one problem per state)
 * Coordinate update: ξ_k ← S(ρ_k, nα) / G_kk with ρ_k = c_k − Σ_{l≠k} G_kl ξ_l, S the soft
 * threshold. Working from G = ΘᵀΘ and c = Θᵀẏ makes a sweep independent of n, and keeping the
 * gradient q = c − Gξ up to date ("covariance updates", glmnet's covariance mode, scikit-learn's
 * precompute=True) makes a coordinate that stays at zero cost O(1) and a change O(p).
 *
 * Library columns are strongly correlated (z, z², z³ …), where coordinate descent crawls
 * (thousands of sweeps on Lorenz with a degree-3 library). So once a sweep leaves the active
 * set A and its signs s unchanged, the step to the optimum those imply is taken directly (an
 * active-set Newton step, as in orthant-wise methods): on the face {ξ_k = 0 off A,
 * sign(ξ_A) = s_A} the objective is the quadratic ½ξᵀGξ − cᵀξ + nα·s_Aᵀξ_A, minimised at
 * ξ*_A = G_AA⁻¹(c_A − nα·s_A). Moving from ξ towards ξ* lowers it; where a coefficient
 * reaches 0 first, it leaves A and ξ* is recomputed for the smaller A, until ξ* is reached.
 * If it satisfies the remaining optimality (KKT) conditions — |q_k| ≤ nα off A — it is the
 * exact minimiser (the problem is convex); otherwise descent goes on from the better point.
 */
import { choleskySolveInPlace } from '../linalg/dense';
import { checkedValueBelow, typed } from './advice';
import { toOriginalScale, type RegressionProblem } from './problem';
import { countNonzero, fmtAdvice, unbias, type OptimizerResult } from './result';

export interface LassoSettings { method: 'lasso'; alpha: number; maxIter: number; tol: number; unbias: boolean }

export const lassoDefaults: LassoSettings = Object.freeze({ method: 'lasso', alpha: 0.05, maxIter: 1000, tol: 1e-8, unbias: true });

export function lasso(problem: RegressionProblem, s: LassoSettings, stateNames?: string[]): OptimizerResult {
  const { p, m, cross } = problem;
  const n = problem.samples ?? problem.n; // the 1/(2n) of the objective counts weighted rows
  const run = descend(problem, s);
  const history = [toOriginalScale(problem, run.coef)];
  const warnings: string[] = [];
  if (countNonzero(run.coef) === 0) {
    // Above α_max = max |Θᵀẏ|/n the solution is exactly 0; below it some term is nonzero.
    let alphaMax = 0;
    for (let k = 0; k < p * m; k++) alphaMax = Math.max(alphaMax, Math.abs(cross[k]!) / n);
    const value = checkedValueBelow(alphaMax * 0.5, (a) => countNonzero(descend(problem, { ...s, alpha: a }).coef) > 0);
    return {
      status: 'all_pruned', coefficients: new Float64Array(m * p), history, iterations: run.iterations, warnings,
      message: `α = ${fmtAdvice(s.alpha)} removed every term. ${value === null ? 'Every correlation of a term with the derivatives is 0: check that the data change over time.' : `Lower α to ${typed(value)} or less.`}`,
      suggested: value ?? undefined,
    };
  }
  const out = toOriginalScale(problem, run.coef);
  if (s.unbias) unbias(problem, out, warnings, stateNames);
  return {
    status: run.converged ? 'ok' : 'not_converged',
    message: run.converged ? null : `LASSO did not converge in ${s.maxIter} sweeps. Raise the iteration limit or normalise the columns.`,
    coefficients: out, history, iterations: run.iterations, warnings,
  };
}

/** Coordinate descent for every state: working-scale coefficients (m × p). */
function descend(problem: RegressionProblem, s: LassoSettings): { coef: Float64Array; iterations: number; converged: boolean } {
  const { p, m, gram, cross } = problem;
  const n = problem.samples ?? problem.n;
  const coef = new Float64Array(m * p);
  let iterations = 0;
  let converged = true;
  for (let j = 0; j < m; j++) {
    const r = coordinateDescent(gram, cross, p, m, j, n * s.alpha, s, coef.subarray(j * p, (j + 1) * p));
    iterations = Math.max(iterations, r.sweeps);
    converged &&= r.converged;
  }
  return { coef, iterations, converged };
}

/** Solves one state's LASSO in place in `x` (length p, starting from 0); returns sweeps used. */
function coordinateDescent(
  g: Float64Array, c: Float64Array, p: number, m: number, j: number, lambda: number,
  s: LassoSettings, x: Float64Array,
): { sweeps: number; converged: boolean } {
  const q = new Float64Array(p); // gradient c − Gx (x = 0 at the start)
  for (let k = 0; k < p; k++) q[k] = c[k * m + j]!;
  const sign = new Int8Array(p);
  for (let sweep = 1; sweep <= s.maxIter; sweep++) {
    let maxDelta = 0;
    let maxX = 0;
    let patternChanged = false;
    for (let k = 0; k < p; k++) {
      const gkk = g[k * p + k]!;
      if (gkk === 0) continue; // a zero column: its coefficient stays 0
      const old = x[k]!;
      const rho = q[k]! + gkk * old;
      const next = rho > lambda ? (rho - lambda) / gkk : rho < -lambda ? (rho + lambda) / gkk : 0;
      const sg = next > 0 ? 1 : next < 0 ? -1 : 0;
      if (sg !== sign[k]) { sign[k] = sg; patternChanged = true; }
      maxX = Math.max(maxX, Math.abs(next));
      const delta = next - old;
      if (delta === 0) continue;
      maxDelta = Math.max(maxDelta, Math.abs(delta));
      x[k] = next;
      for (let l = 0; l < p; l++) q[l]! -= g[l * p + k]! * delta;
    }
    if (maxDelta <= s.tol * Math.max(maxX, 1e-300) || maxX === 0) return { sweeps: sweep, converged: true };
    if (!patternChanged && activeSetStep(g, c, p, m, j, lambda, sign, x, q)) return { sweeps: sweep, converged: true };
  }
  return { sweeps: s.maxIter, converged: false };
}

/**
 * The active-set Newton step described above. Updates x, sign and the gradient q = c − Gx in
 * place; returns true when x is then the exact optimum.
 */
function activeSetStep(
  g: Float64Array, c: Float64Array, p: number, m: number, j: number, lambda: number,
  sign: Int8Array, x: Float64Array, q: Float64Array,
): boolean {
  const active: number[] = [];
  let reached = false;
  // Each pass either reaches ξ* or drops at least one coefficient: at most p passes.
  for (let pass = 0; pass < p && !reached; pass++) {
    active.length = 0;
    for (let k = 0; k < p; k++) if (sign[k] !== 0) active.push(k);
    const goal = faceOptimum(g, c, p, m, j, lambda, sign, active);
    if (!goal) break; // empty or singular active set: leave it to coordinate descent
    // Largest step t ∈ (0, 1] along ξ → ξ* before a coefficient crosses zero.
    let t = 1;
    for (let r = 0; r < active.length; r++) {
      const now = x[active[r]!]!;
      if (Math.sign(goal[r]!) !== sign[active[r]!]) t = Math.min(t, now / (now - goal[r]!));
    }
    reached = t === 1;
    for (let r = 0; r < active.length; r++) {
      const a = active[r]!;
      const next = reached ? goal[r]! : x[a]! + t * (goal[r]! - x[a]!);
      // A coefficient that reaches (or, by rounding, passes) zero leaves the active set.
      if (!reached && Math.sign(next) !== sign[a]) { x[a] = 0; sign[a] = 0; } else x[a] = next;
    }
  }
  return updateGradient(g, c, p, m, j, lambda, sign, x, q) && reached;
}

/** ξ*_A = G_AA⁻¹(c_A − λ·s_A), or null when A is empty or G_AA singular. */
function faceOptimum(
  g: Float64Array, c: Float64Array, p: number, m: number, j: number, lambda: number,
  sign: Int8Array, active: number[],
): Float64Array | null {
  const k = active.length;
  if (k === 0) return null;
  const a = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    const ar = active[r]!;
    for (let t = 0; t < k; t++) a[r * k + t] = g[ar * p + active[t]!]!;
    rhs[r] = c[ar * m + j]! - lambda * sign[ar]!;
  }
  return choleskySolveInPlace(a, k, rhs) ? rhs : null;
}

/**
 * q = c − Gx (x nonzero only where sign ≠ 0). Returns whether every inactive coordinate
 * satisfies |q_l| ≤ λ, up to the rounding of q_l itself (a difference of terms as large as
 * |c_l| + Σ|G_lk x_k|, which for z³-like columns can dwarf λ).
 */
function updateGradient(
  g: Float64Array, c: Float64Array, p: number, m: number, j: number, lambda: number,
  sign: Int8Array, x: Float64Array, q: Float64Array,
): boolean {
  let kkt = true;
  for (let l = 0; l < p; l++) {
    let gl = c[l * m + j]!;
    let size = Math.abs(gl);
    for (let k = 0; k < p; k++) {
      if (sign[k] === 0) continue;
      const v = g[l * p + k]! * x[k]!;
      gl -= v;
      size += Math.abs(v);
    }
    q[l] = gl;
    if (sign[l] === 0 && g[l * p + l]! !== 0 && Math.abs(gl) > lambda * (1 + 1e-9) + 1e-13 * size) kkt = false;
  }
  return kkt;
}

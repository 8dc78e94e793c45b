/**
 * MSTLS: modified sequential thresholding least squares with an automatic threshold
 * (Messenger & Bortz, "Weak SINDy for partial differential equations", J. Comput. Phys. 2021,
 * §2.4; used for ODEs in WSINDy, Messenger & Bortz, Multiscale Model. Simul. 2021).
 *
 * Plain STLSQ compares |ξ_a| with one threshold whatever the size of column a, so a term on a
 * column of small norm (the constant 1 next to z ≈ 25 in Lorenz) survives with a coefficient
 * that only fits noise, and a threshold that suits one equation may cut a true term of
 * another. MSTLS thresholds each term by its share in the balance of the equation: with
 * b = ẏ_j (or its weak form) and G_a column a,
 *     keep a  ⇔  λ ≤ |ξ_a| ‖G_a‖ / ‖b‖ ≤ 1/λ,
 * a dimensionless test, invariant to the units of the data and of every library column
 * (M&B write it as |ξ_a| ∈ [λ max(1, ‖b‖/‖G_a‖), λ⁻¹ min(1, ‖b‖/‖G_a‖)] on data rescaled to
 * unit size; on the raw coefficients of this playground only the relative part is scale-free).
 * Then refit on the kept terms, until the support stops changing.
 *
 * λ is chosen per equation on a log grid λ_1 < … < λ_L by the loss
 *     L(λ) = ‖G(ξ_λ − ξ_0)‖ / ‖G ξ_0‖ + γ · #{ξ_λ ≠ 0} / p,
 * ξ_0 the least-squares fit on the whole library: the relative loss of fit against the
 * fraction of terms kept. γ = 1/4 is the weighting of M&B's WSINDy_ODE code (a convex
 * combination 0.8 · fit + 0.2 · sparsity); a larger γ prefers sparser models. The smallest
 * minimiser wins (M&B take the first).
 * Cost per equation: L grid points × ≤ p passes × one k × k Cholesky solve (k ≤ p), on the
 * normal equations already formed — negligible next to assembling them.
 */
import { toOriginalScale, type RegressionProblem } from './problem';
import { optimize, validateOptimizer, type OptimizerSettings } from './registry';
import { fmtAdvice, unbias, type OptimizerResult } from './result';
import { noteSolve, solveSupport, solveWarnings, type SolveIssues } from './supportSolve';
import { err, ok, type Result } from '../types';

export interface MstlsSettings {
  method: 'mstls';
  /** λ: a fixed relative threshold in (0, 1), or 0 to choose it per equation by the loss */
  threshold: number;
  /** ridge α of every least-squares solve (as in STLSQ; 0 = plain least squares) */
  alpha: number;
  /** most thresholding passes per λ */
  maxIter: number;
  /** grid size L, log-spaced on [lambdaMin, 1) (default 100) */
  gridSize?: number;
  /** smallest λ of the grid (default 1e-4) */
  lambdaMin?: number;
  /** γ: weight of sparsity against fit in the loss (default 1/4) */
  sparsityWeight?: number;
}

export const mstlsDefaults: Readonly<Required<MstlsSettings>> = Object.freeze({
  method: 'mstls', threshold: 0, alpha: 0, maxIter: 20, gridSize: 100, lambdaMin: 1e-4, sparsityWeight: 0.25,
});

/** One equation's outcome at one λ: coefficients (working scale, length p) and loss parts. */
export interface MstlsPoint { lambda: number; coef: Float64Array; misfit: number; kept: number; loss: number; iterations: number }

/** Per equation: the chosen point and the whole curve L(λ) (for plotting). */
export interface MstlsEquation { chosen: MstlsPoint; curve: { lambda: number; loss: number; kept: number }[] }

export interface MstlsResult extends OptimizerResult { equations: MstlsEquation[]; lambdas: number[] }

/** The log-spaced grid λ_i = lambdaMin^(1 − i/L), i = 0 … L − 1 (1 itself is excluded). */
export function lambdaGrid(size: number, lambdaMin: number): number[] {
  const lo = Math.log10(lambdaMin);
  return Array.from({ length: size }, (_, i) => 10 ** (lo * (1 - i / size)));
}

/** Everything an equation's thresholding needs: column norms, ‖b‖, the full fit ξ_0. */
interface Equation { j: number; colNorm: Float64Array; bNorm: number; full: Float64Array; fullNorm: number; issues: SolveIssues }

/** Least squares (ridge α) on the support idx, column-scaled and checked (supportSolve.ts). */
function solve(problem: RegressionProblem, idx: readonly number[], j: number, alpha: number, issues: SolveIssues): Float64Array {
  const sol = solveSupport(problem, idx, j, alpha);
  noteSolve(issues, j, sol);
  return sol.x;
}

/** ‖G v‖ = √(vᵀ GᵀG v) from the Gram matrix (working scale). */
function gNorm(problem: RegressionProblem, v: Float64Array): number {
  const { gram, p } = problem;
  let s = 0;
  for (let a = 0; a < p; a++) {
    if (v[a] === 0) continue;
    let r = 0;
    for (let c = 0; c < p; c++) r += gram[a * p + c]! * v[c]!;
    s += v[a]! * r;
  }
  return Math.sqrt(Math.max(s, 0));
}

function equation(problem: RegressionProblem, j: number, alpha: number, issues: SolveIssues): Equation {
  const { p, n, m, target, gram } = problem;
  const colNorm = new Float64Array(p);
  for (let a = 0; a < p; a++) colNorm[a] = Math.sqrt(gram[a * p + a]!);
  let bb = 0;
  for (let i = 0; i < n; i++) bb += target[i * m + j]! ** 2;
  const full = solve(problem, Array.from({ length: p }, (_, a) => a), j, alpha, issues);
  return { j, colNorm, bNorm: Math.sqrt(bb), full, fullNorm: gNorm(problem, full), issues };
}

/** Sequential thresholding of one equation at relative threshold λ, from the full fit. */
function thresholdEquation(problem: RegressionProblem, eq: Equation, lambda: number, s: MstlsSettings): MstlsPoint {
  const p = problem.p;
  let coef = eq.bNorm > 0 ? Float64Array.from(eq.full) : new Float64Array(p);
  let iterations = 0;
  const kept = (a: number) => {
    const share = (Math.abs(coef[a]!) * eq.colNorm[a]!) / eq.bNorm;
    return coef[a] !== 0 && share >= lambda && share <= 1 / lambda;
  };
  for (let it = 0; it < s.maxIter; it++) {
    const idx: number[] = [];
    let nonzero = 0;
    for (let a = 0; a < p; a++) { if (coef[a] !== 0) nonzero++; if (kept(a)) idx.push(a); }
    if (idx.length === nonzero) break;
    iterations++;
    const next = new Float64Array(p);
    const x = idx.length ? solve(problem, idx, eq.j, s.alpha, eq.issues) : null;
    if (x) idx.forEach((a, c) => { next[a] = x[c]!; });
    coef = next;
    if (!x) break;
  }
  const diff = new Float64Array(p);
  let count = 0;
  for (let a = 0; a < p; a++) { diff[a] = coef[a]! - eq.full[a]!; if (coef[a] !== 0) count++; }
  const misfit = eq.fullNorm > 0 ? gNorm(problem, diff) / eq.fullNorm : count === 0 ? 0 : 1;
  const gamma = s.sparsityWeight ?? mstlsDefaults.sparsityWeight;
  return { lambda, coef, misfit, kept: count, loss: misfit + (gamma * count) / p, iterations };
}

/** Run MSTLS on every equation; unbias on the chosen supports as STLSQ does. */
export function mstls(problem: RegressionProblem, s: MstlsSettings, stateNames?: string[]): MstlsResult {
  const { p, m } = problem;
  const lambdas = s.threshold > 0 ? [s.threshold] : lambdaGrid(s.gridSize ?? mstlsDefaults.gridSize, s.lambdaMin ?? mstlsDefaults.lambdaMin);
  const working = new Float64Array(m * p);
  const equations: MstlsEquation[] = [];
  let iterations = 0;
  const issues: SolveIssues = new Map();
  for (let j = 0; j < m; j++) {
    const eq = equation(problem, j, s.alpha, issues);
    let best: MstlsPoint | null = null;
    const curve: MstlsEquation['curve'] = [];
    for (const lambda of lambdas) {
      const pt = thresholdEquation(problem, eq, lambda, s);
      curve.push({ lambda, loss: pt.loss, kept: pt.kept });
      if (!best || pt.loss < best.loss) best = pt;
    }
    working.set(best!.coef, j * p);
    iterations = Math.max(iterations, best!.iterations);
    equations.push({ chosen: best!, curve });
  }
  const coefficients = toOriginalScale(problem, working);
  const warnings = solveWarnings(issues, m, stateNames);
  const empty = equations.every((e) => e.chosen.kept === 0);
  if (!empty) unbias(problem, coefficients, warnings, stateNames);
  equations.forEach((e, j) => {
    if (e.chosen.kept === 0 && !empty) warnings.push(`MSTLS removed every term of d${stateNames?.[j] ?? `x${j + 1}`}/dt.`);
  });
  return {
    status: empty ? 'all_pruned' : 'ok',
    message: empty ? `The relative threshold ${fmtAdvice(s.threshold)} removed every term. Lower it, or use 0 to choose it automatically.` : null,
    coefficients, history: [coefficients], iterations, warnings, equations, lambdas,
  };
}

/**
 * The registry's optimizers or MSTLS. MSTLS is kept out of the registry's union so that code
 * switching over OptimizerSettings (worker, URL, UI) is untouched; the weak form, the ensemble
 * and the CLI accept either through this dispatcher.
 */
export type SparseSettings = OptimizerSettings | MstlsSettings;

export function optimizeSparse(problem: RegressionProblem, s: SparseSettings, stateNames?: string[]): OptimizerResult {
  return s.method === 'mstls' ? mstls(problem, s, stateNames) : optimize(problem, s, stateNames);
}

/** Range checks with advice, for MSTLS and (delegated) every registry optimizer. */
export function validateSparse(s: SparseSettings): Result<SparseSettings> {
  if (s.method !== 'mstls') return validateOptimizer(s);
  if (!(s.threshold >= 0 && s.threshold < 1)) return err(`The MSTLS threshold λ = ${s.threshold} is out of range: use 0 (automatic) or a relative threshold above 0 and below 1 (0.01 to 0.2 is typical).`);
  if (!(s.alpha >= 0 && s.alpha <= 1e6)) return err(`Ridge α = ${s.alpha} is out of range: use a number from 0 to 1e6.`);
  if (!(Number.isInteger(s.maxIter) && s.maxIter >= 1 && s.maxIter <= 100000)) return err(`The iteration limit ${s.maxIter} is out of range: use a whole number from 1 to 100000.`);
  const g = s.gridSize ?? mstlsDefaults.gridSize;
  if (!(Number.isInteger(g) && g >= 1 && g <= 10000)) return err(`The MSTLS grid size ${g} is out of range: use a whole number from 1 to 10000.`);
  const lo = s.lambdaMin ?? mstlsDefaults.lambdaMin;
  if (!(lo > 0 && lo < 1)) return err(`The smallest MSTLS λ ${lo} is out of range: use a number above 0 and below 1.`);
  const w = s.sparsityWeight ?? mstlsDefaults.sparsityWeight;
  if (!(w >= 0 && w <= 1e6)) return err(`The MSTLS sparsity weight ${w} is out of range: use a number from 0 to 1e6.`);
  return ok(s);
}

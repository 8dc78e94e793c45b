/**
 * The least-squares solve inside every thresholding pass (STLSQ, MSTLS) and SR3's first guess:
 * on a support S of the regression problem, in working scale,
 *     min_ξ ‖ẏ_j − Θ_w,S ξ‖² + α‖ξ‖²,        Θ_w = Θ·diag(1/scale).
 *
 * Fast path: Cholesky of the normal subsystem G_SS + αI scaled to unit diagonal, accepted when
 * its condition-number bound says the answer is good to ~1e-9 (no pass over the samples).
 * Otherwise — high degrees, data with very different column sizes — the normal equations cannot
 * vouch for their answer, and the problem is solved from a Householder QR of Θ̃ = Θ·D⁻¹ (columns
 * scaled to unit norm), formed once per problem and kept: Θ̃_S = Q R_S, so with z = Qᵀẏ_j
 *     min ‖z − R_S x̃‖² + α‖D_S⁻¹ x̃‖²   (x̃ = D_S ξ)
 * is a small least-squares problem on [R_S; √α D_S⁻¹] (rows of R up to max S, plus k), solved by
 * a second Householder QR: backward stable, its error κ(Θ̃_S)·ε instead of κ(Θ̃_S)²·ε.
 * A support whose columns are numerically dependent (and no ridge to settle it) gets a ridge of
 * 1e-10 on the unit-norm columns and is flagged `regularised`: the caller says so.
 */
import { applyQt, householderQR, scaledConditionBound, smallestRelativePivot, solveR, type HouseholderQR } from '../linalg/householder';
import { RANK_TOL } from '../linalg/leastSquares';
import { scaledCholesky, scaledCholeskySolve, solveScaledSubsystem } from '../linalg/scaledCholesky';
import type { RegressionProblem } from './problem';

export interface SupportSolve {
  /** ξ_S in working scale (length |S|) */
  x: Float64Array;
  /** bound on the condition number of the column-scaled (ridge-augmented) design Θ̃_S */
  kappa: number;
  /** the columns were numerically dependent: a tiny ridge was added to get an answer */
  regularised: boolean;
}

/**
 * κ(Θ̃_S)² = κ(scaled normal matrix) up to which the Cholesky answer is taken: its relative error
 * is then below ~κ·(k + √n)·ε ≈ 1e-7 even for n = 10⁶ (the Gram's own rounding counts too).
 */
export const FAST_KAPPA = 1e7;

/** κ(Θ̃_S) beyond which even the QR answer may be off in the 6th digit: said in a warning. */
export const WARN_KAPPA = 1e10;

/** Ridge on the unit-norm columns for a numerically dependent support (relative to 1). */
const RESCUE_RIDGE = 1e-10;

export function solveSupport(problem: RegressionProblem, support: readonly number[], j: number, alpha: number): SupportSolve {
  // Once a problem has needed QR, every answer is remembered: MSTLS meets the same supports at
  // many λ, and the Cholesky attempt would only fail again.
  const qr = cache.get(problem);
  const key = qr ? memoKey(support, j, alpha) : '';
  const known = qr?.memo.get(key);
  if (known) return known;
  const fast = solveScaledSubsystem(problem.gram, problem.p, support, problem.cross, problem.m, j, alpha);
  if (fast && fast.kappa <= FAST_KAPPA) {
    const out = { x: fast.x, kappa: Math.sqrt(fast.kappa), regularised: false };
    qr?.memo.set(key, out);
    return out;
  }
  return solveSupportQR(problem, support, j, alpha);
}

/** The QR path alone (the unbias refit's fallback uses it with α = 0). */
export function solveSupportQR(problem: RegressionProblem, support: readonly number[], j: number, alpha: number): SupportSolve {
  const qr = problemQR(problem);
  const key = memoKey(support, j, alpha);
  const known = qr.memo.get(key);
  if (known) return known;
  const out = reducedSolve(qr, support, j, alpha, 0) ?? reducedSolve(qr, support, j, alpha, RESCUE_RIDGE)!;
  qr.memo.set(key, out);
  return out;
}

const memoKey = (support: readonly number[], j: number, alpha: number) => `${j}|${alpha}|${support.join(',')}`;

/** What is kept per problem: R (q × p), z = QᵀỸ (q × m), D; q = min(n, p). */
interface ProblemQR {
  q: number; p: number; m: number;
  /** R: q × p row-major (upper trapezoidal) */
  r: Float64Array;
  /** z: q × m row-major */
  z: Float64Array;
  /** D_a = ‖working column a‖ (1 for a zero column) */
  d: Float64Array;
  memo: Map<string, SupportSolve>;
}

const cache = new WeakMap<RegressionProblem, ProblemQR>();

/** QR of the column-scaled Θ̃ (2·n·p² flops), once per problem. */
function problemQR(problem: RegressionProblem): ProblemQR {
  const known = cache.get(problem);
  if (known) return known;
  const { n, p, m, scale, columns, targetColumns } = problem;
  const a = new Float64Array(n * (p + m));
  if (columns) a.set(columns.subarray(0, n * p));
  else {
    const theta = problem.theta;
    for (let c = 0; c < p; c++) for (let i = 0; i < n; i++) a[c * n + i] = theta[i * p + c]!;
  }
  const d = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[c * n + i]! ** 2;
    const norm = Math.sqrt(s);
    const f = norm > 0 ? 1 / norm : 1;
    for (let i = 0; i < n; i++) a[c * n + i]! *= f;
    d[c] = norm > 0 ? norm / scale[c]! : 1;
  }
  const qr = householderQR(a.subarray(0, n * p), n, p);
  const q = Math.min(n, p);
  const r = new Float64Array(q * p);
  for (let c = 0; c < p; c++) {
    for (let row = 0; row < Math.min(c, q); row++) r[row * p + c] = a[c * n + row]!;
    if (c < q) r[c * p + c] = qr.rdiag[c]!;
  }
  const z = new Float64Array(q * m);
  const b = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    if (targetColumns) b.set(targetColumns.subarray(j * n, (j + 1) * n));
    else for (let i = 0; i < n; i++) b[i] = problem.target[i * m + j]!;
    applyQt(qr, b);
    for (let row = 0; row < q; row++) z[row * m + j] = b[row]!;
  }
  const out = { q, p, m, r, z, d, memo: new Map<string, SupportSolve>() };
  cache.set(problem, out);
  return out;
}

/**
 * min ‖z_j − R_S x̃‖² + α‖D_S⁻¹x̃‖² + rescue‖x̃‖² by QR of the stacked rows; null when the rows
 * are numerically dependent (only possible with rescue = 0).
 */
function reducedSolve(qr: ProblemQR, support: readonly number[], j: number, alpha: number, rescue: number): SupportSolve | null {
  const { d } = qr;
  const k = support.length;
  const st = stack(qr, support, alpha > 0 || rescue > 0 ? (a) => alpha / (d[a]! * d[a]!) + rescue : null);
  if (!st) return null;
  if (!(smallestRelativePivot(st.f) > RANK_TOL)) return null;
  const rhs = st.rhs(j, null);
  applyQt(st.f, rhs);
  const x = solveR(st.f, rhs);
  for (let c = 0; c < k; c++) x[c] = x[c]! / d[support[c]!]!;
  return { x, kappa: scaledConditionBound(st.f), regularised: rescue > 0 };
}

/** A factored stack [R_S; ridge rows] and how to lay out a right-hand side [z_j; ridge values]. */
interface Stack {
  f: HouseholderQR;
  /** the right-hand side for state j, the ridge rows holding `prior` (length k) or 0 */
  rhs(j: number, prior: ArrayLike<number> | null): Float64Array;
}

/**
 * The columns S of R (rows up to max S) and, when `ridge2` is given, for each column a its own
 * row √ridge2(a), factored by Householder QR. Each ridge row is placed right after the last row
 * of R that column reaches, so column c is zero below row S_c + c + 1: a staircase, factored in
 * ~Σ(S_c + 1)(k − c) instead of 2·(rows)·k² (householderQR's `ends`). Null if there are fewer rows
 * than columns.
 */
function stack(qr: ProblemQR, support: readonly number[], ridge2: ((a: number) => number) | null): Stack | null {
  const { q, p, m, r, z } = qr;
  const k = support.length;
  const rowOfR = new Int32Array(q);
  const ridgeRow = new Int32Array(k);
  const ends = new Int32Array(k);
  let pos = 0;
  let next = 0;
  for (let c = 0; c < k; c++) {
    const last = Math.min(support[c]!, q - 1);
    while (next <= last) rowOfR[next++] = pos++;
    if (ridge2) ridgeRow[c] = pos++;
    ends[c] = pos;
  }
  const top = next;
  const rows = pos;
  if (rows < k || ends.some((e, c) => e < c + 1)) return null;
  const b = new Float64Array(rows * k);
  for (let c = 0; c < k; c++) {
    const a = support[c]!;
    const o = c * rows;
    for (let row = 0; row < Math.min(a + 1, top); row++) b[o + rowOfR[row]!] = r[row * p + a]!;
    if (ridge2) b[o + ridgeRow[c]!] = Math.sqrt(ridge2(a));
  }
  const f = householderQR(b, rows, k, ends);
  return {
    f,
    rhs(j, prior) {
      const v = new Float64Array(rows);
      for (let row = 0; row < top; row++) v[rowOfR[row]!] = z[row * m + j]!;
      if (ridge2 && prior) for (let c = 0; c < k; c++) v[ridgeRow[c]!] = prior[c]!;
      return v;
    },
  };
}

/** Per state index, the worst solve met (regularised beats ill-conditioned; larger κ beats smaller). */
export type SolveIssues = Map<number, SupportSolve>;

/** Remember `sol` for state j if it calls for a warning and is worse than what is known. */
export function noteSolve(issues: SolveIssues, j: number, sol: SupportSolve): void {
  if (!sol.regularised && !(sol.kappa > WARN_KAPPA)) return;
  const old = issues.get(j);
  if (!old || (sol.regularised && !old.regularised) || (sol.regularised === old.regularised && sol.kappa > old.kappa)) issues.set(j, sol);
}

/** One warning per state with an issue, in state order. */
export function solveWarnings(issues: SolveIssues, m: number, stateNames?: string[]): string[] {
  const out: string[] = [];
  for (let j = 0; j < m; j++) {
    const sol = issues.get(j);
    if (sol) pushWarning(out, solveWarning(sol, stateNames?.[j] ?? `x${j + 1}`));
  }
  return out;
}

/** The warning a solve calls for (regularised, or too ill-conditioned to trust), or null. */
export function solveWarning(sol: SupportSolve, stateName: string): string | null {
  if (sol.regularised) {
    return `${dependentPrefix(stateName)} (one is a combination of others); a tiny ridge was added to get an answer. Remove redundant terms or lower the degree.`;
  }
  if (sol.kappa > WARN_KAPPA) {
    return `${collinearPrefix(stateName)} (condition number ≈ ${sol.kappa.toExponential(0)} with columns scaled to unit norm): which terms survive the threshold, and their coefficients, may be unreliable. Lower the degree or remove redundant terms.`;
  }
  return null;
}

const dependentPrefix = (name: string) => `Some library terms offered to d${name}/dt are numerically dependent`;
const collinearPrefix = (name: string) => `The library terms offered to d${name}/dt are nearly collinear`;

/** Add `w` unless a warning of the same kind for the same state is there already. */
export function pushWarning(warnings: string[], w: string | null): void {
  if (!w) return;
  const head = w.slice(0, w.indexOf(' ('));
  if (!warnings.some((x) => x.startsWith(head))) warnings.push(w);
}

/**
 * SR3's relaxed step for many w (one state at a time):
 *     ξ = argmin ½‖ẏ_j − Θ_w ξ‖² + (1/(2ν))‖ξ − w‖² = (G + I/ν)⁻¹(Θ_wᵀẏ_j + w/ν),
 * factored once. Fast path: scaled Cholesky of G + I/ν when its bound vouches for it; otherwise
 * QR of [R; D⁻¹/√ν] (the kept QR of Θ̃ stacked on the proximal rows), the right-hand side
 * [z_j; w/√ν]. Null only for ν outside (0, ∞).
 */
export interface RelaxedSolver {
  /** out (length p, working scale) ← ξ for state j and w (length p, working scale) */
  solve(j: number, w: Float64Array, out: Float64Array): void;
  /** condition bound of the column-scaled stacked design */
  kappa: number;
}

export function relaxedSolver(problem: RegressionProblem, nu: number): RelaxedSolver | null {
  if (!(nu > 0 && nu < Infinity)) return null;
  const { p, m, gram, cross } = problem;
  const h = Float64Array.from(gram);
  for (let a = 0; a < p; a++) h[a * p + a]! += 1 / nu;
  const f = scaledCholesky(h, p);
  if (f && f.kappa <= FAST_KAPPA) {
    return {
      kappa: Math.sqrt(f.kappa),
      solve(j, w, out) {
        for (let a = 0; a < p; a++) out[a] = cross[a * m + j]! + w[a]! / nu;
        scaledCholeskySolve(f, out);
      },
    };
  }
  const qr = problemQR(problem);
  const { d } = qr;
  const all = Array.from({ length: p }, (_, a) => a);
  // Rows (1/√ν)·D⁻¹ against the unknowns x̃ = Dξ, right-hand side w/√ν.
  const st = stack(qr, all, (a) => 1 / (nu * d[a]! * d[a]!))!;
  const root = Math.sqrt(nu);
  const prior = new Float64Array(p);
  return {
    kappa: scaledConditionBound(st.f),
    solve(j, w, out) {
      for (let a = 0; a < p; a++) prior[a] = w[a]! / root;
      const rhs = st.rhs(j, prior);
      applyQt(st.f, rhs);
      const x = solveR(st.f, rhs);
      for (let a = 0; a < p; a++) out[a] = x[a]! / d[a]!;
    },
  };
}

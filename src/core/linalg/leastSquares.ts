/**
 * Plain least squares min ‖y − Θ_S x‖² on a column subset S.
 *
 * The final "unbias" step of STLSQ (PySINDy refits the chosen support with
 * LinearRegression, an SVD/QR solver) must agree with PySINDy to 1e-6, so the answer must be
 * Θ's least-squares solution, not that of the normal equations, whose condition number is
 * squared. Two solvers:
 *  - leastSquaresNormal: Cholesky of the Gram subsystem, refined against Θ (2·n·k flops per
 *    refinement step); the fast path, used whenever it can vouch for its answer;
 *  - leastSquaresQR: Householder QR on Θ_S (2·n·k² flops), the fallback.
 */
import { choleskyFactor, choleskySolveFactored, crossProduct, gram, toColumns } from './dense';
import { applyQt, householderQR, smallestRelativePivot, solveR } from './householder';

/**
 * Columns whose part outside the span of the columns before them is below this fraction of
 * their own norm are numerically dependent (judged per column, so a small column such as the
 * constant 1 next to z⁵ is not mistaken for a dependent one).
 */
export const RANK_TOL = 1e-13;

/**
 * theta: n × p row-major; y: n × m row-major, column `yCol` is the target.
 * Returns the k coefficients, or null when Θ_S is numerically rank deficient.
 */
export function leastSquaresQR(
  theta: Float64Array, n: number, p: number, support: ArrayLike<number>,
  y: Float64Array, m: number, yCol: number,
): Float64Array | null {
  const k = support.length;
  if (k === 0 || n < k) return null;
  // Column-major copy of Θ_S (k columns of length n) and of the target.
  const a = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const col = support[c]!;
    const off = c * n;
    for (let i = 0; i < n; i++) a[off + i] = theta[i * p + col]!;
  }
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = y[i * m + yCol]!;
  const qr = householderQR(a, n, k);
  if (!(smallestRelativePivot(qr) > RANK_TOL)) return null;
  applyQt(qr, b);
  return solveR(qr, b);
}

/**
 * Refinement stops once a correction is below this fraction of the solution (scaled units).
 * The first correction δ₁ measures the error of the first solve, and the error left after
 * applying it is about (|δ₁|/|x|)·|δ₁| (each step shrinks the error by the same factor, about
 * cond·ε), so |δ| ≤ 1e-8·|x| leaves a relative error near 1e-16.
 */
const REFINED = 1e-8;
const MAX_REFINE = 4;

/** Normal equations Θ̃ᵀΘ̃, Θ̃ᵀẎ of Θ̃ = Θ·diag(1/scale) (scale all ones unless normalised). */
export interface NormalSystem {
  n: number; p: number; m: number;
  /** p × p */
  gram: Float64Array;
  /** p × m */
  cross: Float64Array;
  /** p */
  scale: Float64Array;
}

/**
 * The same least-squares problem as leastSquaresQR (min ‖ẏ_j − Θ_S x‖², original units), solved
 * from normal equations that are already formed, then corrected against Θ itself by iterative
 * refinement (Björck 1967):
 *     x ← x + (Θ_SᵀΘ_S)⁻¹ Θ_Sᵀ(ẏ_j − Θ_S x)
 * Each correction uses the true residual, so the iterates converge to Θ's least-squares
 * solution, not to that of the rounded Gram matrix; each step shrinks the error by about
 * cond(Θ_SᵀΘ_S)·ε. One step costs 2·n·k flops on contiguous columns, against 2·n·k² for
 * Householder QR plus a copy of Θ_S.
 *
 * columns: Θ stored by columns (column a at a·n), original units; the target ẏ_j is
 * targets[j·n …] when `targets` (Ẏ by columns) is given, else columns[(p + j)·n …] ([Θ | Ẏ]). The subsystem is scaled to unit diagonal before Cholesky, so the test for
 * ill-conditioning does not depend on units. Returns null when it cannot vouch for the answer
 * (singular or too ill-conditioned subsystem, refinement that does not converge): the caller
 * should then use QR.
 */
export function leastSquaresNormal(
  sys: NormalSystem, columns: Float64Array, support: ArrayLike<number>, j: number, targets?: Float64Array,
): Float64Array | null {
  const { n, p } = sys;
  const res = new Float64Array(n);
  const y = targets ?? columns;
  const yo = targets ? j * n : (p + j) * n;
  return refinedSolve(sys, support, j, (x, h) => residualCross(columns, n, support, y, yo, x, h, res));
}

/**
 * The same with Θ (n × p) and Ẏ (n × m) row-major, e.g. the weighted distinct rows of a
 * bootstrap resample: each refinement step is one pass over the rows.
 */
export function leastSquaresNormalRows(
  sys: NormalSystem, theta: Float64Array, target: Float64Array, support: ArrayLike<number>, j: number,
): Float64Array | null {
  return refinedSolve(sys, support, j, (x, h) => residualCrossRows(theta, sys.n, sys.p, target, sys.m, j, support, x, h));
}

/** Cholesky of the scaled subsystem, then refinement with h = Θ_Sᵀ(ẏ_j − Θ_S x) from `residualCross`. */
function refinedSolve(
  sys: NormalSystem, support: ArrayLike<number>, j: number, residualCross: (x: Float64Array, h: Float64Array) => void,
): Float64Array | null {
  const { n, p, m, gram: g, cross: c, scale } = sys;
  const k = support.length;
  if (k === 0 || n < k) return null;
  // Ã = D⁻¹ A D⁻¹ with A = Θ_SᵀΘ_S in original units and D = sqrt(diag A): unit diagonal.
  const d = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    const s = support[r]!;
    d[r] = Math.sqrt(g[s * p + s]!) * scale[s]!;
    if (!(d[r]! > 0) || !Number.isFinite(d[r]!)) return null;
  }
  const l = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    const sr = support[r]!;
    for (let s = 0; s < k; s++) {
      const ss = support[s]!;
      l[r * k + s] = (g[sr * p + ss]! * scale[sr]! * scale[ss]!) / (d[r]! * d[s]!);
    }
  }
  if (!choleskyFactor(l, k)) return null;
  // x̃ = D x solves Ã x̃ = D⁻¹ Θ_Sᵀ ẏ_j.
  const xs = new Float64Array(k);
  for (let r = 0; r < k; r++) xs[r] = (c[support[r]! * m + j]! * scale[support[r]!]!) / d[r]!;
  choleskySolveFactored(l, k, xs);
  const x = new Float64Array(k);
  const h = new Float64Array(k);
  let previous = Infinity;
  for (let step = 0; step < MAX_REFINE; step++) {
    for (let r = 0; r < k; r++) x[r] = xs[r]! / d[r]!;
    residualCross(x, h);
    for (let r = 0; r < k; r++) h[r] = h[r]! / d[r]!;
    choleskySolveFactored(l, k, h);
    let dMax = 0;
    let xMax = 0;
    for (let r = 0; r < k; r++) {
      xs[r]! += h[r]!;
      dMax = Math.max(dMax, Math.abs(h[r]!));
      xMax = Math.max(xMax, Math.abs(xs[r]!));
    }
    if (!Number.isFinite(dMax)) return null;
    if (dMax <= REFINED * xMax) break;
    // Stalled or out of steps: the normal equations are too ill-conditioned to vouch for x.
    if (dMax > 0.5 * previous || step === MAX_REFINE - 1) return null;
    previous = dMax;
  }
  for (let r = 0; r < k; r++) x[r] = xs[r]! / d[r]!;
  return x;
}

/**
 * h = Θ_Sᵀ (ẏ_j − Θ_S x) on the column store (see leastSquaresNormal), ẏ_j = y[yo …]; res: scratch of length n.
 * The residual subtracts the terms in support order, the last three in one pass (padded with
 * x = 0 when k < 3: subtracting ±0 changes at most the sign of a zero residual); the dot
 * products are taken three at a time, each a sequential sum over the samples. Sparse models
 * (k ≤ 3) so cost two passes over the samples instead of 2k + 1.
 */
function residualCross(
  columns: Float64Array, n: number, support: ArrayLike<number>, y: Float64Array, yo: number,
  x: Float64Array, h: Float64Array, res: Float64Array,
): void {
  const k = support.length;
  let src = y;
  let so = yo;
  if (k > 3) {
    res.set(y.subarray(yo, yo + n));
    for (let r = 0; r < k - 3; r++) {
      const o = support[r]! * n;
      const xr = x[r]!;
      for (let i = 0; i < n; i++) res[i] = res[i]! - columns[o + i]! * xr;
    }
    src = res;
    so = 0;
  }
  const r0 = k - 3, r1 = k - 2, r2 = k - 1;
  const o0 = r0 >= 0 ? support[r0]! * n : 0, x0 = r0 >= 0 ? x[r0]! : 0;
  const o1 = r1 >= 0 ? support[r1]! * n : 0, x1 = r1 >= 0 ? x[r1]! : 0;
  const o2 = support[r2]! * n, x2 = x[r2]!;
  for (let i = 0; i < n; i++) {
    res[i] = ((src[so + i]! - columns[o0 + i]! * x0) - columns[o1 + i]! * x1) - columns[o2 + i]! * x2;
  }
  for (let r = 0; r < k; r += 3) {
    const a0 = support[r]! * n;
    const a1 = r + 1 < k ? support[r + 1]! * n : a0;
    const a2 = r + 2 < k ? support[r + 2]! * n : a0;
    let s0 = 0, s1 = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = res[i]!;
      s0 += columns[a0 + i]! * v; s1 += columns[a1 + i]! * v; s2 += columns[a2 + i]! * v;
    }
    h[r] = s0;
    if (r + 1 < k) h[r + 1] = s1;
    if (r + 2 < k) h[r + 2] = s2;
  }
}

/**
 * h = Θ_Sᵀ (ẏ_j − Θ_S x) with Θ (n × p) and Ẏ (n × m) row-major, in one pass over the rows:
 * each row's residual (terms subtracted in support order), then its share of every h_r; each
 * h_r is the sequential sum over the rows, as in residualCross. Up to three terms in locals.
 */
function residualCrossRows(
  theta: Float64Array, n: number, p: number, target: Float64Array, m: number, j: number,
  support: ArrayLike<number>, x: Float64Array, h: Float64Array,
): void {
  const k = support.length;
  if (k > 3) {
    h.fill(0);
    for (let i = 0; i < n; i++) {
      const o = i * p;
      let v = target[i * m + j]!;
      for (let r = 0; r < k; r++) v -= theta[o + support[r]!]! * x[r]!;
      for (let r = 0; r < k; r++) h[r]! += theta[o + support[r]!]! * v;
    }
    return;
  }
  // k ≤ 3: absent terms read column s0 with coefficient 0 (subtracting ±0; sums discarded).
  const s0 = support[0]!, s1 = k > 1 ? support[1]! : s0, s2 = k > 2 ? support[2]! : s0;
  const x0 = x[0]!, x1 = k > 1 ? x[1]! : 0, x2 = k > 2 ? x[2]! : 0;
  let h0 = 0, h1 = 0, h2 = 0;
  for (let i = 0, o = 0, t = j; i < n; i++, o += p, t += m) {
    const a0 = theta[o + s0]!, a1 = theta[o + s1]!, a2 = theta[o + s2]!;
    const v = ((target[t]! - a0 * x0) - a1 * x1) - a2 * x2;
    h0 += a0 * v; h1 += a1 * v; h2 += a2 * v;
  }
  h[0] = h0;
  if (k > 1) h[1] = h1;
  if (k > 2) h[2] = h2;
}

/** Type feedback for the refinement passes from a tiny problem at load time (see primeKernels in dense.ts). */
function primeRefinement(): void {
  const n = 6, p = 5, m = 1;
  const theta = Float64Array.from({ length: n * p }, (_, k) => Math.cos(k * k + 1));
  const target = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  // [Θ | ẏ] by columns: Θ's p columns, then the target as column p.
  const columns = new Float64Array(n * (p + m));
  toColumns(theta, n, p, columns);
  columns.set(target, p * n);
  const sys = { n, p, m, gram: gram(theta, n, p), cross: crossProduct(theta, target, n, p, m), scale: new Float64Array(p).fill(1) };
  for (const support of [[0], [0, 2], [0, 1, 3], [0, 1, 2, 4]]) {
    leastSquaresNormal(sys, columns, support, 0);
    leastSquaresNormal(sys, columns, support, 0, columns.subarray(p * n));
    leastSquaresNormalRows(sys, theta, target, support, 0);
  }
}
primeRefinement();

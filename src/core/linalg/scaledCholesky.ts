/**
 * Cholesky in column-scaled space, with a bound on the condition number it worked at.
 *
 * Library columns differ in size by many orders of magnitude (1 next to z⁵ ≈ 10⁸ on Lorenz, or
 * any column of data given in other units), so ΘᵀΘ has a huge condition number that says
 * nothing about how well the problem is posed. Scaling to unit diagonal, Ã = D⁻¹AD⁻¹ with
 * D = diag(√a_jj), removes that (van der Sluis 1969: within a factor k of the best diagonal
 * scaling); what is left, κ(Ã), is what limits the solution: its relative error (in the scaled
 * unknowns Dx) is about κ(Ã)·ε. The bound below is cheap (k³/6, no pass over the samples), so a
 * caller can trust the fast answer when it is small and solve otherwise (QR on Θ) when not.
 */
import { choleskyFactor, choleskySolveFactored } from './dense';

export interface ScaledCholesky {
  k: number;
  /** L of Ã = LLᵀ, k × k row-major (lower triangle) */
  l: Float64Array;
  /** D: √ of A's diagonal */
  d: Float64Array;
  /** an upper bound on κ₂(Ã): ‖Ã‖_F · ‖L⁻¹‖_F² (≥ κ₂, at most k^{3/2} times it) */
  kappa: number;
}

/**
 * Factor the symmetric k × k matrix A (row-major; read, not modified) as D L Lᵀ D. Null if a
 * diagonal entry is not positive or Ã is not numerically positive definite.
 */
export function scaledCholesky(a: Float64Array, k: number): ScaledCholesky | null {
  return factorScaled(k, (r, s) => a[r * k + s]!);
}

/** scaledCholesky of the matrix whose (r, s) entry is entry(r, s) (read once each). */
function factorScaled(k: number, entry: (r: number, s: number) => number): ScaledCholesky | null {
  const d = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    d[r] = Math.sqrt(entry(r, r));
    if (!(d[r]! > 0 && d[r]! < Infinity)) return null;
  }
  const l = new Float64Array(k * k);
  let normA = 0;
  for (let r = 0; r < k; r++) {
    for (let s = 0; s < k; s++) {
      const v = entry(r, s) / (d[r]! * d[s]!);
      l[r * k + s] = v;
      normA += v * v;
    }
  }
  if (!choleskyFactor(l, k)) return null;
  return { k, l, d, kappa: Math.sqrt(normA) * inverseFrobenius2(l, k) };
}

/** Solve A x = b in place with the factors of scaledCholesky. */
export function scaledCholeskySolve(f: ScaledCholesky, b: Float64Array): void {
  const { k, l, d } = f;
  for (let r = 0; r < k; r++) b[r] = b[r]! / d[r]!;
  choleskySolveFactored(l, k, b);
  for (let r = 0; r < k; r++) b[r] = b[r]! / d[r]!;
}

/**
 * ‖L⁻¹‖_F² = trace(Ã⁻¹) ≥ ‖Ã⁻¹‖₂ for L lower triangular (k × k row-major), column by column of
 * L⁻¹ by forward substitution. Infinity if it overflows.
 */
function inverseFrobenius2(l: Float64Array, k: number): number {
  const u = new Float64Array(k);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    // Column c of L⁻¹: rows c … k − 1.
    for (let r = c; r < k; r++) {
      let s = r === c ? 1 : 0;
      for (let q = c; q < r; q++) s -= l[r * k + q]! * u[q]!;
      u[r] = s / l[r * k + r]!;
      sum += u[r]! * u[r]!;
    }
  }
  return Number.isFinite(sum) ? sum : Infinity;
}

/**
 * Solve (A_SS + ridge·I) x = c_S, A = g (p × p row-major) restricted to the support S, c_S the
 * entries c[S_r · cStride + cCol]. Null when not numerically positive definite.
 */
export function solveScaledSubsystem(
  g: Float64Array, p: number, support: ArrayLike<number>, c: Float64Array, cStride: number, cCol: number,
  ridge: number,
): { x: Float64Array; kappa: number } | null {
  const k = support.length;
  const x = new Float64Array(k);
  for (let r = 0; r < k; r++) x[r] = c[support[r]! * cStride + cCol]!;
  const f = factorScaled(k, (r, s) => g[support[r]! * p + support[s]!]! + (r === s ? ridge : 0));
  if (!f) return null;
  scaledCholeskySolve(f, x);
  return { x, kappa: f.kappa };
}

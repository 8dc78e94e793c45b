/**
 * Banded covariance of the weak-form residual and its Cholesky whitening, for generalised
 * least squares (Messenger & Bortz, Multiscale Model. Simul. 2021, §2.3; Bortz, Messenger &
 * Dukic, Bull. Math. Biol. 2023, "WENDy").
 *
 * With data y = y* + ε (ε white, variance σ_l² in state l), the residual of equation j,
 * r_k = Σ_a G_ka ξ_a − b_k, is to first order a linear map of the noise:
 *     r_k ≈ Σ_i Σ_l [ w_i φ_k(t_i) ∂f_j/∂y_l(y_i) + δ_jl w_i φ_k′(t_i) ] ε_il
 * (the first part is the noise in G, the second the noise in b: V′ε, Cov ∝ V′V′ᵀ). Writing
 * row k of that map as a vector a_k over (sample, state) gives Cov(r)_kk′ = a_k · a_k′.
 * Test functions overlap only with neighbours on the same trajectory, so the covariance is
 * banded with bandwidth q: the Gram, the factorisation and the solves cost O(K q L),
 * O(K q²) and O(K q (p + 1)) instead of O(K³).
 */
import type { TestFunction } from './testFunctions';

/** Relative ridge δ: Σ + δ·mean(diag Σ)·I keeps the factorisation stable. */
export const GLS_RIDGE = 1e-6;

/** Banded symmetric matrix (lower part): entry (i, l), i − q ≤ l ≤ i, at data[i·(q+1) + l − i + q]. */
export interface Banded { data: Float64Array; k: number; q: number }

const at = (bm: Banded, i: number, l: number): number => i * (bm.q + 1) + l - i + bm.q;

/** Bandwidth of the overlap pattern of test functions ordered by trajectory and start. */
export function bandwidth(fns: readonly TestFunction[]): number {
  let q = 0;
  for (let i = 0; i < fns.length; i++) {
    let l = i + 1;
    while (l < fns.length && fns[l]!.traj === fns[i]!.traj && fns[l]!.i0 <= fns[i]!.i1) l++;
    q = Math.max(q, l - 1 - i);
  }
  return q;
}

/**
 * Σ_kk′ = a_k · a_k′ + ridge on the diagonal. rows[k]: (i1 − i0 + 1) × c row-major, the
 * map a_k at test function k's samples, c entries (states) per sample.
 */
export function bandedGram(fns: readonly TestFunction[], rows: readonly Float64Array[], c: number): Banded {
  const k = fns.length;
  const q = bandwidth(fns);
  const bm: Banded = { data: new Float64Array(k * (q + 1)), k, q };
  for (let i = 0; i < k; i++) {
    const fi = fns[i]!;
    const ri = rows[i]!;
    for (let l = Math.max(0, i - q); l <= i; l++) {
      const fl = fns[l]!;
      if (fl.traj !== fi.traj || fl.i1 < fi.i0) continue;
      const rl = rows[l]!;
      const hi = Math.min(fi.i1, fl.i1);
      let s = 0;
      for (let t = Math.max(fi.i0, fl.i0); t <= hi; t++) {
        const oi = (t - fi.i0) * c;
        const ol = (t - fl.i0) * c;
        for (let e = 0; e < c; e++) s += ri[oi + e]! * rl[ol + e]!;
      }
      bm.data[at(bm, i, l)] = s;
    }
  }
  let trace = 0;
  for (let i = 0; i < k; i++) trace += bm.data[at(bm, i, i)]!;
  for (let i = 0; i < k; i++) bm.data[at(bm, i, i)]! += (GLS_RIDGE * trace) / k + 1e-300;
  return bm;
}

/** Banded Cholesky Σ = LLᵀ in place. False when Σ is not positive definite. */
export function bandedCholesky(bm: Banded): boolean {
  const { k, q, data } = bm;
  for (let j = 0; j < k; j++) {
    for (let i = j; i <= Math.min(k - 1, j + q); i++) {
      let s = data[at(bm, i, j)]!;
      for (let r = Math.max(0, i - q); r < j; r++) s -= data[at(bm, i, r)]! * data[at(bm, j, r)]!;
      if (i === j) {
        if (!(s > 0)) return false;
        data[at(bm, j, j)] = Math.sqrt(s);
      } else {
        data[at(bm, i, j)] = s / data[at(bm, j, j)]!;
      }
    }
  }
  return true;
}

/** x ← L⁻¹ x for every column of x (K × cols row-major), L from bandedCholesky. */
export function bandedForwardSolve(bm: Banded, x: Float64Array, cols: number): void {
  const { k, q, data } = bm;
  for (let i = 0; i < k; i++) {
    const d = data[at(bm, i, i)]!;
    for (let c = 0; c < cols; c++) {
      let s = x[i * cols + c]!;
      for (let r = Math.max(0, i - q); r < i; r++) s -= data[at(bm, i, r)]! * x[r * cols + c]!;
      x[i * cols + c] = s / d;
    }
  }
}

/**
 * The kernels behind fits whose columns differ wildly in size: Cholesky pivots judged per
 * column, the scaled Cholesky's condition bound, and the Householder QR (dense and staircase).
 */
import { describe, expect, it } from 'vitest';
import { choleskyFactor } from '../../../src/core/linalg/dense';
import { applyQt, householderQR, scaledConditionBound, solveR } from '../../../src/core/linalg/householder';
import { scaledCholesky, scaledCholeskySolve } from '../../../src/core/linalg/scaledCholesky';
import { lcg } from '../optimize/helpers';

/** A random SPD k × k matrix BᵀB + 0.1·I, then D A D with D = diag(10^e_i), e_i in [−8, 8]. */
function gradedSpd(k: number, seed: number): { a: Float64Array; base: Float64Array; d: number[] } {
  const rnd = lcg(seed);
  const b = Float64Array.from({ length: k * k }, () => rnd() - 0.5);
  const base = new Float64Array(k * k);
  for (let r = 0; r < k; r++) for (let s = 0; s < k; s++) {
    let v = r === s ? 0.1 : 0;
    for (let t = 0; t < k; t++) v += b[t * k + r]! * b[t * k + s]!;
    base[r * k + s] = v;
  }
  // Powers of two: the scaling is exact, so the scaled factorisation sees exactly `base`.
  const d = Array.from({ length: k }, () => 2 ** Math.round(53 * (rnd() - 0.5)));
  const a = Float64Array.from(base, (v, idx) => v * d[Math.floor(idx / k)]! * d[idx % k]!);
  return { a, base, d };
}

describe('Cholesky on columns of very different sizes', () => {
  it('factors D·A·D exactly when it factors A: each pivot is judged against its own diagonal', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { a, base } = gradedSpd(8, seed);
      expect(choleskyFactor(Float64Array.from(base), 8)).toBe(true);
      expect(choleskyFactor(Float64Array.from(a), 8)).toBe(true);
    }
  });

  it('the scaled factorisation solves graded systems to the accuracy of the ungraded one, and its bound is the same', () => {
    const k = 8;
    const { a, base, d } = gradedSpd(k, 3);
    const x = Array.from({ length: k }, (_, r) => (r + 1) / d[r]!);
    const rhs = Float64Array.from({ length: k }, (_, r) => x.reduce((s, xs, c) => s + a[r * k + c]! * xs, 0));
    const f = scaledCholesky(a, k)!;
    const g = scaledCholesky(base, k)!;
    expect(f.kappa).toBeCloseTo(g.kappa, 6);
    scaledCholeskySolve(f, rhs);
    // Relative error of each scaled unknown d_r·x_r (= r + 1), bounded by κ·ε.
    rhs.forEach((v, r) => expect(Math.abs(v * d[r]! - (r + 1)) / (r + 1)).toBeLessThan(1e-16 * f.kappa * 100));
  });

  it('the condition bound is at least the true condition number (2 × 2, known eigenvalues)', () => {
    // [[1, c], [c, 1]] has eigenvalues 1 ± c: κ = (1 + c)/(1 − c).
    for (const c of [0, 0.5, 0.9, 0.999, 0.999999]) {
      const f = scaledCholesky(Float64Array.from([4, 2 * c * 3, 2 * c * 3, 9]), 2)!;
      const kappa = (1 + c) / (1 - c);
      expect(f.kappa).toBeGreaterThanOrEqual(kappa * (1 - 1e-9));
      expect(f.kappa).toBeLessThanOrEqual(kappa * 2 * Math.SQRT2 + 1e-9);
    }
  });
});

describe('Householder QR', () => {
  /** A staircase: column c nonzero in rows 0 … ends[c] − 1 only. */
  function staircase(rows: number, k: number, ends: Int32Array, seed: number): Float64Array {
    const rnd = lcg(seed);
    const a = new Float64Array(rows * k);
    for (let c = 0; c < k; c++) for (let r = 0; r < ends[c]!; r++) a[c * rows + r] = (rnd() - 0.5) * 10 ** (6 * (rnd() - 0.5));
    return a;
  }

  it('on a staircase, skipping the known zeros gives the same least-squares answer as the dense factorisation', () => {
    const rows = 14, k = 6;
    const ends = Int32Array.from([2, 3, 6, 8, 11, 14]);
    const a = staircase(rows, k, ends, 4);
    const rnd = lcg(8);
    const b = Float64Array.from({ length: rows }, () => rnd() - 0.5);
    const dense = householderQR(Float64Array.from(a), rows, k);
    const stair = householderQR(Float64Array.from(a), rows, k, ends);
    const bd = Float64Array.from(b); applyQt(dense, bd);
    const bs = Float64Array.from(b); applyQt(stair, bs);
    const xd = solveR(dense, bd);
    const xs = solveR(stair, bs);
    xd.forEach((v, c) => expect(Math.abs(xs[c]! - v)).toBeLessThanOrEqual(1e-12 * Math.abs(v)));
    // The residual norm (rows k … of Qᵀb) is the same too.
    const res = (v: Float64Array) => Math.hypot(...v.subarray(k));
    expect(res(bs)).toBeCloseTo(res(bd), 12);
  });

  it('the scaled condition bound ignores column sizes and grows with collinearity', () => {
    const rows = 50;
    const rnd = lcg(2);
    const u = Float64Array.from({ length: rows }, () => rnd() - 0.5);
    const v = Float64Array.from({ length: rows }, () => rnd() - 0.5);
    const bound = (eps: number, scale: number) => {
      const a = new Float64Array(rows * 2);
      for (let i = 0; i < rows; i++) { a[i] = u[i]!; a[rows + i] = scale * (u[i]! + eps * v[i]!); }
      return scaledConditionBound(householderQR(a, rows, 2));
    };
    expect(bound(1e-3, 1e9)).toBeCloseTo(bound(1e-3, 1), 3);
    expect(bound(1e-6, 1)).toBeGreaterThan(100 * bound(1e-3, 1));
  });
});

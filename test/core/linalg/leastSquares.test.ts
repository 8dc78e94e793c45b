import { describe, expect, it } from 'vitest';
import { leastSquaresQR } from '../../../src/core/linalg/leastSquares';
import { choleskySolveInPlace, gram, crossProduct } from '../../../src/core/linalg/dense';

describe('linear algebra kernels', () => {
  it('QR least squares solves an ill-scaled polynomial fit accurately', () => {
    // Columns 1, t, t², t³ with t in [0, 30]: badly scaled, cond(ΘᵀΘ) ≈ 1e11.
    const n = 200;
    const p = 4;
    const theta = new Float64Array(n * p);
    const y = new Float64Array(n);
    const truth = [2, -1, 0.5, 0.01];
    for (let i = 0; i < n; i++) {
      const t = (30 * i) / (n - 1);
      for (let a = 0; a < p; a++) theta[i * p + a] = t ** a;
      y[i] = truth.reduce((s, c, a) => s + c * t ** a, 0);
    }
    const x = leastSquaresQR(theta, n, p, [0, 1, 2, 3], y, 1, 0)!;
    truth.forEach((c, a) => expect(Math.abs(x[a]! - c)).toBeLessThan(1e-9 * Math.max(1, Math.abs(c))));
    // A subset of columns: the least-squares projection satisfies the normal equations.
    const xs = leastSquaresQR(theta, n, p, [0, 2], y, 1, 0)!;
    for (const col of [0, 2]) {
      let g = 0;
      for (let i = 0; i < n; i++) g += theta[i * p + col]! * (y[i]! - xs[0]! * theta[i * p]! - xs[1]! * theta[i * p + 2]!);
      expect(Math.abs(g)).toBeLessThan(1e-6);
    }
  });

  it('reports rank deficiency instead of dividing by zero', () => {
    const theta = Float64Array.from([1, 2, 2, 4, 3, 6]);
    expect(leastSquaresQR(theta, 3, 2, [0, 1], Float64Array.from([1, 2, 3]), 1, 0)).toBeNull();
  });

  it('Gram and cross products match naive sums; Cholesky solves SPD systems', () => {
    const n = 7; const p = 3;
    const theta = Float64Array.from({ length: n * p }, (_, k) => Math.sin(k * k + 1));
    const y = Float64Array.from({ length: n * 2 }, (_, k) => Math.cos(k));
    const g = gram(theta, n, p);
    const c = crossProduct(theta, y, n, p, 2);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += theta[i * p + a]! * theta[i * p + b]!;
        expect(g[a * p + b]).toBeCloseTo(s, 12);
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += theta[i * p + a]! * y[i * 2 + 1]!;
      expect(c[a * 2 + 1]).toBeCloseTo(s, 12);
    }
    const rhs = Float64Array.from([1, 2, 3]);
    const sol = Float64Array.from(rhs);
    expect(choleskySolveInPlace(Float64Array.from(g), p, sol)).toBe(true);
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += g[a * p + b]! * sol[b]!;
      expect(s).toBeCloseTo(rhs[a]!, 9);
    }
    expect(choleskySolveInPlace(Float64Array.from([1, 2, 2, 1]), 2, Float64Array.from([1, 1]))).toBe(false);
  });
});

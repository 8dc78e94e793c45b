import { describe, expect, it } from 'vitest';
import { leastSquaresNormal, leastSquaresNormalRows, leastSquaresQR } from '../../../src/core/linalg/leastSquares';
import { makeProblem, normalEquations } from '../../../src/core/optimize/problem';
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

  /** Θ: columns t^a on t ∈ [0, span] (a = 0 … p−1), and two targets: a polynomial plus a wiggle. */
  function polyProblem(n: number, p: number, span: number, normalize: boolean) {
    const theta = new Float64Array(n * p);
    const y = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const t = (span * i) / (n - 1);
      for (let a = 0; a < p; a++) theta[i * p + a] = t ** a;
      y[i * 2] = 2 - t + 0.5 * t * t;
      y[i * 2 + 1] = Math.sin(3 * t) + 0.1 * t;
    }
    return makeProblem(theta, y, n, p, 2, normalEquations(theta, y, n, p, 2), normalize);
  }

  it.each([false, true])('normal equations refined against Θ agree with QR (normalised columns: %s)', (normalize) => {
    const prob = polyProblem(300, 5, 4, normalize);
    for (const support of [[0, 1, 2], [1, 3], [2], [0, 1, 2, 3], [0, 1, 2, 3, 4]]) {
      for (const j of [0, 1]) {
        const qr = leastSquaresQR(prob.theta, prob.n, prob.p, support, prob.target, 2, j)!;
        const ne = leastSquaresNormal(prob, prob.columns!, support, j)!;
        expect(ne).not.toBeNull();
        // Ẏ given as its own column store: the same numbers
        expect(Array.from(leastSquaresNormal(prob, prob.columns!, support, j, prob.targetColumns)!)).toEqual(Array.from(ne));
        // refined against the rows of Θ and Ẏ instead of columns: the same sums, the same numbers
        expect(Array.from(leastSquaresNormalRows(prob, prob.theta, prob.target, support, j)!)).toEqual(Array.from(ne));
        qr.forEach((v, r) => expect(Math.abs(ne[r]! - v)).toBeLessThan(1e-10 * Math.max(1, Math.abs(v))));
      }
    }
  });

  it('leaves ill-conditioned or singular subsystems to QR instead of returning a poor answer', () => {
    // t^0 … t^11 on [0, 1]: cond(ΘᵀΘ) far beyond 1/ε even after scaling to unit diagonal
    // (QR still solves it: cond(Θ) is about its square root).
    const bad = polyProblem(200, 12, 1, false);
    const all = Array.from({ length: 12 }, (_, a) => a);
    expect(leastSquaresNormal(bad, bad.columns!, all, 1)).toBeNull();
    expect(leastSquaresQR(bad.theta, 200, 12, all, bad.target, 2, 1)).not.toBeNull();
    // An exactly repeated column.
    const n = 20;
    const theta = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) { theta[i * 2] = i + 1; theta[i * 2 + 1] = i + 1; }
    const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const dup = makeProblem(theta, y, n, 2, 1, normalEquations(theta, y, n, 2, 1), false);
    expect(leastSquaresNormal(dup, dup.columns!, [0, 1], 0)).toBeNull();
  });
});

/**
 * Rational SINDy: ẏ = P(y)/(1 + Q(y)) as the linear problem ẏ = P − ẏ·Q, smallest library first.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/data/rng';
import { evalExpr, exprComplexity, exprToString } from '../../../src/core/model/expr';
import { rationalFit } from '../../../src/core/optimize/rational';

/** n points uniform in [lo, hi]² and the field f there: Y, F (n × 2 row-major). */
function pairs(n: number, lo: number, hi: number, f: (x: number, y: number) => [number, number], seed: number) {
  const rng = createRng(seed);
  const Y = new Float64Array(2 * n), F = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const x = lo + (hi - lo) * rng(), y = lo + (hi - lo) * rng();
    Y[2 * i] = x; Y[2 * i + 1] = y;
    [F[2 * i], F[2 * i + 1]] = f(x, y);
  }
  return { Y, F };
}

const kidger = (x: number, y: number): [number, number] => [y / (1 + y), -x / (1 + x)];

describe('rational SINDy', () => {
  it('recovers Kidger\'s oscillator exactly from exact pairs, at degree 1', () => {
    const { Y, F } = pairs(300, -0.5, 0.5, kidger, 1);
    const r = rationalFit(Y, F, 300, ['x', 'y']);
    if (!r.ok) throw new Error(r.error);
    const [ex, ey] = r.value;
    expect(ex!.degree).toBe(1);
    expect(ey!.degree).toBe(1);
    // P = y, Q = y; P = −x, Q = x: one term each, coefficients ±1 to rounding
    expect(Array.from(ex!.numerator.coefficients).map((c) => Number(c.toFixed(12)))).toEqual([0, 0, 1]);
    expect(Array.from(ex!.denominator.coefficients).map((c) => Number(c.toFixed(12)))).toEqual([0, 1]);
    expect(Array.from(ey!.numerator.coefficients).map((c) => Number(c.toFixed(12)))).toEqual([0, -1, 0]);
    expect(Array.from(ey!.denominator.coefficients).map((c) => Number(c.toFixed(12)))).toEqual([1, 0]);
    expect(ex!.rms).toBeLessThan(1e-12);
    // the expression: 5 nodes, equal to the field on fresh points, the denominator's 1 fixed
    const fresh = pairs(100, -0.6, 0.6, kidger, 2);
    for (const [j, e] of r.value.entries()) {
      expect(exprComplexity(e.expr), exprToString(e.expr, ['x', 'y'])).toBeLessThanOrEqual(7);
      expect(e.fixed).toHaveLength(1);
      for (let i = 0; i < 100; i++) expect(evalExpr(e.expr, fresh.Y.subarray(2 * i, 2 * i + 2))).toBeCloseTo(fresh.F[2 * i + j]!, 12);
    }
  });

  it('finds a polynomial field as P with Q = 0 (Lotka–Volterra), and a degree-2 ratio at degree 2', () => {
    const lv = pairs(200, 0.1, 1, (x, y) => [x - 10 * x * y, 10 * x * y - 2 * y], 3);
    const r = rationalFit(lv.Y, lv.F, 200, ['x', 'y']);
    if (!r.ok) throw new Error(r.error);
    for (const e of r.value) {
      expect(e.denominator.coefficients.every((c) => c === 0)).toBe(true);
      expect(e.fixed).toEqual([]);
      expect(e.rms).toBeLessThan(1e-10);
    }
    const kept = (e: (typeof r.value)[number]) => e.numerator.names.filter((_, k) => e.numerator.coefficients[k] !== 0);
    expect(kept(r.value[0]!)).toEqual(['x', 'x*y']);
    expect(kept(r.value[1]!)).toEqual(['y', 'x*y']);
    expect(exprToString(r.value[0]!.expr, ['x', 'y'])).not.toContain('+ (-');
    const sq = pairs(300, -0.5, 0.5, (x, y) => [x * x / (1 + y * y), (x - y) / (1 + 0.5 * x * x)], 4);
    const r2 = rationalFit(sq.Y, sq.F, 300, ['x', 'y']);
    if (!r2.ok) throw new Error(r2.error);
    expect(r2.value.map((e) => e.degree)).toEqual([2, 2]);
    expect(Math.max(...r2.value.map((e) => e.rms))).toBeLessThan(1e-10);
  });

  it('keeps the smallest degree within the tolerance of the best on noisy pairs', () => {
    const { Y, F } = pairs(400, -0.5, 0.5, kidger, 5);
    const rng = createRng(9);
    for (let i = 0; i < F.length; i++) F[i] = F[i]! + 0.005 * (rng() - 0.5);
    const r = rationalFit(Y, F, 400, ['x', 'y']);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.map((e) => e.degree)).toEqual([1, 1]);
    const strict = rationalFit(Y, F, 400, ['x', 'y'], { tolerance: 0 });
    if (!strict.ok) throw new Error(strict.error);
    expect(Math.max(...strict.value.map((e) => e.rms))).toBeLessThanOrEqual(Math.max(...r.value.map((e) => e.rms)));
  });

  it('never puts a pole among the data, and refuses bad settings with a message', () => {
    // 1 / (1 − 1.5 x) on x ∈ [0.3, 1]: its exact fraction has 1 + Q crossing 0 at x = 2/3, so the
    // polynomial stands in, however much worse it fits
    const { Y, F } = pairs(100, 0.3, 1, (x, y) => [1 / (1 - 1.5 * x), y], 6);
    const r = rationalFit(Y, F, 100, ['x', 'y'], { maxDegree: 1, threshold: 0 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value[0]!.denominator.coefficients.every((c) => c === 0)).toBe(true);
    expect(r.value[0]!.rms).toBeGreaterThan(1);
    const bad = rationalFit(Y, F, 100, ['x', 'y'], { maxDegree: 9 });
    expect(!bad.ok && bad.error).toMatch(/largest degree.*from 1 to 5/);
  });
});

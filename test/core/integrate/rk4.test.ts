import { describe, expect, it } from 'vitest';
import { rk4, rk4Step, rk4Work, subSteps } from '../../../src/core/integrate/rk4';
import type { Rhs } from '../../../src/core/types';
import { harmonic, slope } from './harmonic';

/** Integrate with nSteps fixed steps of rk4Step to tEnd; return the max-norm error. */
function errorWithSteps(nSteps: number, tEnd: number): number {
  const y = Float64Array.of(1, 0);
  const w = rk4Work(2);
  const h = tEnd / nSteps;
  for (let i = 0; i < nSteps; i++) rk4Step(harmonic, i * h, y, h, w, y);
  return Math.max(Math.abs(y[0]! - Math.cos(tEnd)), Math.abs(y[1]! + Math.sin(tEnd)));
}

describe('rk4Step', () => {
  it('has empirical global convergence order 4 on the harmonic oscillator', () => {
    const tEnd = 10;
    const ns = [40, 80, 160, 320, 640];
    const errs = ns.map((n) => errorWithSteps(n, tEnd));
    const k = slope(ns.map((n) => tEnd / n), errs);
    expect(k).toBeGreaterThan(3.7);
    expect(k).toBeLessThan(4.3);
  });

  it('has order 4 on the time-dependent scalar problem y′ = −2t·y (y = exp(−t²))', () => {
    const rhs: Rhs = (t, y, dy) => { dy[0] = -2 * t * y[0]!; };
    const w = rk4Work(1);
    const errs = [20, 40, 80, 160].map((n) => {
      const y = Float64Array.of(1);
      const h = 2 / n;
      for (let i = 0; i < n; i++) rk4Step(rhs, i * h, y, h, w, y);
      return Math.abs(y[0]! - Math.exp(-4));
    });
    const k = slope([20, 40, 80, 160].map((n) => 2 / n), errs);
    expect(k).toBeGreaterThan(3.7);
    expect(k).toBeLessThan(4.3);
  });

  it('integrates a linear right-hand side in one step as the 4th-order Taylor polynomial', () => {
    // y′ = λy: one RK4 step multiplies by 1 + z + z²/2 + z³/6 + z⁴/24, z = λh (stability function).
    const lambda = -0.7, h = 0.3, z = lambda * h;
    const out = new Float64Array(1);
    rk4Step((_t, y, dy) => { dy[0] = lambda * y[0]!; }, 0, Float64Array.of(1), h, rk4Work(1), out);
    expect(out[0]).toBeCloseTo(1 + z + z * z / 2 + z ** 3 / 6 + z ** 4 / 24, 15);
  });

  it('gives the same result in place (out = y) as into a separate buffer', () => {
    const a = Float64Array.of(0.3, -1.2);
    const b = new Float64Array(2);
    rk4Step(harmonic, 0.5, a, 0.1, rk4Work(2), b);
    rk4Step(harmonic, 0.5, a, 0.1, rk4Work(2), a);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('rk4 solver', () => {
  it('splits an interval into the fewest equal steps no longer than hMax', () => {
    expect(subSteps(1, Infinity)).toBe(1);
    expect(subSteps(1, 0.25)).toBe(4);
    expect(subSteps(1, 0.3)).toBe(4);
    expect(subSteps(0.3, 0.1)).toBe(3); // 0.3 / 0.1 = 2.9999999999999996 must not become 4
  });

  it('lands exactly on tStop and counts four evaluations per step', () => {
    const solver = rk4(0.03);
    const s = solver.init(harmonic, 0, [1, 0], 1);
    let steps = 0;
    while (s.t < 0.1) { solver.step(s, 0.1); steps++; }
    expect(s.t).toBe(0.1);
    expect(steps).toBe(4);
    expect(s.nSteps).toBe(4);
    expect(s.nEval).toBe(16);
    expect(s.y[0]).toBeCloseTo(Math.cos(0.1), 8);
  });

  it('rejects a non-positive step size', () => {
    expect(() => rk4(0)).toThrow(RangeError);
  });
});

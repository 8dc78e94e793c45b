import { describe, expect, it } from 'vitest';
import { fmtTime, fmtValue, integrate } from '../../../src/core/integrate/integrate';
import type { Rhs } from '../../../src/core/types';

const harmonic: Rhs = (_t, y, dy) => {
  dy[0] = y[1]!;
  dy[1] = -y[0]!;
};
/** ẏ = y², y(0) = 1: y = 1/(1 − t), which blows up at t = 1. */
const square: Rhs = (_t, y, dy) => { dy[0] = y[0]! * y[0]!; };

function maxErrorHarmonic(times: Float64Array, y: Float64Array): number {
  let worst = 0;
  times.forEach((t, i) => {
    worst = Math.max(worst, Math.abs(y[2 * i]! - Math.cos(t)), Math.abs(y[2 * i + 1]! + Math.sin(t)));
  });
  return worst;
}

describe('integrate', () => {
  it('row 0 is y0 and every row matches the analytic solution at irregular times (dense output)', () => {
    const times = Float64Array.from([0, 0.013, 0.5, 0.51, 1.7, 3.14159, 7.2, 7.200001, 19.9]);
    const r = integrate(harmonic, [1, 0], times, { rtol: 1e-10, atol: 1e-12 });
    expect(r.status).toBe('ok');
    expect(r.nOk).toBe(times.length);
    expect(r.y[0]).toBe(1);
    expect(r.y[1]).toBe(0);
    expect(maxErrorHarmonic(times, r.y)).toBeLessThan(1e-8);
  });

  it('gets more accurate as the tolerance is tightened (dopri5)', () => {
    const times = Float64Array.from({ length: 101 }, (_, i) => i * 0.2);
    const errs = [1e-4, 1e-6, 1e-8, 1e-10].map((rtol) =>
      maxErrorHarmonic(times, integrate(harmonic, [1, 0], times, { rtol, atol: rtol * 1e-2 }).y));
    for (let k = 1; k < errs.length; k++) expect(errs[k]!).toBeLessThan(errs[k - 1]! / 10);
    expect(errs[0]!).toBeLessThan(1e-2);
  });

  it('rk4 steps at the spacing of times, subdivided when h is given', () => {
    const times = Float64Array.from({ length: 51 }, (_, i) => i * 0.2);
    const coarse = maxErrorHarmonic(times, integrate(harmonic, [1, 0], times, { method: 'rk4' }).y);
    const fine = maxErrorHarmonic(times, integrate(harmonic, [1, 0], times, { method: 'rk4', h: 0.05 }).y);
    // h = 0.2 → 0.05 divides the 4th-order error by about 4⁴ = 256.
    expect(coarse / fine).toBeGreaterThan(150);
    expect(coarse / fine).toBeLessThan(400);
  });

  it('rk4 respects the step budget: 50 intervals split in 4 need 200 steps', () => {
    const times = Float64Array.from({ length: 51 }, (_, i) => i * 0.2);
    expect(integrate(harmonic, [1, 0], times, { method: 'rk4', h: 0.05, maxSteps: 200 }).status).toBe('ok');
    const r = integrate(harmonic, [1, 0], times, { method: 'rk4', h: 0.05, maxSteps: 199 });
    expect(r.status).toBe('max_steps');
    expect(r.nOk).toBe(50);
    expect(r.message).toMatch(/^Step budget of 199 steps exhausted at t = 9\.95; increase maxSteps/);
  });

  it('reports a finite-time blow-up as diverged near t = 1 and fills later rows with NaN', () => {
    const times = Float64Array.from([0, 0.5, 0.9, 0.99, 1.5, 2]);
    const r = integrate(square, [1], times, { stateNames: ['y'] });
    expect(r.status).toBe('diverged');
    expect(r.tFail!).toBeGreaterThan(0.99);
    expect(r.tFail!).toBeLessThan(1.001);
    expect(r.nOk).toBe(4);
    expect(r.y[3]).toBeCloseTo(100, 4);
    expect(Number.isNaN(r.y[4]!)).toBe(true);
    expect(Number.isNaN(r.y[5]!)).toBe(true);
    expect(r.message).toMatch(/^The model diverged at t = 1 \(state y reached 1\.0e\+08\)\. Simulate a shorter span/);
  });

  it('stops at a singularity even with no blow-up threshold, without hanging', () => {
    // Work is counted in right-hand-side calls, not timed: the step size must not shrink towards
    // the pole for ever (the budget is 10⁶ steps of 7 stages; a hang would use all of it).
    let calls = 0;
    const counted: Rhs = (t, y, dy) => { calls++; square(t, y, dy); };
    const r = integrate(counted, [1], Float64Array.from([0, 2]), { blowUp: Infinity });
    expect(r.status).toBe('diverged');
    expect(Math.abs(r.tFail! - 1)).toBeLessThan(1e-3);
    expect(r.nOk).toBe(1);
    expect(calls).toBeLessThan(7 * 10_000);
  });

  it('rk4 also detects the blow-up at the first output time past the singularity', () => {
    const times = Float64Array.from({ length: 201 }, (_, i) => i * 0.01);
    const r = integrate(square, [1], times, { method: 'rk4' });
    expect(r.status).toBe('diverged');
    expect(r.tFail!).toBeGreaterThan(0.98);
    expect(r.tFail!).toBeLessThan(1.1);
  });

  it('a NaN from the right-hand side counts as diverged', () => {
    const rhs: Rhs = (t, y, dy) => { dy[0] = t < 1 ? -y[0]! : NaN; };
    const times = Float64Array.from({ length: 31 }, (_, i) => i * 0.1);
    for (const method of ['rk4', 'dopri5'] as const) {
      const r = integrate(rhs, [1], times, { method });
      expect(r.status).toBe('diverged');
      expect(r.tFail!).toBeGreaterThan(0.9);
      expect(r.tFail!).toBeLessThan(1.2);
      expect(r.nOk).toBeGreaterThanOrEqual(10);
      for (let i = 0; i < r.nOk; i++) expect(Number.isFinite(r.y[i]!)).toBe(true);
      for (let i = r.nOk; i < 31; i++) expect(Number.isNaN(r.y[i]!)).toBe(true);
    }
  });

  it('respects the dopri5 step budget and says what to do', () => {
    const times = Float64Array.from([0, 1, 1000]);
    const r = integrate(harmonic, [1, 0], times, { maxSteps: 50 });
    expect(r.status).toBe('max_steps');
    expect(r.nOk).toBe(2);
    expect(r.tFail!).toBeLessThan(1000);
    expect(r.message).toMatch(/^Step budget of 50 steps exhausted at t = [\d.]+; increase maxSteps or loosen the tolerance\.$/);
    expect(Number.isNaN(r.y[4]!)).toBe(true);
  });

  it('handles a single time, an empty time vector and a diverged initial state', () => {
    expect(integrate(harmonic, [1, 2], Float64Array.of(3)).y).toEqual(Float64Array.of(1, 2));
    expect(integrate(harmonic, [1, 2], new Float64Array(0))).toEqual({ status: 'ok', y: new Float64Array(0), nOk: 0 });
    const r = integrate(harmonic, [1, 1e9], Float64Array.of(0, 1));
    expect(r.status).toBe('diverged');
    expect(r.nOk).toBe(0);
    expect(r.message).toContain('state x2 reached 1.0e+09');
  });

  it('rejects decreasing times as a programming error', () => {
    expect(() => integrate(harmonic, [1, 0], Float64Array.of(0, 2, 1))).toThrow(RangeError);
  });

  it('formats times and values for messages', () => {
    expect(fmtTime(3.2)).toBe('3.2');
    expect(fmtTime(0.999999991)).toBe('1');
    expect(fmtTime(12.34567)).toBe('12.35');
    expect(fmtValue(1.3e8)).toBe('1.3e+08');
    expect(fmtValue(-2.5e-12)).toBe('-2.5e-12');
    expect(fmtValue(Infinity)).toBe('Infinity');
  });
});

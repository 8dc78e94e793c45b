import { describe, expect, it } from 'vitest';
import {
  dopri5, dopri5Accept, dopri5Attempt, dopri5Defaults, dopri5Init, dopri5Interpolate,
} from '../../../src/core/integrate/dormandPrince';
import { harmonic, slope } from './harmonic';
const exact = (t: number) => [Math.cos(t), -Math.sin(t)] as const;

/** Fixed steps of the 5th-order solution (every trial accepted regardless of its error). */
function fixedStepError(n: number, tEnd: number): number {
  const s = dopri5Init(harmonic, 0, [1, 0], tEnd, { ...dopri5Defaults });
  const h = tEnd / n;
  for (let i = 0; i < n; i++) {
    dopri5Attempt(s, h);
    dopri5Accept(s, h, (i + 1) * h);
  }
  const [x, y] = exact(tEnd);
  return Math.max(Math.abs(s.y[0]! - x), Math.abs(s.y[1]! - y));
}

describe('Dormand–Prince 5(4)', () => {
  it('has empirical global order 5 with fixed steps', () => {
    const ns = [10, 20, 40, 80];
    const errs = ns.map((n) => fixedStepError(n, 4));
    const k = slope(ns.map((n) => 4 / n), errs);
    expect(k).toBeGreaterThan(4.7);
    expect(k).toBeLessThan(5.3);
  });

  it('has an error estimate that scales like h⁵ (the embedded 4th-order local error)', () => {
    const hs = [0.4, 0.2, 0.1, 0.05];
    const errs = hs.map((h) => {
      const s = dopri5Init(harmonic, 0, [1, 0], 1, { ...dopri5Defaults, rtol: 0, atol: 1 });
      return dopri5Attempt(s, h); // with atol = 1, rtol = 0 this is the RMS local error estimate
    });
    const k = slope(hs, errs);
    expect(k).toBeGreaterThan(4.7);
    expect(k).toBeLessThan(5.3);
  });

  it('has dense output whose local error scales like h⁵ (a 4th-order interpolant)', () => {
    const hs = [0.8, 0.4, 0.2, 0.1];
    const errs = hs.map((h) => {
      const s = dopri5Init(harmonic, 0, [1, 0], 1, { ...dopri5Defaults });
      dopri5Attempt(s, h);
      dopri5Accept(s, h, h);
      const out = new Float64Array(2);
      let worst = 0;
      for (const th of [0.2, 0.5, 0.7]) {
        dopri5Interpolate(s, th * h, out, 0);
        const [x, y] = exact(th * h);
        worst = Math.max(worst, Math.abs(out[0]! - x), Math.abs(out[1]! - y));
      }
      return worst;
    });
    const k = slope(hs, errs);
    expect(k).toBeGreaterThan(4.7);
    expect(k).toBeLessThan(5.4);
  });

  it('reproduces both ends of the step exactly in the dense output', () => {
    const s = dopri5Init(harmonic, 0, [1, 0], 1, { ...dopri5Defaults });
    dopri5Attempt(s, 0.3);
    dopri5Accept(s, 0.3, 0.3);
    const out = new Float64Array(2);
    dopri5Interpolate(s, 0, out, 0);
    expect(Array.from(out)).toEqual([1, 0]);
    dopri5Interpolate(s, 0.3, out, 0);
    expect(Array.from(out)).toEqual(Array.from(s.y));
  });

  it('uses six evaluations per step (FSAL) and never steps past tStop', () => {
    const solver = dopri5({ rtol: 1e-6, atol: 1e-9 });
    const s = solver.init(harmonic, 0, [1, 0], 5);
    const evalsAtStart = s.nEval;
    let accepted = 0;
    while (s.t < 5) {
      const o = solver.step(s, 5);
      expect(o).not.toBe('underflow');
      if (o === 'accepted') accepted++;
      expect(s.t).toBeLessThanOrEqual(5);
    }
    expect(s.t).toBe(5);
    expect(s.nEval - evalsAtStart).toBe(6 * s.nSteps);
    expect(accepted).toBeGreaterThan(5);
  });

  it('shrinks the step and rejects when the error is too large', () => {
    const solver = dopri5({ rtol: 1e-10, atol: 1e-12 });
    const s = solver.init(harmonic, 0, [1, 0], 100);
    s.h = 2; // far too large for this tolerance
    expect(solver.step(s, 100)).toBe('rejected');
    expect(s.t).toBe(0);
    expect(s.h).toBeLessThan(2);
    expect(s.h).toBeGreaterThanOrEqual(2 * dopri5Defaults.minFactor);
  });

  it('rejects negative tolerances', () => {
    expect(() => dopri5({ rtol: -1 })).toThrow(RangeError);
  });
});

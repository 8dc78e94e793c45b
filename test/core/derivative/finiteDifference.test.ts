import { describe, expect, it } from 'vitest';
import { finiteDifference } from '../../../src/core/derivative/finiteDifference';
import { jitteredGrid, logLogSlope, maxError, rng, sample, uniformGrid } from './helpers';

function fd(t: Float64Array, y: Float64Array, m: number): Float64Array {
  const r = finiteDifference(t, y, m);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/**
 * Golden values from PySINDy's `FiniteDifference(order=2)._differentiate` (the stencil
 * implementation of pysindy 1.7.x, run with numpy). PySINDy's docstring still shows the
 * older 4-point boundary values (1.00114596, …), which that code no longer produces.
 */
const PYSINDY_UNIFORM = [1.0203805968277775, -0.00386575009558765, 0.958851077208406, -0.24483487621925448, 0.8684696015376223, -0.4744471056736477, 0.724090892407387, -0.674560512044466, 0.5545669058691116, -0.8565319920009831];
const IRREGULAR_T = [0.0, 0.13, 0.21, 0.37, 0.52, 0.58, 0.77, 0.9, 1.05, 1.3];
const PYSINDY_IRREGULAR = [3.090723213235835, -1.4599849750760345, 2.7921293271204943, -3.1702066228345736, 2.525056872946272, -3.7011251483292114, 1.7204641207766027, -2.8933159071802326, 0.8494421920663591, -1.0149101394439866, 0.5288091974974729, -0.19063956659147585, -0.14740235129319768, 1.6250683325703235, -0.1835355142002677, 1.915709169476366, 0.5101819339373508, 1.234184771603287, 2.369946771528049, -0.5385596721155592];

describe('finiteDifference matches PySINDy FiniteDifference(order=2)', () => {
  it('on a uniform grid', () => {
    const t = uniformGrid(5, 0, 1);
    const out = fd(t, sample(t, [Math.sin, Math.cos]), 2);
    for (let k = 0; k < out.length; k++) expect(out[k]).toBeCloseTo(PYSINDY_UNIFORM[k]!, 12);
  });

  it('on an irregular grid', () => {
    const t = Float64Array.from(IRREGULAR_T);
    const y = sample(t, [(x) => Math.sin(3 * x) + x ** 3, (x) => Math.exp(-x) * Math.cos(5 * x)]);
    const out = fd(t, y, 2);
    for (let k = 0; k < out.length; k++) expect(out[k]).toBeCloseTo(PYSINDY_IRREGULAR[k]!, 12);
  });
});

describe('finiteDifference is exact for quadratics', () => {
  const q = (x: number) => 3 - 2 * x + 0.7 * x * x;
  const dq = (x: number) => -2 + 1.4 * x;
  it.each([
    ['uniform', uniformGrid(40, -1, 3)],
    ['irregular', jitteredGrid(40, -1, 3, 0.45, 7)],
  ])('at interior and end points, %s grid', (_name, t) => {
    const out = fd(t, sample(t, [q]), 1);
    expect(maxError(out, Float64Array.from(t, dq))).toBeLessThan(1e-11);
  });
});

describe('finiteDifference end points', () => {
  it('use the one-sided three-point formulas on a uniform grid', () => {
    const r = rng(3);
    const n = 12;
    const h = 0.05;
    const t = Float64Array.from({ length: n }, (_, i) => 2 + i * h);
    const y = Float64Array.from({ length: n }, () => r());
    const out = fd(t, y, 1);
    expect(out[0]).toBeCloseTo((-3 * y[0]! + 4 * y[1]! - y[2]!) / (2 * h), 10);
    expect(out[n - 1]).toBeCloseTo((3 * y[n - 1]! - 4 * y[n - 2]! + y[n - 3]!) / (2 * h), 10);
    expect(out[5]).toBeCloseTo((y[6]! - y[4]!) / (2 * h), 10);
  });

  it('work with exactly three samples', () => {
    const t = Float64Array.from([0, 1, 3]);
    const out = fd(t, sample(t, [(x) => x * x]), 1);
    expect(Array.from(out)).toEqual([expect.closeTo(0, 12), expect.closeTo(2, 12), expect.closeTo(6, 12)]);
  });
});

describe('finiteDifference convergence order', () => {
  const sizes = [40, 80, 160, 320, 640];
  it.each([
    ['uniform', (n: number) => uniformGrid(n, 0, 4)],
    ['randomly jittered', (n: number) => jitteredGrid(n, 0, 4, 0.3, n)],
  ])('is 2 on sin(t), %s grid', (_name, grid) => {
    const hs: number[] = [];
    const errs: number[] = [];
    for (const n of sizes) {
      const t = grid(n);
      hs.push(4 / (n - 1));
      errs.push(maxError(fd(t, sample(t, [Math.sin]), 1), Float64Array.from(t, Math.cos)));
    }
    const slope = logLogSlope(hs, errs);
    expect(slope).toBeGreaterThan(1.8);
    expect(slope).toBeLessThan(2.2);
  });
});

describe('finiteDifference inputs', () => {
  it('needs at least 3 samples', () => {
    const r = finiteDifference(Float64Array.from([0, 1]), Float64Array.from([1, 2]), 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/at least 3 samples/);
  });

  it('treats states as independent columns', () => {
    const t = jitteredGrid(30, 0, 2, 0.3, 1);
    const fs = [Math.sin, Math.exp, (x: number) => x ** 3];
    const joint = fd(t, sample(t, fs), 3);
    fs.forEach((f, j) => {
      const single = fd(t, sample(t, [f]), 1);
      for (let i = 0; i < t.length; i++) expect(joint[i * 3 + j]).toBe(single[i]);
    });
  });

  it('writes into a given output array', () => {
    const t = uniformGrid(10, 0, 1);
    const out = new Float64Array(10);
    const r = finiteDifference(t, sample(t, [Math.sin]), 1, out);
    expect(r.ok && r.value).toBe(out);
  });

});

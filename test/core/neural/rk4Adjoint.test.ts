import { describe, expect, it } from 'vitest';
import { linearField } from '../../../src/core/neural/linearField';
import { createMlp } from '../../../src/core/neural/mlp';
import { Rk4Segment, subSteps } from '../../../src/core/neural/rk4Adjoint';
import type { ParamVectorField } from '../../../src/core/neural/vectorField';
import { fixedVector, numericGradient, relativeError } from './gradCheck';

/** Irregular observation times: widths 0.05 … 0.6, so hMax = 0.2 gives 1 to 3 sub-steps. */
const times = Float64Array.of(0.1, 0.15, 0.5, 1.1, 1.32, 1.9);

/**
 * L(θ, y0) = Σ_i w_i · pred_i + ½ Σ_i pred_i² (a linear and a quadratic part, w fixed): its
 * gradient w.r.t. pred is w + pred, fed to the backward pass and checked against central
 * differences of the forward computation.
 */
function check(field: ParamVectorField, theta: Float64Array, y0: Float64Array, hMax: number) {
  const m = field.nStates;
  const n = times.length;
  const seg = new Rk4Segment(field);
  const pred = new Float64Array(n * m);
  const w = fixedVector(n * m, 11);
  const loss = (th: Float64Array, yy: Float64Array) => {
    expect(seg.forward(th, yy, times, 0, n, hMax, pred)).toBe(true);
    let s = 0;
    for (let i = 0; i < n * m; i++) s += w[i]! * pred[i]! + 0.5 * pred[i]! * pred[i]!;
    return s;
  };
  loss(theta, y0);
  const gPred = new Float64Array(n * m);
  for (let i = 0; i < n * m; i++) gPred[i] = w[i]! + pred[i]!;
  const gTheta = new Float64Array(field.nParams);
  const gY0 = new Float64Array(m);
  seg.backward(theta, gPred, gY0, gTheta);
  return {
    theta: relativeError(gTheta, numericGradient((th) => loss(th, y0), theta)),
    y0: relativeError(gY0, numericGradient((yy) => loss(theta, yy), y0)),
  };
}

describe('RK4 through a segment and its discrete adjoint', () => {
  it('gives the exact gradient of the discrete solve for a linear field (θ = A, and y0)', () => {
    const A = Float64Array.of(-0.1, 2, -2, -0.1);
    for (const hMax of [Infinity, 0.2, 0.07]) {
      const e = check(linearField(2), A, Float64Array.of(1, 0.5), hMax);
      expect(e.theta).toBeLessThan(1e-7);
      expect(e.y0).toBeLessThan(1e-7);
    }
  });

  it('gives the exact gradient for an MLP field over irregular intervals with several sub-steps', () => {
    for (const activation of ['tanh', 'softplus'] as const) {
      const mlp = createMlp({ mean: Float64Array.of(0, 0), std: Float64Array.of(1, 1), rate: Float64Array.of(1, 1) },
        { width: 12, depth: 2, activation, finalTanh: true });
      const theta = mlp.init(4);
      const e = check(mlp, theta, Float64Array.of(0.4, -0.3), 0.2);
      expect(e.theta).toBeLessThan(1e-6);
      expect(e.y0).toBeLessThan(1e-6);
    }
  });

  it('gives the same gradient with and without the field\'s tape', () => {
    const mlp = createMlp({ mean: Float64Array.of(0, 0), std: Float64Array.of(1, 1), rate: Float64Array.of(1, 1) },
      { width: 8, depth: 2, activation: 'tanh', finalTanh: false });
    const noTape: ParamVectorField = { nStates: 2, nParams: mlp.nParams, eval: mlp.eval, vjp: mlp.vjp };
    const theta = mlp.init(2);
    const grads = [mlp, noTape].map((field) => {
      const seg = new Rk4Segment(field);
      const pred = new Float64Array(2 * times.length);
      seg.forward(theta, Float64Array.of(0.3, 0.1), times, 0, times.length, 0.2, pred);
      const g = new Float64Array(field.nParams), g0 = new Float64Array(2);
      seg.backward(theta, fixedVector(2 * times.length, 3), g0, g);
      return [...g0, ...g];
    });
    for (let i = 0; i < grads[0]!.length; i++) expect(grads[0]![i]).toBeCloseTo(grads[1]![i]!, 14);
  });

  it('lands on every observation time with the rk4 accuracy (linear oscillator against exp(At))', () => {
    const seg = new Rk4Segment(linearField(2));
    const A = Float64Array.of(0, 1, -1, 0); // x' = y, y' = −x: x = cos(t − t0), y = −sin(t − t0)
    const n = times.length;
    const pred = new Float64Array(2 * n);
    const errAt = (hMax: number) => {
      seg.forward(A, Float64Array.of(1, 0), times, 0, n, hMax, pred);
      let e = 0;
      for (let i = 0; i < n; i++) {
        const dt = times[i]! - times[0]!;
        e = Math.max(e, Math.abs(pred[2 * i]! - Math.cos(dt)), Math.abs(pred[2 * i + 1]! + Math.sin(dt)));
      }
      return e;
    };
    expect(errAt(0.01)).toBeLessThan(1e-9);
    // halving hMax (far below every interval) divides the error by about 2⁴
    const ratio = errAt(0.02) / errAt(0.01);
    expect(ratio).toBeGreaterThan(10);
    expect(ratio).toBeLessThan(24);
  });

  it('starts a segment at any sample and reports a blow-up as false instead of returning Infinity', () => {
    const seg = new Rk4Segment(linearField(1));
    const ys = Float64Array.of(5, 2, 7);
    const ts = Float64Array.of(0, 1, 2);
    const pred = new Float64Array(2);
    expect(seg.forward(Float64Array.of(0), ys, ts, 1, 2, 0.5, pred)).toBe(true);
    expect(Array.from(pred)).toEqual([2, 2]);
    expect(seg.forward(Float64Array.of(100), ys, ts, 0, 3, 0.5, new Float64Array(3))).toBe(false);
  });

  it('splits an interval into the fewest sub-steps no longer than hMax', () => {
    expect(subSteps(0.6, 0.2)).toBe(3);
    expect(subSteps(0.61, 0.2)).toBe(4);
    expect(subSteps(0.05, 0.2)).toBe(1);
    expect(subSteps(1, Infinity)).toBe(1);
  });
});

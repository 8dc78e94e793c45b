import { describe, expect, it } from 'vitest';
import { createMlp, mlpParamCount, type MlpOptions } from '../../../src/core/neural/mlp';
import { fixedVector, numericGradient, relativeError } from './gradCheck';

const scales = { mean: Float64Array.of(0.3, -1), std: Float64Array.of(0.5, 2), rate: Float64Array.of(1.5, 0.7) };

/** L(y, θ) = gOut · f(y; θ): its gradients are exactly the vector–Jacobian products. */
function checkVjp(o: MlpOptions, seed: number): { gTheta: number; gY: number } {
  const mlp = createMlp(scales, o);
  const theta = mlp.init(seed);
  // move the output scale off 1 so its gradient is tested in general position
  theta[mlp.scaleOffset] = 1.3; theta[mlp.scaleOffset + 1] = 0.8;
  const y = Float64Array.of(0.7, -0.4);
  const gOut = fixedVector(2, seed + 1);
  const out = new Float64Array(2);
  const L = (yy: Float64Array, th: Float64Array) => { mlp.eval(yy, th, out); return gOut[0]! * out[0]! + gOut[1]! * out[1]!; };
  const gY = new Float64Array(2);
  const gTheta = new Float64Array(mlp.nParams);
  mlp.vjp(y, theta, gOut, gY, gTheta);
  return {
    gTheta: relativeError(gTheta, numericGradient((th) => L(y, th), theta)),
    gY: relativeError(gY, numericGradient((yy) => L(yy, theta), y)),
  };
}

describe('MLP vector field', () => {
  const cases: MlpOptions[] = [
    { width: 16, depth: 2, activation: 'tanh', finalTanh: true },
    { width: 16, depth: 2, activation: 'tanh', finalTanh: false },
    { width: 8, depth: 3, activation: 'softplus', finalTanh: true },
    { width: 5, depth: 1, activation: 'softplus', finalTanh: false },
  ];
  for (const o of cases) {
    it(`vjp matches central differences in θ and y (${o.activation}, width ${o.width}, depth ${o.depth}, final tanh ${o.finalTanh})`, () => {
      const e = checkVjp(o, 7);
      expect(e.gTheta).toBeLessThan(1e-7);
      expect(e.gY).toBeLessThan(1e-7);
    });
  }

  it('runs the reverse pass from a recorded tape exactly as vjp does, for several points on one tape', () => {
    for (const activation of ['tanh', 'softplus'] as const) {
      const mlp = createMlp(scales, { width: 10, depth: 2, activation, finalTanh: true });
      const theta = mlp.init(9);
      const points = [Float64Array.of(0.1, -0.2), Float64Array.of(1.5, 0.3), Float64Array.of(-0.7, 2)];
      const tape = new Float64Array(points.length * mlp.tapeSize + 5);
      const out = new Float64Array(2), ref = new Float64Array(2);
      points.forEach((y, q) => {
        mlp.evalTape(y, theta, out, tape, 5 + q * mlp.tapeSize);
        mlp.eval(y, theta, ref);
        expect(Array.from(out)).toEqual(Array.from(ref));
      });
      points.forEach((y, q) => {
        const gOut = fixedVector(2, q);
        const a = { y: new Float64Array(2), t: new Float64Array(mlp.nParams) };
        const b = { y: new Float64Array(2), t: new Float64Array(mlp.nParams) };
        mlp.vjpTape(tape, 5 + q * mlp.tapeSize, theta, gOut, a.y, a.t);
        mlp.vjp(y, theta, gOut, b.y, b.t);
        expect(Array.from(a.y)).toEqual(Array.from(b.y));
        expect(Array.from(a.t)).toEqual(Array.from(b.t));
      });
    }
  });

  it('accumulates into gY and gθ instead of overwriting them', () => {
    const mlp = createMlp(scales, cases[0]!);
    const theta = mlp.init(3);
    const y = Float64Array.of(0.1, 0.2);
    const gOut = Float64Array.of(1, -2);
    const gY1 = new Float64Array(2), gT1 = new Float64Array(mlp.nParams);
    mlp.vjp(y, theta, gOut, gY1, gT1);
    const gY2 = new Float64Array(2), gT2 = new Float64Array(mlp.nParams);
    mlp.vjp(y, theta, gOut, gY2, gT2);
    mlp.vjp(y, theta, gOut, gY2, gT2);
    for (let i = 0; i < 2; i++) expect(gY2[i]).toBeCloseTo(2 * gY1[i]!, 12);
    for (let i = 0; i < mlp.nParams; i += 17) expect(gT2[i]).toBeCloseTo(2 * gT1[i]!, 12);
  });

  it('has the documented parameter count and a seeded, reproducible initialisation', () => {
    const mlp = createMlp(scales, { width: 64, depth: 2, activation: 'tanh', finalTanh: true });
    // 2·64 + 64 + 64·64 + 64 + 64·2 + 2 weights and biases, 2 output scales
    expect(mlp.nParams).toBe(2 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2 + 2);
    expect(mlpParamCount(2, { width: 64, depth: 2 })).toBe(mlp.nParams);
    expect(Array.from(mlp.init(5))).toEqual(Array.from(mlp.init(5)));
    expect(Array.from(mlp.init(5))).not.toEqual(Array.from(mlp.init(6)));
    const theta = mlp.init(5);
    const bound = 1 / Math.sqrt(64);
    for (let i = 2 * 64 + 64; i < 2 * 64 + 64 + 64 * 64; i++) expect(Math.abs(theta[i]!)).toBeLessThanOrEqual(bound);
  });

  it('scales its output by the data rate and the learned scale, and its input by the data', () => {
    const o: MlpOptions = { width: 6, depth: 1, activation: 'tanh', finalTanh: false };
    const a = createMlp(scales, o);
    const b = createMlp({ ...scales, rate: Float64Array.of(3, 0.7) }, o);
    const theta = a.init(1);
    const y = Float64Array.of(0.2, 0.9);
    const fa = new Float64Array(2), fb = new Float64Array(2);
    a.eval(y, theta, fa);
    b.eval(y, theta, fb);
    expect(fb[0]).toBeCloseTo(2 * fa[0]!, 12);
    expect(fb[1]).toBeCloseTo(fa[1]!, 12);
    theta[a.scaleOffset + 1] = -2;
    a.eval(y, theta, fb);
    expect(fb[1]).toBeCloseTo(-2 * fa[1]!, 12);
    // shifting the data's mean and the point together leaves the field unchanged
    const c = createMlp({ ...scales, mean: Float64Array.of(1.3, -1) }, o);
    c.eval(Float64Array.of(1.2, 0.9), theta, fb);
    a.eval(y, theta, fa);
    expect(fb[1]).toBeCloseTo(fa[1]!, 12);
  });
});

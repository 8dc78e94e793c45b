/**
 * The adapter from symbolic models to ParamVectorField (what fine-tuning differentiates):
 * values equal the compiled expressions, the vector–Jacobian products equal central
 * differences for every operator, the tape path equals the plain one, frozen constants are
 * not parameters, and the gradient of the shooting loss through RK4 is exact.
 */
import { describe, expect, it } from 'vitest';
import { sampleFromStarts } from '../../../src/core/data/generate';
import { buildLibrary } from '../../../src/core/library/library';
import { binary, compileExprs, constant, unary, variable, type Expr, UNARY_OPS } from '../../../src/core/model/expr';
import { coefficientsFrom, libraryExprs } from '../../../src/core/model/libraryExprs';
import { expressionField } from '../../../src/core/neural/expressionField';
import { countConstants } from '../../../src/core/symbolic/program';
import { dataScales } from '../../../src/core/neural/scaling';
import { consecutiveSegments, ShootingLoss, standardisedWeights } from '../../../src/core/neural/shooting';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import { fixedVector, numericGradient, relativeError } from './gradCheck';

const x = variable(0), y = variable(1);

/** Two expressions that use every operator, with positive arguments for sqrt and log near the test points. */
function everyOperator(): Expr[] {
  const pos = binary('+', constant(2.5), unary('square', x)); // > 0
  const parts = UNARY_OPS.map((op) => {
    const arg = op === 'sqrt' || op === 'log' ? pos : binary('*', constant(0.7), y);
    return binary('*', constant(0.3 + UNARY_OPS.indexOf(op) / 10), unary(op, arg));
  });
  const sum = parts.reduce((a, b) => binary('+', a, b));
  return [
    binary('/', binary('-', sum, binary('*', x, y)), binary('+', constant(1.2), unary('square', y))),
    binary('-', binary('/', y, binary('+', constant(1), x)), unary('cube', binary('*', constant(-0.4), x))),
  ];
}

describe('expressionField', () => {
  const exprs = everyOperator();
  const ef = expressionField(exprs, 2);

  it('evaluates like the compiled expressions, with every constant a parameter in order', () => {
    expect(ef.field.nParams).toBe(ef.theta.length);
    expect(ef.theta.length).toBe(exprs.reduce((n, e) => n + countConstants(e), 0));
    expect(ef.theta[0]).toBe(0.3);
    const f = compileExprs(exprs, 2);
    const a = new Float64Array(2), b = new Float64Array(2);
    for (const [u, v] of [[0.3, -0.2], [-0.6, 0.45], [1.1, 0.9]] as const) {
      const p = Float64Array.of(u, v);
      f(p, a);
      ef.field.eval(p, ef.theta, b);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
  });

  it('has vector–Jacobian products equal to central differences, in y and in θ, for every operator', () => {
    const gOut = Float64Array.of(0.8, -1.3);
    const out = new Float64Array(2);
    for (const [u, v] of [[0.3, -0.2], [-0.6, 0.45]] as const) {
      const y0 = Float64Array.of(u, v);
      const gY = new Float64Array(2), gT = new Float64Array(ef.theta.length);
      ef.field.vjp(y0, ef.theta, gOut, gY, gT);
      const dot = (yy: Float64Array, th: Float64Array) => { ef.field.eval(yy, th, out); return gOut[0]! * out[0]! + gOut[1]! * out[1]!; };
      expect(relativeError(gY, numericGradient((yy) => dot(yy, ef.theta), Float64Array.from(y0)))).toBeLessThan(1e-7);
      expect(relativeError(gT, numericGradient((th) => dot(y0, th), Float64Array.from(ef.theta)))).toBeLessThan(1e-7);
    }
  });

  it('accumulates into the gradients, and the tape path gives the same values and products', () => {
    const y0 = Float64Array.of(0.2, 0.1), gOut = Float64Array.of(1, 2);
    const a = { gY: Float64Array.of(1, 1), gT: new Float64Array(ef.theta.length).fill(1) };
    const b = { gY: new Float64Array(2), gT: new Float64Array(ef.theta.length) };
    ef.field.vjp(y0, ef.theta, gOut, a.gY, a.gT);
    ef.field.vjp(y0, ef.theta, gOut, b.gY, b.gT);
    a.gY.forEach((v, k) => expect(v).toBeCloseTo(b.gY[k]! + 1, 12));
    a.gT.forEach((v, k) => expect(v).toBeCloseTo(b.gT[k]! + 1, 12));
    const tape = new Float64Array(3 * ef.field.tapeSize!);
    const out1 = new Float64Array(2), out2 = new Float64Array(2);
    ef.field.evalTape!(y0, ef.theta, out1, tape, ef.field.tapeSize!);
    ef.field.eval(y0, ef.theta, out2);
    expect(Array.from(out1)).toEqual(Array.from(out2));
    const c = { gY: new Float64Array(2), gT: new Float64Array(ef.theta.length) };
    ef.field.vjpTape!(tape, ef.field.tapeSize!, ef.theta, gOut, c.gY, c.gT);
    expect(Array.from(c.gY)).toEqual(Array.from(b.gY));
    expect(Array.from(c.gT)).toEqual(Array.from(b.gT));
  });

  it('keeps frozen constants out of θ and writes fitted values back into the other leaves', () => {
    const one = constant(1);
    const e = binary('/', binary('*', constant(0.9), y), binary('+', one, binary('*', constant(1.1), y)));
    const f = expressionField([e], 2, new Set([one]));
    expect(Array.from(f.theta)).toEqual([0.9, 1.1]);
    const [back] = f.rebuild(Float64Array.of(1, 1));
    const out = new Float64Array(1);
    compileExprs([back!], 2)(Float64Array.of(0, 0.4), out);
    expect(out[0]).toBeCloseTo(0.4 / 1.4, 15);
  });

  it('gives the exact gradient of the shooting loss through RK4 (Kidger\'s oscillator as formulas with 4 constants)', () => {
    const sys = getSystem('rational_oscillator')!;
    const ds = sampleFromStarts(sys, { params: defaultParams(sys), count: 3, box: [[-0.5, 0.5], [-0.5, 0.5]], tEnd: 4, dt: 0.2, seed: 3 });
    if (!ds.ok) throw new Error(ds.error);
    const kidger = expressionField([
      binary('/', binary('*', constant(0.95), y), binary('+', constant(1.05), y)),
      binary('/', binary('*', constant(-1.1), x), binary('+', constant(0.9), x)),
    ], 2);
    const sc = dataScales(ds.value);
    const theta = Float64Array.from(kidger.theta);
    for (const len of [0, 6]) {
      const segs = consecutiveSegments(ds.value, len);
      const loss = new ShootingLoss(kidger.field, ds.value, standardisedWeights(sc.std), sc.medianSpacing / 3);
      const grad = new Float64Array(4);
      expect(loss.evaluate(theta, segs, segs.length / 3, grad).failed).toBe(0);
      const num = numericGradient((th) => loss.evaluate(th, segs, segs.length / 3, null).loss, theta);
      expect(relativeError(grad, num)).toBeLessThan(1e-6);
    }
  });
});

describe('libraryExprs: a library model as formulas with its coefficients as parameters', () => {
  const lib = buildLibrary(['x', 'y'], { degree: 3, bias: true, fourier: 2, custom: ['exp(-x)*y', 'x/(1+y^2)'] });
  if (!lib.ok) throw new Error(lib.error);
  const L = lib.value;
  const p = L.nFeatures;
  const coef = Float64Array.from(fixedVector(2 * p, 11), (v, i) => (i % 3 === 0 ? 0 : v));

  it('evaluates like the library model, with only the nonzero coefficients as parameters', () => {
    const le = libraryExprs(L, coef, ['x', 'y']);
    if (!le.ok) throw new Error(le.term);
    const ef = expressionField(le.value.exprs, 2, le.value.frozen);
    const nonzero = Array.from(coef).filter((c) => c !== 0);
    expect(Array.from(ef.theta)).toEqual(nonzero);
    const row = new Float64Array(p), out = new Float64Array(2);
    for (const [u, v] of [[0.3, -0.2], [-0.7, 0.5]] as const) {
      L.evaluateRow(Float64Array.of(u, v), row);
      ef.field.eval(Float64Array.of(u, v), ef.theta, out);
      for (let j = 0; j < 2; j++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += coef[j * p + k]! * row[k]!;
        expect(out[j]).toBeCloseTo(s, 12);
      }
    }
    const moved = coefficientsFrom(coef, le.value.positions, ef.theta.map((v) => 2 * v));
    expect(Array.from(moved)).toEqual(Array.from(coef, (v) => 2 * v));
  });

  it('names the term it cannot differentiate (tan, abs …)', () => {
    const t = buildLibrary(['x', 'y'], { degree: 1, bias: false, fourier: 0, custom: ['tan(x)'] });
    if (!t.ok) throw new Error(t.error);
    const r = libraryExprs(t.value, Float64Array.of(1, 0, 1, 0, 1, 0), ['x', 'y']);
    expect(r).toEqual({ ok: false, term: 'tan(x)' });
  });
});

import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { addNoise } from '../../../src/core/data/noise';
import { createFinetuner, finetuneStep, fittedParams } from '../../../src/core/neural/finetune';
import { linearField } from '../../../src/core/neural/linearField';
import { dataScales } from '../../../src/core/neural/scaling';
import { consecutiveSegments, ShootingLoss, standardisedWeights } from '../../../src/core/neural/shooting';
import type { ParamVectorField } from '../../../src/core/neural/vectorField';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import type { Dataset } from '../../../src/core/types';
import { numericGradient, relativeError } from './gradCheck';

/**
 * Lotka–Volterra with its four constants as θ = (α, β, δ, γ): what the lead's adapter makes of
 * the SINDy model 'αx − βxy, δxy − γy' (a test double for a symbolic model).
 */
function lotkaVolterraField(): ParamVectorField {
  return {
    nStates: 2,
    nParams: 4,
    eval(y, th, out) {
      const x = y[0]!, v = y[1]!;
      out[0] = th[0]! * x - th[1]! * x * v;
      out[1] = th[2]! * x * v - th[3]! * v;
    },
    vjp(y, th, g, gY, gT) {
      const x = y[0]!, v = y[1]!, g0 = g[0]!, g1 = g[1]!;
      gT[0]! += g0 * x; gT[1]! -= g0 * x * v; gT[2]! += g1 * x * v; gT[3]! -= g1 * v;
      gY[0]! += g0 * (th[0]! - th[1]! * v) + g1 * th[2]! * v;
      gY[1]! += -g0 * th[1]! * x + g1 * (th[2]! * x - th[3]!);
    },
  };
}

/** LV from 60 irregular samples on [0, 10] with 1 % noise (the case). */
function lvData(seed: number): Dataset {
  const sys = getSystem('lotka_volterra')!;
  const r = sampleSystem(sys, { params: defaultParams(sys), x0: sys.x0, tEnd: sys.tEnd, dt: sys.tEnd / 59, irregular: true, seed });
  if (!r.ok) throw new Error(r.error);
  return addNoise(r.value, 0.01, seed);
}

function oscillator(): Dataset {
  const sys = getSystem('linear_oscillator')!;
  const r = sampleSystem(sys, { params: defaultParams(sys), x0: [2, 0], tEnd: 8, dt: 0.2, irregular: true, seed: 5 });
  if (!r.ok) throw new Error(r.error);
  return addNoise(r.value, 0.01, 5);
}

describe('fine-tuning through the solver', () => {
  it('has the exact gradient of its shooting loss (central differences), for segments of every kind', () => {
    const ds = lvData(1);
    const sc = dataScales(ds);
    const field = lotkaVolterraField();
    for (const len of [0, 12, 5]) {
      const segs = consecutiveSegments(ds, len);
      const loss = new ShootingLoss(field, ds, standardisedWeights(sc.std), sc.medianSpacing / 4);
      const theta = Float64Array.of(0.9, 9.5, 10.6, 2.1);
      const grad = new Float64Array(4);
      const v = loss.evaluate(theta, segs, segs.length / 3, grad);
      expect(v.failed).toBe(0);
      const num = numericGradient((th) => loss.evaluate(th, segs, segs.length / 3, null).loss, theta);
      expect(relativeError(grad, num)).toBeLessThan(1e-6);
    }
  });

  it('with fitted starts, has the exact gradient in θ and in every segment\'s initial state', () => {
    const ds = lvData(1);
    const sc = dataScales(ds);
    const field = lotkaVolterraField();
    for (const len of [0, 9]) {
      const segs = consecutiveSegments(ds, len);
      const nSeg = segs.length / 3;
      const loss = new ShootingLoss(field, ds, standardisedWeights(sc.std), sc.medianSpacing / 4);
      const theta = Float64Array.of(0.9, 9.5, 10.6, 2.1);
      // starts near the observed ones
      const starts = new Float64Array(2 * nSeg);
      for (let s = 0; s < nSeg; s++) for (let j = 0; j < 2; j++) starts[2 * s + j] = ds.trajectories[0]!.y[2 * segs[3 * s + 1]! + j]! * (1 + 0.01 * (j - 0.5));
      const grad = new Float64Array(4), gStarts = new Float64Array(2 * nSeg);
      expect(loss.evaluate(theta, segs, nSeg, grad, starts, gStarts).failed).toBe(0);
      expect(relativeError(grad, numericGradient((th) => loss.evaluate(th, segs, nSeg, null, starts).loss, theta))).toBeLessThan(1e-6);
      expect(relativeError(gStarts, numericGradient((st) => loss.evaluate(theta, segs, nSeg, null, st).loss, starts))).toBeLessThan(1e-6);
    }
  });

  it('fitStarts: fits the constants and the initial states; the model\'s θ is the first part', () => {
    const ds = lvData(2);
    const r = createFinetuner({ field: lotkaVolterraField(), theta: Float64Array.of(1.05, 9.6, 10.3, 1.95) }, ds, { steps: 150, fitStarts: true });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.x.length).toBe(4 + 2);
    expect(Array.from(r.value.x.subarray(4))).toEqual(Array.from(ds.trajectories[0]!.y.subarray(0, 2)));
    let p = finetuneStep(r.value, 10);
    while (!p.done) p = finetuneStep(r.value, 20);
    const theta = fittedParams(r.value);
    expect(theta.length).toBe(4);
    [1, 10, 10, 2].forEach((v, i) => expect(Math.abs(theta[i]! - v) / v).toBeLessThan(0.03));
    // the start was fitted too: moved off the noisy observation, by about the noise (1 % of the spread)
    const sc = dataScales(ds);
    for (let j = 0; j < 2; j++) {
      const moved = Math.abs(r.value.x[4 + j]! - ds.trajectories[0]!.y[j]!);
      expect(moved).toBeGreaterThan(0);
      expect(moved).toBeLessThan(0.05 * sc.std[j]!);
    }
    expect(r.value.history[r.value.history.length - 1]!).toBeLessThan(0.5 * r.value.history[0]!);
  });

  it('cuts trajectories into consecutive segments sharing their end samples', () => {
    const ds: Dataset = { stateNames: ['x'], trajectories: [{ t: new Float64Array(10).map((_, i) => i), y: new Float64Array(10) },
      { t: Float64Array.of(0, 1, 2), y: new Float64Array(3) }] };
    expect(Array.from(consecutiveSegments(ds, 4))).toEqual([0, 0, 4, 0, 3, 4, 0, 6, 4, 1, 0, 3]);
    expect(Array.from(consecutiveSegments(ds, 0))).toEqual([0, 0, 10, 1, 0, 3]);
  });

  for (const method of ['lbfgs', 'adam'] as const) {
    it(`${method}: refits the constants of Lotka–Volterra from rough values to within 3 % (60 irregular samples, 1 % noise)`, () => {
      const ds = lvData(2);
      const truth = [1, 10, 10, 2];
      const start = Float64Array.of(1.15, 9, 10.8, 1.8);
      const r = createFinetuner({ field: lotkaVolterraField(), theta: start }, ds,
        method === 'lbfgs' ? { method, steps: 60 } : { method, steps: 1500, learningRate: 0.1 });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      let p = finetuneStep(r.value, 10);
      while (!p.done) p = finetuneStep(r.value, 20);
      expect(p.status).toBe('done');
      const h = r.value.history;
      expect(h[h.length - 1]!).toBeLessThan(0.2 * h[0]!);
      const theta = fittedParams(r.value);
      for (let i = 0; i < 4; i++) expect(Math.abs(theta[i]! - truth[i]!) / truth[i]!).toBeLessThan(0.03);
      // the fitted start values are untouched
      expect(Array.from(start)).toEqual([1.15, 9, 10.8, 1.8]);
    });
  }

  it('fits a linear model A to whole trajectories of a damped oscillator', () => {
    const r = createFinetuner({ field: linearField(2), theta: Float64Array.of(0, 1.5, -1.5, 0) }, oscillator(), { steps: 50 });
    if (!r.ok) throw new Error(r.error);
    finetuneStep(r.value, 50);
    const A = fittedParams(r.value);
    const truth = [-0.1, 2, -2, -0.1];
    for (let i = 0; i < 4; i++) expect(Math.abs(A[i]! - truth[i]!)).toBeLessThan(0.02);
  });

  it('turns bad options, mismatched data and a diverging start into messages', () => {
    const ds = oscillator();
    const bad = createFinetuner({ field: linearField(2), theta: new Float64Array(4) }, ds, { segmentLength: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/segment length/);
    const wrong = createFinetuner({ field: linearField(3), theta: new Float64Array(9) }, ds);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatch(/3 states but the data has 2/);
    const boom = createFinetuner({ field: linearField(2), theta: Float64Array.of(50, 0, 0, 50) }, ds);
    expect(boom.ok).toBe(false);
    if (!boom.ok) expect(boom.error).toMatch(/blows up on the segment from sample 1.*Start from other constants/);
  });
});

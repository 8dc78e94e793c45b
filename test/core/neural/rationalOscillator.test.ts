/**
 * Kidger's rational oscillator ẋ = y/(1 + y), ẏ = −x/(1 + x) from 8 trajectories of 101
 * samples on t ∈ [0, 10], starts uniform in [−0.5, 0.5]² (Kidger 2021; diffrax's
 * symbolic-regression example): the neural field must be accurate over the visited region,
 * because it is all a symbolic search will see. Same options as bench/neural.ts, which times it.
 */
import { describe, expect, it } from 'vitest';
import { sampleFromStarts } from '../../../src/core/data/generate';
import { distillPairs, pairsRegressionLayer } from '../../../src/core/neural/distill';
import { fieldError, trainToEnd } from './trained';
import { stlsq } from '../../../src/core/optimize/stlsq';
import { problemOf } from '../../../src/core/pipeline/layers';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import type { Dataset } from '../../../src/core/types';

const sys = getSystem('rational_oscillator')!;
const params = defaultParams(sys);

function data(seed: number): Dataset {
  const r = sampleFromStarts(sys, { params, count: 8, box: [[-0.5, 0.5], [-0.5, 0.5]], tEnd: 10, dt: 0.1, seed });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('neural ODE on the rational oscillator', () => {
  it('learns a field within 3 % (relative RMS) of the truth over the visited region, good enough to recover the equations', () => {
    const ds = data(42);
    expect(ds.trajectories.map((t) => t.t.length)).toEqual(Array(8).fill(101));
    const model = trainToEnd(ds, { width: 32, batchSize: 16, steps: 150, stepsPerSpacing: 1, polishSteps: 100 }, 1);

    const { relRms, worst, largest } = fieldError(model, sys.rhs(params), ds.trajectories);
    expect(relRms).toBeLessThan(0.03);
    expect(worst).toBeLessThan(0.1 * largest);

    // a search that has the right terms among its candidates picks exactly them
    const pairs = distillPairs(model, ds, { copies: 2, jitter: 0.02, seed: 2 });
    if (!pairs.ok) throw new Error(pairs.error);
    const reg = pairsRegressionLayer(pairs.value, { degree: 2, bias: true, fourier: 0, custom: ['y / (1 + y)', 'x / (1 + x)'] });
    if (!reg.ok) throw new Error(reg.error);
    const names = reg.value.theta.library.names;
    const p2 = names.length;
    const res = stlsq(problemOf(reg.value, false), { method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 });
    const kept = (j: number) => names.filter((_, a) => res.coefficients[j * p2 + a] !== 0);
    const coef = (j: number, a: number) => res.coefficients[j * p2 + a]!;
    const yTerm = p2 - 2, xTerm = p2 - 1;
    expect(kept(0)).toEqual([names[yTerm]]);
    expect(kept(1)).toEqual([names[xTerm]]);
    expect(coef(0, yTerm)).toBeCloseTo(1, 1);
    expect(coef(1, xTerm)).toBeCloseTo(-1, 1);
  });
});

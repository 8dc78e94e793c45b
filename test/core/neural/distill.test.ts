/**
 * The showcase: Lotka–Volterra from 60 irregularly spaced samples with 1 % noise.
 * Plain SINDy (finite differences) finds spurious terms; a neural ODE trained on the same
 * samples, read off over the visited region and handed to the same SINDy, finds exactly the
 * four true terms.
 */
import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { addNoise } from '../../../src/core/data/noise';
import { compareWithTruth } from '../../../src/core/model/metrics';
import { distillPairs, pairsRegressionLayer } from '../../../src/core/neural/distill';
import { createTrainer, trainedField } from '../../../src/core/neural/train';
import { stlsq } from '../../../src/core/optimize/stlsq';
import { defaultFitSettings, fitDataset } from '../../../src/core/pipeline/fit';
import { problemOf } from '../../../src/core/pipeline/layers';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import type { Dataset } from '../../../src/core/types';
import { fieldError, trainToEnd } from './trained';

const sys = getSystem('lotka_volterra')!;
const params = defaultParams(sys);
const truth = sys.truth(params)!;
const library = { degree: 2, bias: true, fourier: 0, custom: [] };
const THRESHOLD = 0.5;
const optimizer = { method: 'stlsq' as const, threshold: THRESHOLD, alpha: 0.05, maxIter: 20 };

function lvData(): { clean: Dataset; noisy: Dataset } {
  const r = sampleSystem(sys, { params, x0: sys.x0, tEnd: sys.tEnd, dt: sys.tEnd / 59, irregular: true, seed: 1 });
  if (!r.ok) throw new Error(r.error);
  return { clean: r.value, noisy: addNoise(r.value, 0.01, 1) };
}

describe('distillation: neural ODE → SINDy', () => {
  const { clean, noisy } = lvData();

  it('plain SINDy with finite differences finds spurious terms on these 60 noisy irregular samples', () => {
    expect(noisy.trajectories[0]!.t.length).toBe(60);
    const s = defaultFitSettings();
    s.library = library;
    s.optimizer = optimizer;
    const fit = fitDataset(noisy, s);
    if (!fit.ok) throw new Error(fit.error);
    const cmp = compareWithTruth(noisy.stateNames, fit.value.features, fit.value.coefficients, truth);
    expect(cmp.recovered).toBe(false);
    expect(cmp.extra.length).toBeGreaterThan(0);
  });

  it('SINDy on pairs (y, f_θ(y)) of the trained neural ODE finds exactly the four true terms', () => {
    const model = trainToEnd(noisy, { width: 32, batchSize: 16, steps: 300, segmentEnd: 8, polishSteps: 200 }, 1);

    // the field over the visited region (the clean states) is within 10 % of the truth
    expect(fieldError(model, sys.rhs(params), [clean.trajectories[0]!]).relRms).toBeLessThan(0.1);

    const pairs = distillPairs(model, noisy, { copies: 4, jitter: 0.02, seed: 1 });
    if (!pairs.ok) throw new Error(pairs.error);
    expect(pairs.value.n).toBe(240);
    const reg = pairsRegressionLayer(pairs.value, library);
    if (!reg.ok) throw new Error(reg.error);
    const res = stlsq(problemOf(reg.value, false), optimizer);
    const cmp = compareWithTruth(noisy.stateNames, reg.value.theta.library.names, res.coefficients, truth);
    expect(cmp.extra).toEqual([]);
    expect(cmp.missing).toEqual([]);
    expect(cmp.maxRelativeError).toBeLessThan(0.1);
  });

  it('reads the field at each observed state and at jittered copies of it', () => {
    const r = createTrainer(noisy, { width: 4, steps: 1, polishSteps: 0 }, 1);
    if (!r.ok) throw new Error(r.error);
    const model = trainedField(r.value);
    const pairs = distillPairs(model, noisy, { copies: 3, jitter: 0.05, seed: 4 });
    if (!pairs.ok) throw new Error(pairs.error);
    const { Y, F, n } = pairs.value;
    expect(n).toBe(180);
    const y = noisy.trajectories[0]!.y;
    const f = new Float64Array(2);
    for (let i = 0; i < 60; i++) {
      // copy 0 is the observed state; the others are near it, not on it
      expect([Y[6 * i], Y[6 * i + 1]]).toEqual([y[2 * i], y[2 * i + 1]]);
      expect(Y[6 * i + 2]).not.toBe(y[2 * i]);
      expect(Math.abs(Y[6 * i + 2]! - y[2 * i]!)).toBeLessThan(0.5);
      for (let c = 0; c < 3; c++) {
        model.field.eval(Y.subarray(6 * i + 2 * c, 6 * i + 2 * c + 2), model.theta, f);
        expect([F[6 * i + 2 * c], F[6 * i + 2 * c + 1]]).toEqual([f[0], f[1]]);
      }
    }
  });

  it('rejects bad distillation options and a model of the wrong size with messages', () => {
    const r = createTrainer(noisy, { width: 4, steps: 1, polishSteps: 0 }, 1);
    if (!r.ok) throw new Error(r.error);
    const model = trainedField(r.value);
    const a = distillPairs(model, noisy, { copies: 0 });
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.error).toMatch(/copies/);
    const b = distillPairs(model, noisy, { jitter: -1 });
    expect(b.ok).toBe(false);
    const s = distillPairs(model, noisy, { seed: Number.NaN });
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.error).toMatch(/seed/);
    const three: Dataset = { stateNames: ['x', 'y', 'z'], trajectories: [{ t: Float64Array.of(0, 1), y: new Float64Array(6) }] };
    const c = distillPairs(model, three);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error).toMatch(/2 states but the data has 3/);
  });
});

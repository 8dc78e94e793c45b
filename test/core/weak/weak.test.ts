import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { addNoise } from '../../../src/core/data/noise';
import { compareWithTruth } from '../../../src/core/model/metrics';
import { defaultFitSettings } from '../../../src/core/pipeline/fit';
import { fitDataset } from '../../../src/core/pipeline/fit';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import type { Dataset } from '../../../src/core/types';
import { fitWeak } from '../../../src/core/weak/fitWeak';
import { defaultWeakSettings, validateWeak } from '../../../src/core/weak/settings';

function data(id: string, x0: number[], tEnd: number, dt: number, params: Record<string, number> = {}, irregular = false) {
  const sys = getSystem(id)!;
  const p = { ...defaultParams(sys), ...params };
  const r = sampleSystem(sys, { params: p, x0, tEnd, dt, irregular, seed: 5 });
  if (!r.ok) throw new Error(r.error);
  return { ds: r.value, truth: sys.truth(p)! };
}

function settings(degree: number, threshold: number) {
  const s = defaultFitSettings();
  s.library.degree = degree;
  s.optimizer = { method: 'stlsq', threshold, alpha: 0.05, maxIter: 20 };
  return s;
}

const lorenz = data('lorenz', [-8, 8, 27], 10, 0.002);

describe('weak SINDy', () => {
  it('recovers Lorenz at 5 % noise, every coefficient within 5 % (threshold 0.5), OLS and GLS', () => {
    const ds = addNoise(lorenz.ds, 0.05, 1);
    for (const gls of [false, true]) {
      const r = fitWeak(ds, settings(2, 0.5), { ...defaultWeakSettings(), gls });
      if (!r.ok) throw new Error(r.error);
      const c = compareWithTruth(ds.stateNames, r.value.features, r.value.coefficients, lorenz.truth);
      expect(c.recovered).toBe(true);
      expect(c.maxRelativeError).toBeLessThan(0.05);
    }
  });

  it('recovers Van der Pol (μ = 0.5) at 5 % noise within 5 % (threshold 0.1) where finite differences fail', () => {
    const vdp = data('van_der_pol', [2, 0], 20, 0.005, { mu: 0.5 });
    const ds = addNoise(vdp.ds, 0.05, 1);
    const r = fitWeak(ds, settings(3, 0.1), defaultWeakSettings());
    if (!r.ok) throw new Error(r.error);
    const c = compareWithTruth(ds.stateNames, r.value.features, r.value.coefficients, vdp.truth);
    expect(c.recovered).toBe(true);
    expect(c.maxRelativeError).toBeLessThan(0.05);
    const f = fitDataset(ds, settings(3, 0.1));
    if (!f.ok) throw new Error(f.error);
    expect(compareWithTruth(ds.stateNames, f.value.features, f.value.coefficients, vdp.truth).recovered).toBe(false);
  });

  it('beats finite differences on Lorenz at 5 % noise over several seeds', () => {
    let weak = 0;
    let fd = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const ds = addNoise(lorenz.ds, 0.05, seed);
      const r = fitWeak(ds, settings(2, 0.5), defaultWeakSettings());
      const f = fitDataset(ds, settings(2, 0.5));
      if (!r.ok || !f.ok) throw new Error('fit failed');
      if (compareWithTruth(ds.stateNames, r.value.features, r.value.coefficients, lorenz.truth).recovered) weak++;
      if (compareWithTruth(ds.stateNames, f.value.features, f.value.coefficients, lorenz.truth).recovered) fd++;
    }
    expect(weak).toBe(6);
    expect(fd).toBeLessThanOrEqual(4);
  });

  it('works on an irregular time grid and on several trajectories', () => {
    const a = data('lorenz', [-8, 8, 27], 5, 0.002, {}, true);
    const b = data('lorenz', [5, -5, 20], 5, 0.002);
    const ds: Dataset = { stateNames: a.ds.stateNames, trajectories: [...a.ds.trajectories, ...b.ds.trajectories] };
    const r = fitWeak(ds, settings(2, 0.5), { ...defaultWeakSettings(), support: 100 });
    if (!r.ok) throw new Error(r.error);
    const c = compareWithTruth(ds.stateNames, r.value.features, r.value.coefficients, lorenz.truth);
    expect(c.recovered).toBe(true);
    expect(c.maxRelativeError).toBeLessThan(1e-2);
    expect(r.value.weak.widths).toHaveLength(2);
  });

  it('rejects bad settings with advice', () => {
    expect(validateWeak({ ...defaultWeakSettings(), testFunctions: 1 }).ok).toBe(false);
    expect(validateWeak({ ...defaultWeakSettings(), support: 1.5 }).ok).toBe(false);
    expect(validateWeak({ ...defaultWeakSettings(), order: 0 }).ok).toBe(false);
    const r = fitWeak(lorenz.ds, settings(2, 0.5), { ...defaultWeakSettings(), support: 0.99 });
    expect(r.ok).toBe(true);
    const bad = fitWeak(lorenz.ds, settings(2, 0.5), { ...defaultWeakSettings(), support: 100000 });
    expect(bad.ok).toBe(false);
  });
});

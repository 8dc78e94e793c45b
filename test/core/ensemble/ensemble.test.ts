import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { addNoise } from '../../../src/core/data/noise';
import { ensembleFit } from '../../../src/core/ensemble/ensemble';
import { validateEnsemble } from '../../../src/core/ensemble/settings';
import { quantileSorted } from '../../../src/core/ensemble/statistics';
import { compareWithTruth } from '../../../src/core/model/metrics';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import { weakRegressionLayer } from '../../../src/core/weak/layer';
import { defaultWeakSettings } from '../../../src/core/weak/settings';

const sys = getSystem('lorenz')!;
const params = defaultParams(sys);
const clean = sampleSystem(sys, { params, x0: [-8, 8, 27], tEnd: 10, dt: 0.002 });
if (!clean.ok) throw new Error(clean.error);
const ds = addNoise(clean.value, 0.05, 1);
const reg = weakRegressionLayer(ds, { degree: 2, bias: true, fourier: 0, custom: [] }, defaultWeakSettings());
if (!reg.ok) throw new Error(reg.error);
const opt = { method: 'stlsq' as const, threshold: 0.5, alpha: 0.05, maxIter: 20 };
const e = { models: 30, sampleFraction: 1, libraryBagging: false, inclusionThreshold: 0.5, seed: 3 };

describe('E-SINDy', () => {
  it('gives inclusion near 1 for the true Lorenz terms and low for the others', () => {
    const r = ensembleFit(reg.value, false, opt, e, ds.stateNames);
    const names = reg.value.theta.library.names;
    const truth = sys.truth(params)!;
    ds.stateNames.forEach((st, j) => names.forEach((nm, a) => {
      const inc = r.stats.inclusion[j * names.length + a]!;
      if (truth[st]?.[nm] !== undefined) expect(inc).toBeGreaterThanOrEqual(0.9);
      else expect(inc).toBeLessThanOrEqual(0.4);
    }));
    const c = compareWithTruth(ds.stateNames, names, r.coefficients, truth);
    expect(c.recovered).toBe(true);
    expect(r.samples.length).toBe(30 * 30);
    expect(r.stats.p05[1]!).toBeLessThanOrEqual(r.stats.p95[1]!);
  });

  it('is deterministic per seed, reports progress and stops with partial results', () => {
    const a = ensembleFit(reg.value, false, opt, { ...e, models: 8, libraryBagging: true }, ds.stateNames);
    const b = ensembleFit(reg.value, false, opt, { ...e, models: 8, libraryBagging: true }, ds.stateNames);
    expect(Array.from(a.samples)).toEqual(Array.from(b.samples));
    const seen: number[] = [];
    const s = ensembleFit(reg.value, false, opt, { ...e, models: 8 }, ds.stateNames, (d) => seen.push(d), () => seen.length >= 3);
    expect(s.status).toBe('stopped');
    expect(s.models).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('validates settings and interpolates quantiles', () => {
    expect(validateEnsemble({ ...e, models: 1 }).ok).toBe(false);
    expect(validateEnsemble({ ...e, inclusionThreshold: 0 }).ok).toBe(false);
    expect(quantileSorted([0, 10], 0.05)).toBeCloseTo(0.5);
  });
});

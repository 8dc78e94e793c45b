/**
 * Each system's `suggested` settings are a promise to the student: with them, SINDy recovers
 * the true equations from clean default data. Checked end to end with the real pipeline
 * (finite differences, the library, STLSQ) — only the rational oscillator is exempt (truth null).
 */
import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { compareWithTruth } from '../../../src/core/model/metrics';
import { defaultFitSettings, fitDataset } from '../../../src/core/pipeline/fit';
import { defaultParams, systems } from '../../../src/core/systems/registry';

const withTruth = systems.filter((s) => s.truth(defaultParams(s)) !== null);

describe.each(withTruth.map((s) => [s.id, s] as const))('suggested settings for %s', (_id, sys) => {
  it('recover the true support with coefficients within 2 %', () => {
    const params = defaultParams(sys);
    const data = sampleSystem(sys, { params, x0: sys.x0, tEnd: sys.tEnd, dt: sys.dt });
    if (!data.ok) throw new Error(data.error);
    const s = defaultFitSettings();
    const { degree, fourier, bias, threshold } = sys.suggested;
    s.library = { degree, fourier, bias, custom: [] };
    s.optimizer = { method: 'stlsq', threshold, alpha: 0.05, maxIter: 20 };
    const fit = fitDataset(data.value, s);
    if (!fit.ok) throw new Error(fit.error);
    const rep = compareWithTruth(sys.stateNames, fit.value.features, fit.value.coefficients, sys.truth(params)!);
    expect(rep.notInLibrary).toEqual([]);
    expect(rep.missing).toEqual([]);
    expect(rep.extra).toEqual([]);
    expect(rep.maxRelativeError).toBeLessThan(0.02);
  });
});

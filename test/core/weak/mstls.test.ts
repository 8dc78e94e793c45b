/**
 * The "aim further": Lorenz at 10 % noise. With one fixed threshold, weak SINDy keeps a
 * spurious constant in dz/dt (the 1 column is nearly collinear with z ≈ 25) or loses −y in
 * dy/dt (its share of the balance is ~0.1) on about half of the noise draws. MSTLS (Messenger
 * & Bortz 2021) thresholds each term by its share and picks λ per equation; over a fixed set
 * of 16 noise seeds it must find exactly the seven true terms on at least 14.
 */
import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { addNoise } from '../../../src/core/data/noise';
import { compareWithTruth } from '../../../src/core/model/metrics';
import type { SparseSettings } from '../../../src/core/optimize/mstls';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import { fitWeak } from '../../../src/core/weak/fitWeak';
import { defaultWeakSettings } from '../../../src/core/weak/settings';

const sys = getSystem('lorenz')!;
const params = defaultParams(sys);
const clean = sampleSystem(sys, { params, x0: [-8, 8, 27], tEnd: 10, dt: 0.002 });
if (!clean.ok) throw new Error(clean.error);
const data = clean.value;
const truth = sys.truth(params)!;
const library = { degree: 2, bias: true, fourier: 0, custom: [] };
const SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);

/** Per seed: exact support recovered, and the largest relative coefficient error. */
function score(noise: number, optimizer: SparseSettings) {
  return SEEDS.map((seed) => {
    const ds = addNoise(data, noise, seed);
    const r = fitWeak(ds, { library, optimizer, normalize: false }, defaultWeakSettings());
    if (!r.ok) throw new Error(r.error);
    const c = compareWithTruth(ds.stateNames, r.value.features, r.value.coefficients, truth);
    return { exact: c.recovered, error: c.maxRelativeError };
  });
}

const mstls: SparseSettings = { method: 'mstls', threshold: 0, alpha: 0, maxIter: 20 };
const stlsq: SparseSettings = { method: 'stlsq', threshold: 0.5, alpha: 0.05, maxIter: 20 };

describe('weak SINDy with MSTLS', () => {
  it('recovers Lorenz at 10 % noise on at least 14 of 16 seeds, more often than STLSQ at threshold 0.5', () => {
    const auto = score(0.1, mstls);
    const fixed = score(0.1, stlsq);
    const exact = auto.filter((s) => s.exact).length;
    expect(exact).toBeGreaterThanOrEqual(14);
    expect(exact).toBeGreaterThan(fixed.filter((s) => s.exact).length);
    // when the terms are right, the coefficients are close: the hardest one, −y in dy/dt, within 20 %
    for (const s of auto.filter((q) => q.exact)) expect(s.error).toBeLessThan(0.2);
  });

  it('still recovers Lorenz at 5 % noise on every seed, every coefficient within 5 % on most', () => {
    const r = score(0.05, mstls);
    expect(r.every((s) => s.exact)).toBe(true);
    expect(r.filter((s) => s.error < 0.05).length).toBeGreaterThanOrEqual(12);
  });
});

/**
 * Right answers when library columns differ in size by many orders of magnitude: high-degree
 * libraries (1 next to z⁶ ≈ 10¹⁰ on Lorenz) and the same data in other units (×10, ×1000).
 * The fit must agree with an accurate least-squares STLSQ (every solve a QR on Θ; see
 * referenceStlsq.ts), which PySINDy agrees with on such inputs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { defaultFitSettings, fitDataset, type FitResult } from '../../../src/core/pipeline/fit';
import { derivativeLayer, regressionLayer, thetaLayer } from '../../../src/core/pipeline/layers';
import type { Dataset } from '../../../src/core/types';
import { referenceStlsq, type ReferenceFit } from './referenceStlsq';
import { fixturePath } from '../../fixtures/paths';

const CONFORMANCE_DIR = fixturePath('conformance');
const SHARED_DATA = resolve(CONFORMANCE_DIR, '../data');

function load(path: string, factor = 1): Dataset {
  const parsed = parseCsv(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  const ds = parsed.value.dataset;
  // States in other units: multiplied, time unchanged.
  for (const tr of ds.trajectories) tr.y.forEach((v, i) => { tr.y[i] = v * factor; });
  return ds;
}

const lorenz = (factor: number) => load(resolve(CONFORMANCE_DIR, 'lorenz_clean.csv'), factor);

/** The fit with PySINDy's defaults at this degree and threshold, and the reference on the same Θ, Ẏ. */
function fitBoth(ds: Dataset, degree: number, threshold: number): { fit: FitResult; ref: ReferenceFit; colNorm: Float64Array; yNorm: Float64Array } {
  const s = defaultFitSettings();
  s.library.degree = degree;
  s.optimizer = { method: 'stlsq', threshold, alpha: 0.05, maxIter: 20 };
  const fit = fitDataset(ds, s);
  if (!fit.ok) throw new Error(fit.error);
  const th = thetaLayer(ds, s.library);
  const dv = derivativeLayer(ds, s.derivative);
  if (!th.ok || !dv.ok) throw new Error('layers failed');
  const m = ds.stateNames.length;
  const reg = regressionLayer(th.value, dv.value, m);
  const { n, p } = th.value;
  const ref = referenceStlsq(th.value.theta, reg.target, n, p, m, threshold, 0.05);
  const colNorm = Float64Array.from({ length: p }, (_, a) => Math.sqrt(reg.normal.gram[a * p + a]!));
  const yNorm = Float64Array.from({ length: m }, (_, j) => {
    let s2 = 0;
    for (let i = 0; i < n; i++) s2 += reg.target[i * m + j]! ** 2;
    return Math.sqrt(s2);
  });
  return { fit: fit.value, ref, colNorm, yNorm };
}

/** Same support exactly; each term's share of the equation (|Δξ_a|·‖θ_a‖ / ‖ẏ_j‖) within tol. */
function expectAgreement(r: ReturnType<typeof fitBoth>, tol: number): void {
  const { fit, ref, colNorm, yNorm } = r;
  const p = fit.features.length;
  const terms = (c: Float64Array) => fit.stateNames.flatMap((st, j) => fit.features.filter((_, a) => c[j * p + a] !== 0).map((f) => `${st}:${f}`));
  expect(terms(fit.coefficients)).toEqual(terms(ref.coefficients));
  expect(fit.optimizer.status).toBe(ref.allPruned ? 'all_pruned' : 'ok');
  fit.stateNames.forEach((st, j) => {
    for (let a = 0; a < p; a++) {
      const share = (Math.abs(fit.coefficients[j * p + a]! - ref.coefficients[j * p + a]!) * colNorm[a]!) / yNorm[j]!;
      expect(share, `d${st}/dt, term ${fit.features[a]}`).toBeLessThan(tol);
    }
  });
}

describe('STLSQ agrees with accurate least squares when column sizes differ wildly', () => {
  it.each([
    [5, 1, 0.1], [5, 10, 0.1], [5, 1000, 0.1], [5, 10, 0.05],
    [6, 1, 0.1], [6, 10, 0.1], [6, 1000, 0.05],
  ])('Lorenz, degree %i, states ×%i, threshold %f', (degree, factor, threshold) => {
    const r = fitBoth(lorenz(factor), degree, threshold);
    expectAgreement(r, 1e-8);
  });

  it('Lorenz at degree 5 keeps the seven true terms (it used to remove every term)', () => {
    const r = fitBoth(lorenz(1), 5, 0.1);
    const p = r.fit.features.length;
    const kept = r.fit.stateNames.flatMap((st, j) => r.fit.features.filter((_, a) => r.fit.coefficients[j * p + a] !== 0).map((f) => `${st}:${f}`));
    expect(kept.sort()).toEqual(['x:x', 'x:y', 'y:x', 'y:x*z', 'y:y', 'z:x*y', 'z:z']);
    expect(r.fit.optimizer.warnings).toEqual([]);
  });

  it('Lorenz ×10 at degree 3, threshold 0.05 keeps terms in every equation (it used to zero dx/dt and dy/dt)', () => {
    const r = fitBoth(lorenz(10), 3, 0.05);
    expectAgreement(r, 1e-8);
    const p = r.fit.features.length;
    r.fit.stateNames.forEach((_, j) => expect(r.fit.coefficients.subarray(j * p, (j + 1) * p).some((v) => v !== 0)).toBe(true));
  });

  it('the real lynx–hare data at degree 4, threshold 0.01 keeps eight terms, as PySINDy does', () => {
    const r = fitBoth(load(resolve(SHARED_DATA, 'lynx_hare.csv')), 4, 0.01);
    expectAgreement(r, 1e-8);
    expect(Array.from(r.fit.coefficients).filter((v) => v !== 0)).toHaveLength(8);
  });
});

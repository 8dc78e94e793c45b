import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { derivativeLayer, problemOf, regressionLayer, thetaLayer } from '../../../src/core/pipeline/layers';
import { keptTerms, relativeResidual, sweep, sweepPoint, sweepValues } from '../../../src/core/pipeline/sweep';
import { optimizeSparse } from '../../../src/core/optimize/mstls';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import type { OptimizerSettings } from '../../../src/core/optimize/registry';

function lorenzProblem() {
  const sys = getSystem('lorenz')!;
  const ds = sampleSystem(sys, { params: defaultParams(sys), x0: sys.x0, tEnd: 5, dt: 0.005 });
  if (!ds.ok) throw new Error(ds.error);
  const d = derivativeLayer(ds.value, { method: 'fd' });
  const t = thetaLayer(ds.value, { degree: 2, bias: true, fourier: 0, custom: [] });
  if (!d.ok || !t.ok) throw new Error('layers');
  return problemOf(regressionLayer(t.value, d.value, 3), false);
}

describe('threshold sweep (Pareto front)', () => {
  const problem = lorenzProblem();
  const stlsq: OptimizerSettings = { method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 };

  it('spans the coefficient magnitudes, log-spaced and increasing, each value with three significant digits', () => {
    const v = sweepValues(problem, stlsq, 12);
    expect(v).toHaveLength(12);
    const ratio = (v[v.length - 1]! / v[0]!) ** (1 / (v.length - 1));
    // Rounded to three digits (as the controls write a value), so each step is the ratio within 1 %.
    for (let k = 1; k < v.length; k++) expect(Math.abs(v[k]! / v[k - 1]! / ratio - 1)).toBeLessThan(0.01);
    for (const x of v) expect(Number(x.toPrecision(3))).toBe(x);
    expect(v[v.length - 1]!).toBeGreaterThan(28); // above ρ = 28, the largest true coefficient
  });

  it('a sweep point is the fit at its value: the same kept terms and error as a refit there', () => {
    const values = sweepValues(problem, stlsq, 24);
    const pts = sweep(problem, stlsq, values);
    for (const pt of pts) {
      const coef = optimizeSparse(problem, { ...stlsq, threshold: pt.value }).coefficients;
      expect(sweepPoint(problem, pt.value, coef)).toEqual(pt);
      expect(keptTerms(coef)).toBe(pt.nTerms);
    }
  });

  it('fewer terms as the threshold grows, and the true 7-term model on the front with a tiny error', () => {
    const pts = sweep(problem, stlsq, sweepValues(problem, stlsq, 24));
    for (let k = 1; k < pts.length; k++) expect(pts[k]!.nTerms).toBeLessThanOrEqual(pts[k - 1]!.nTerms);
    const seven = pts.find((p) => p.nTerms === 7);
    expect(seven?.error).toBeLessThan(1e-5);
    expect(pts[pts.length - 1]!.nTerms).toBe(0);
  });

  it('the residual of zero coefficients is 1 (nothing explained)', () => {
    expect(relativeResidual(problem, new Float64Array(problem.m * problem.p))).toBeCloseTo(1, 1);
  });

  it('sweeps α for LASSO and can be cancelled', () => {
    const lasso: OptimizerSettings = { method: 'lasso', alpha: 0.05, maxIter: 500, tol: 1e-6, unbias: true };
    const v = sweepValues(problem, lasso, 6);
    let calls = 0;
    const pts = sweep(problem, lasso, v, () => ++calls > 3);
    expect(pts).toHaveLength(3);
  });
});

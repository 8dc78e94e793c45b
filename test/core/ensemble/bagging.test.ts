import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { addNoise } from '../../../src/core/data/noise';
import { createRng } from '../../../src/core/data/rng';
import {
  baggingWorkspace, bootstrapCounts, bootstrapRows, keptColumns, subProblem, weightedSubProblem,
} from '../../../src/core/ensemble/bagging';
import { optimizeSparse, type SparseSettings } from '../../../src/core/optimize/mstls';
import { derivativeLayer, regressionLayer, thetaLayer, type RegressionLayer } from '../../../src/core/pipeline/layers';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';

const sys = getSystem('lorenz')!;
const clean = sampleSystem(sys, { params: defaultParams(sys), x0: [-8, 8, 27], tEnd: 4, dt: 0.005 });
if (!clean.ok) throw new Error(clean.error);
const ds = addNoise(clean.value, 0.02, 5);

function layer(rowMajorOnly: boolean): RegressionLayer {
  const th = thetaLayer(ds, { degree: 2, bias: true, fourier: 0, custom: [] });
  const d = derivativeLayer(ds, { method: 'fd' });
  if (!th.ok || !d.ok) throw new Error('layer failed');
  // A layer built elsewhere (e.g. the weak form) may carry Θ row-major only.
  return regressionLayer(rowMajorOnly ? { ...th.value, theta: th.value.theta, columns: undefined } : th.value, d.value, 3);
}

const relClose = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  let scale = 0;
  for (let k = 0; k < b.length; k++) scale = Math.max(scale, Math.abs(b[k]!));
  for (let k = 0; k < b.length; k++) expect(Math.abs(a[k]! - b[k]!)).toBeLessThanOrEqual(tol * scale);
};

describe('bootstrap multiplicities', () => {
  it('bootstrapCounts draws the rows bootstrapRows draws, from the same numbers of the stream', () => {
    const a = createRng(11, 7);
    const b = createRng(11, 7);
    const rows = bootstrapRows(a, 500, 430);
    const counts = bootstrapCounts(b, 500, 430);
    const want = new Int32Array(500);
    for (const r of rows) want[r]!++;
    expect(Array.from(counts)).toEqual(Array.from(want));
    expect(a()).toBe(b()); // both streams are at the same position
  });
});

describe('weightedSubProblem', () => {
  const settings: SparseSettings[] = [
    { method: 'stlsq', threshold: 0.5, alpha: 0.05, maxIter: 20 },
    { method: 'lasso', alpha: 0.05, maxIter: 1000, tol: 1e-10, unbias: true },
    { method: 'mstls', threshold: 0, alpha: 0, maxIter: 20 },
  ];

  it.each([false, true])('is the row-copy problem: same normal equations and fits, in fewer rows (row-major layer: %s)', (rowMajorOnly) => {
    const reg = layer(rowMajorOnly);
    const { n, p } = reg.theta;
    const work = baggingWorkspace(n, p, reg.m);
    for (const [seed, drop] of [[1, 0], [2, 3]] as const) {
      const rng = createRng(seed, 7);
      const rows = bootstrapRows(rng, n, n - 17);
      const cols = keptColumns(rng, p, drop);
      const counts = new Int32Array(n);
      for (const r of rows) counts[r]!++;
      for (const normalize of [false, true]) {
        const copy = subProblem(reg, rows, cols, normalize);
        const weighted = weightedSubProblem(reg, counts, cols, normalize, work);
        expect(weighted.n).toBe(counts.filter((c) => c > 0).length);
        expect(weighted.n).toBeLessThan(0.7 * n);
        expect(weighted.samples).toBe(n - 17);
        relClose(weighted.gram, copy.gram, 1e-13);
        relClose(weighted.cross, copy.cross, 1e-13);
        for (const s of settings) {
          const a = optimizeSparse(copy, s);
          const b = optimizeSparse(weighted, s);
          expect(b.status).toBe(a.status);
          relClose(b.coefficients, a.coefficients, 1e-9);
          expect(Array.from(b.coefficients, (v) => v !== 0)).toEqual(Array.from(a.coefficients, (v) => v !== 0));
        }
      }
    }
  });

  it('stores each distinct row once, scaled by √multiplicity, in increasing order', () => {
    const reg = layer(false);
    const { n, p } = reg.theta;
    const counts = new Int32Array(n);
    counts[3] = 4; counts[10] = 1;
    for (let i = 20; i < 40; i++) counts[i] = 1;
    const cols = Int32Array.from({ length: p }, (_, a) => a);
    const prob = weightedSubProblem(reg, counts, cols, false);
    expect(prob.n).toBe(22);
    expect(prob.theta[0 * p + 1]).toBeCloseTo(2 * reg.theta.theta[3 * p + 1]!, 12);
    expect(prob.target[2]).toBeCloseTo(2 * reg.target[3 * 3 + 2]!, 12);
    expect(prob.theta[1 * p + 4]).toBe(reg.theta.theta[10 * p + 4]);
  });
});

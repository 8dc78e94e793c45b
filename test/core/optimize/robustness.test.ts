/**
 * Every optimizer on inputs whose library columns differ in size by many orders of magnitude
 * (Lorenz at degree 5–6, in its own units and ×10, ×1000) returns a model or a clear status,
 * never an exception; answers that do not depend on units stay the same when the units change;
 * SR3 starts where PySINDy does; numerically dependent terms are said, not silently zeroed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { leastSquaresQR } from '../../../src/core/linalg/leastSquares';
import { optimizeSparse, type SparseSettings } from '../../../src/core/optimize/mstls';
import { makeProblem, normalEquations } from '../../../src/core/optimize/problem';
import { optimizerDefaults } from '../../../src/core/optimize/registry';
import { sr3 } from '../../../src/core/optimize/sr3';
import { stlsq } from '../../../src/core/optimize/stlsq';
import { derivativeLayer, problemOf, regressionLayer, thetaLayer, type RegressionLayer } from '../../../src/core/pipeline/layers';
import { lcg } from './helpers';
import { fixturePath } from '../../fixtures/paths';

const CONFORMANCE_DIR = fixturePath('conformance');
const csv = readFileSync(resolve(CONFORMANCE_DIR, 'lorenz_clean.csv'), 'utf8');

/** Lorenz's regression layer at this degree with the states multiplied by `factor` (time unchanged). */
function lorenzLayer(degree: number, factor: number): RegressionLayer {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new Error(parsed.error);
  const ds = parsed.value.dataset;
  for (const tr of ds.trajectories) tr.y.forEach((v, i) => { tr.y[i] = v * factor; });
  const th = thetaLayer(ds, { degree, bias: true, fourier: 0, custom: [] });
  const dv = derivativeLayer(ds, { method: 'fd' });
  if (!th.ok || !dv.ok) throw new Error('layers failed');
  return regressionLayer(th.value, dv.value, 3);
}

const OPTIMIZERS: [string, SparseSettings][] = [
  ['STLSQ', optimizerDefaults.stlsq],
  ['SR3-L0', optimizerDefaults.sr3],
  ['SR3-L1', { ...optimizerDefaults.sr3, regularizer: 'l1' }],
  ['LASSO', optimizerDefaults.lasso],
  ['MSTLS', { method: 'mstls', threshold: 0, alpha: 0, maxIter: 20 }],
];

describe.each([[5, 1], [5, 1000], [6, 10]])('Lorenz at degree %i, states ×%i', (degree, factor) => {
  const reg = lorenzLayer(degree, factor);
  it.each(OPTIMIZERS)('%s returns a model or a clear status', (_name, s) => {
    const r = optimizeSparse(problemOf(reg, false), s, ['x', 'y', 'z']);
    expect(['ok', 'all_pruned', 'not_converged']).toContain(r.status);
    expect(Array.from(r.coefficients).every(Number.isFinite)).toBe(true);
    if (r.status === 'ok') expect(r.message).toBeNull();
    else expect(r.message).toMatch(/\w/);
    if (r.status !== 'all_pruned') expect(Array.from(r.coefficients).some((c) => c !== 0)).toBe(true);
  });
});

describe('answers that do not depend on units stay the same when the units change', () => {
  const one = lorenzLayer(5, 1);
  const big = lorenzLayer(5, 1000);
  const p = one.theta.p;
  const kept = (c: Float64Array) => Array.from(c, (v) => v !== 0);

  it('STLSQ on normalised columns: states ×1000 with a threshold ×1000 keeps the same terms', () => {
    // Unit-norm columns are the same for both; only Ẏ (and so every coefficient, ridge or not) is ×1000.
    const a = stlsq(problemOf(one, true), { ...optimizerDefaults.stlsq, threshold: 0.5, alpha: 0.05 });
    const b = stlsq(problemOf(big, true), { ...optimizerDefaults.stlsq, threshold: 500, alpha: 0.05 });
    expect(kept(b.coefficients)).toEqual(kept(a.coefficients));
    // Term a of degree d: ξ' = ξ·1000^(1−d); compared as a share of the equation, |Δξ_a|·‖θ_a‖/‖ẏ_j‖.
    const degreeOf = one.theta.library.names.map((nm) => (nm === '1' ? 0 : nm.split('*').reduce((s, f) => s + Number(f.split('^')[1] ?? 1), 0)));
    const n = one.theta.n;
    for (let j = 0; j < 3; j++) {
      let yy = 0;
      for (let i = 0; i < n; i++) yy += one.target[i * 3 + j]! ** 2;
      for (let a2 = 0; a2 < p; a2++) {
        const expected = a.coefficients[j * p + a2]! * 1000 ** (1 - degreeOf[a2]!);
        const got = b.coefficients[j * p + a2]!;
        const share = (Math.abs(got - expected) * 1000 ** -(1 - degreeOf[a2]!) * Math.sqrt(one.normal.gram[a2 * p + a2]!)) / Math.sqrt(yy);
        expect(share, `d${'xyz'[j]}/dt, ${one.theta.library.names[a2]}`).toBeLessThan(1e-6);
      }
    }
  });

  it('MSTLS (scale-free thresholds) keeps the same terms for states ×1 and ×1000', () => {
    const s: SparseSettings = { method: 'mstls', threshold: 0, alpha: 0, maxIter: 20 };
    const a = optimizeSparse(problemOf(one, false), s);
    const b = optimizeSparse(problemOf(big, false), s);
    expect(kept(b.coefficients)).toEqual(kept(a.coefficients));
    expect(a.coefficients.filter((v) => v !== 0)).toHaveLength(7);
  });
});

describe('SR3 starts from the least-squares fit (PySINDy’s initial guess)', () => {
  it('with a threshold below every coefficient, its first relaxed step is the least-squares fit itself', () => {
    // From w = 0 the first step would be (ΘᵀΘ + I/ν)⁻¹Θᵀẏ, shrunk towards 0 by the 1/ν ridge.
    const rnd = lcg(5);
    const n = 60, p = 4;
    const theta = Float64Array.from({ length: n * p }, () => rnd() - 0.5);
    const y = Float64Array.from({ length: n }, (_, i) => 2 * theta[i * p]! - theta[i * p + 2]! + 0.3 * (rnd() - 0.5));
    const prob = makeProblem(theta, y, n, p, 1, normalEquations(theta, y, n, p, 1), false);
    const ls = leastSquaresQR(theta, n, p, [0, 1, 2, 3], y, 1, 0)!;
    const r = sr3(prob, { ...optimizerDefaults.sr3, threshold: 1e-6, nu: 1, unbias: false });
    const first = r.history[0]!;
    ls.forEach((v, a) => expect(Math.abs(first[a]! - v)).toBeLessThan(1e-10 * Math.max(1, Math.abs(v))));
  });

  it('an invalid ν is a status with advice, not an exception', () => {
    const prob = makeProblem(Float64Array.from([1, 0, 0, 1]), Float64Array.from([1, 2]), 2, 2, 1, normalEquations(Float64Array.from([1, 0, 0, 1]), Float64Array.from([1, 2]), 2, 2, 1), false);
    const r = sr3(prob, { ...optimizerDefaults.sr3, nu: 0 });
    expect(r.status).toBe('not_converged');
    expect(r.message).toMatch(/ν = 0 is out of range/);
  });
});

describe('numerically dependent library terms are said, never silently zeroed', () => {
  it('a column repeated (times 1e6) gets a warning naming the equation, and the fit still explains the data', () => {
    const rnd = lcg(9);
    const n = 200, p = 3;
    const theta = new Float64Array(n * p);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = rnd() - 0.5, v = rnd() - 0.5;
      theta[i * p] = u; theta[i * p + 1] = v; theta[i * p + 2] = 1e6 * u;
      y[i] = 3 * u - 2 * v;
    }
    const prob = makeProblem(theta, y, n, p, 1, normalEquations(theta, y, n, p, 1), false);
    const r = stlsq(prob, { ...optimizerDefaults.stlsq, threshold: 1e-9, alpha: 0 }, ['q']);
    expect(r.warnings.join(' ')).toMatch(/dq\/dt/);
    // The model reproduces ẏ: 3u − 2v in whatever split between u and its copy.
    const c = r.coefficients;
    expect(Math.abs(c[0]! + 1e6 * c[2]! - 3)).toBeLessThan(1e-6);
    expect(Math.abs(c[1]! + 2)).toBeLessThan(1e-6);
  });
});

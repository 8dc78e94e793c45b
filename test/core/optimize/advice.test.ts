/**
 * All-pruned advice must work when typed back: the value in the message is the suggested value,
 * it is rounded down (never up: 27.995 must not become 28), and running the optimizer at it
 * gives a different outcome (issue 12 #4: "Use 0.0066" used to give the same failure).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { roundDown } from '../../../src/core/optimize/advice';
import { optimizeSparse, type SparseSettings } from '../../../src/core/optimize/mstls';
import { makeProblem, normalEquations, type RegressionProblem } from '../../../src/core/optimize/problem';
import { optimizerDefaults } from '../../../src/core/optimize/registry';
import { derivativeLayer, problemOf, regressionLayer, thetaLayer } from '../../../src/core/pipeline/layers';
import { lcg } from './helpers';
import { fixturePath } from '../../fixtures/paths';

const CONFORMANCE_DIR = fixturePath('conformance');

function problemFromCsv(path: string, degree: number): () => RegressionProblem {
  const parsed = parseCsv(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  const ds = parsed.value.dataset;
  const th = thetaLayer(ds, { degree, bias: true, fourier: 0, custom: [] });
  const dv = derivativeLayer(ds, { method: 'fd' });
  if (!th.ok || !dv.ok) throw new Error('layers failed');
  const reg = regressionLayer(th.value, dv.value, ds.stateNames.length);
  return () => problemOf(reg, false);
}

/** The number the message tells the user to type ("Lower it to 27.9 or less"). */
function advised(message: string | null): number {
  const m = /Lower (?:it|α) to (\S+) or less/.exec(message ?? '');
  if (!m) throw new Error(`no typed-back value in: ${message}`);
  return Number(m[1]);
}

describe('roundDown', () => {
  it('never rounds up, keeps three significant digits, and loses less than one unit of the third', () => {
    const rnd = lcg(11);
    for (let k = 0; k < 2000; k++) {
      const x = 10 ** (12 * rnd() - 8) * (1 + rnd());
      const y = roundDown(x);
      expect(y).toBeLessThanOrEqual(x);
      expect(y).toBeGreaterThan(x * (1 - 1e-2) - Number.MIN_VALUE);
      expect(Number(y.toPrecision(3))).toBe(y);
    }
    expect(roundDown(27.995)).toBe(27.9);
    expect(roundDown(0.00734)).toBe(0.00734);
  });
});

describe('all-pruned advice can be typed back', () => {
  it('a largest first-pass coefficient of 27.995 gives 27.9 (not 28, which would prune it too)', () => {
    // Two orthogonal columns: the first pass is exactly (27.995, 3) with α = 0.
    const n = 4;
    const theta = Float64Array.from([1, 1, 1, -1, 1, 1, 1, -1]);
    const y = Float64Array.from({ length: n }, (_, i) => 27.995 + 3 * theta[i * 2 + 1]!);
    const prob = makeProblem(theta, y, n, 2, 1, normalEquations(theta, y, n, 2, 1), false);
    const s: SparseSettings = { method: 'stlsq', threshold: 30, alpha: 0, maxIter: 20 };
    const r = optimizeSparse(prob, s);
    expect(r.status).toBe('all_pruned');
    expect(r.suggested).toBe(27.9);
    expect(advised(r.message)).toBe(27.9);
    expect(optimizeSparse(prob, { ...s, threshold: 28 }).status).toBe('all_pruned');
    expect(optimizeSparse(prob, { ...s, threshold: advised(r.message) }).status).toBe('ok');
  });

  const lorenz5 = problemFromCsv(resolve(CONFORMANCE_DIR, 'lorenz_clean.csv'), 5);
  const lynx4 = problemFromCsv(resolve(CONFORMANCE_DIR, '../data/lynx_hare.csv'), 4);
  // α far above α_max = max|Θᵀẏ|/n (beyond the UI's range; the optimizer is called directly).
  const cases: [string, () => RegressionProblem, SparseSettings][] = [
    ['Lorenz, degree 5, STLSQ', lorenz5, { ...optimizerDefaults.stlsq, threshold: 100 }],
    ['Lorenz, degree 5, SR3-L0', lorenz5, { ...optimizerDefaults.sr3, threshold: 100 }],
    ['Lorenz, degree 5, SR3-L1', lorenz5, { ...optimizerDefaults.sr3, threshold: 100, regularizer: 'l1' }],
    ['Lorenz, degree 5, LASSO', lorenz5, { ...optimizerDefaults.lasso, alpha: 1e15 }],
    ['lynx–hare, degree 4, STLSQ', lynx4, { ...optimizerDefaults.stlsq, threshold: 1000 }],
    ['lynx–hare, degree 4, SR3-L0', lynx4, { ...optimizerDefaults.sr3, threshold: 1000 }],
    ['lynx–hare, degree 4, LASSO', lynx4, { ...optimizerDefaults.lasso, alpha: 1e12 }],
  ];
  it.each(cases)('%s: the advised value is the suggested one and keeps terms', (_name, problem, s) => {
    const r = optimizeSparse(problem(), s);
    expect(r.status).toBe('all_pruned');
    const value = advised(r.message);
    expect(value).toBe(r.suggested);
    const retry = s.method === 'lasso' ? { ...s, alpha: value } : { ...s, threshold: value };
    const again = optimizeSparse(problem(), retry);
    expect(again.status).not.toBe('all_pruned');
    expect(Array.from(again.coefficients).some((c) => c !== 0)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { lambdaGrid, mstls, mstlsDefaults, optimizeSparse, validateSparse, type MstlsSettings } from '../../../src/core/optimize/mstls';
import { makeProblem, normalEquations, type RegressionProblem } from '../../../src/core/optimize/problem';
import { optimize, optimizerDefaults } from '../../../src/core/optimize/registry';
import { sparseProblem } from './helpers';

const TRUE = [
  [0, 1.5, 0, 0, -2, 0, 0, 0],
  [0, 0, 0, 3, 0, 0, 0.5, 0],
];
const auto: MstlsSettings = { method: 'mstls', threshold: 0, alpha: 0, maxIter: 20 };

const supportOf = (c: Float64Array) => Array.from(c, (v) => (v !== 0 ? 1 : 0));

/** The same problem with column `col` multiplied by `f` (its true coefficient divides by f). */
function scaleColumn(prob: RegressionProblem, col: number, f: number): RegressionProblem {
  const { n, p, m } = prob;
  const theta = Float64Array.from(prob.theta);
  for (let i = 0; i < n; i++) theta[i * p + col] = theta[i * p + col]! * f;
  return makeProblem(theta, prob.target, n, p, m, normalEquations(theta, prob.target, n, p, m), false);
}

describe('MSTLS', () => {
  it('recovers a sparse model with no threshold given, choosing λ per equation', () => {
    const prob = sparseProblem(400, 8, TRUE, 0.05, 3);
    const r = mstls(prob, auto);
    expect(r.status).toBe('ok');
    TRUE.flat().forEach((t, c) => {
      expect(r.coefficients[c] !== 0, `coefficient ${c}`).toBe(t !== 0);
      expect(Math.abs(r.coefficients[c]! - t)).toBeLessThan(0.02);
    });
    expect(r.lambdas).toHaveLength(mstlsDefaults.gridSize);
    for (const e of r.equations) {
      // the chosen point is the first minimiser of the loss over the grid
      const losses = e.curve.map((q) => q.loss);
      expect(e.chosen.loss).toBe(Math.min(...losses));
      expect(e.chosen.lambda).toBe(e.curve[losses.indexOf(e.chosen.loss)]!.lambda);
    }
  });

  it('keeps the same terms whatever the units of a column (STLSQ at a fixed threshold does not)', () => {
    const prob = sparseProblem(400, 8, TRUE, 0.05, 4);
    const big = scaleColumn(prob, 6, 1000); // ξ = 0.5 becomes 5e-4
    const a = mstls(prob, auto);
    const b = mstls(big, auto);
    expect(supportOf(b.coefficients)).toEqual(supportOf(a.coefficients));
    expect(b.coefficients[8 + 6]! * 1000).toBeCloseTo(a.coefficients[8 + 6]!, 6);
    const stlsq = { ...optimizerDefaults.stlsq, threshold: 0.2 };
    expect(supportOf(optimize(big, stlsq).coefficients)).not.toEqual(supportOf(optimize(prob, stlsq).coefficients));
  });

  it('with a fixed λ thresholds each term by its share |ξ_a|·‖Θ_a‖/‖ẏ‖', () => {
    const prob = sparseProblem(400, 8, TRUE, 0.05, 5);
    // shares here are about |ξ_a|/‖ξ‖: 0.6 and 0.8 in equation 1, 0.99 and 0.16 in equation 2
    const r = mstls(prob, { ...auto, threshold: 0.3 });
    expect(r.lambdas).toEqual([0.3]);
    expect(supportOf(r.coefficients)).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    const none = mstls(prob, { ...auto, threshold: 0.999 });
    expect(none.status).toBe('all_pruned');
    expect(none.message).toMatch(/Lower it, or use 0/);
  });

  it('dispatches registry optimizers unchanged and validates its own settings', () => {
    const prob = sparseProblem(200, 8, TRUE, 0.01, 6);
    const s = { ...optimizerDefaults.stlsq, threshold: 0.2 };
    expect(Array.from(optimizeSparse(prob, s).coefficients)).toEqual(Array.from(optimize(prob, s).coefficients));
    expect(validateSparse(auto).ok).toBe(true);
    expect(validateSparse({ ...auto, threshold: 1 }).ok).toBe(false);
    expect(validateSparse({ ...auto, threshold: -0.1 }).ok).toBe(false);
    expect(validateSparse({ ...auto, gridSize: 0 }).ok).toBe(false);
    expect(validateSparse({ ...auto, lambdaMin: 2 }).ok).toBe(false);
    expect(validateSparse({ ...s, threshold: -1 }).ok).toBe(false);
    const g = lambdaGrid(4, 1e-4);
    expect(g[0]).toBeCloseTo(1e-4);
    expect(g[3]).toBeCloseTo(0.1);
  });
});

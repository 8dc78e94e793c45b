/**
 * Simulate a recovered model ẏ = Ξ Θ(y)ᵀ from each trajectory's first sample, at that
 * trajectory's own sample times, so the simulation can be laid over the data.
 */
import { integrate, type IntegrateOptions, type IntegrationResult } from '../integrate/integrate';
import type { Library } from '../library/library';
import type { Dataset, Rhs } from '../types';

/** An allocation-free right-hand side for coefficients coef: m × p row-major. */
export function modelRhs(lib: Library, coef: Float64Array): Rhs {
  const p = lib.nFeatures;
  const m = lib.nStates;
  const row = new Float64Array(p);
  // Only the nonzero coefficients matter: keep their (state, feature) pairs.
  const idx: number[] = [];
  for (let k = 0; k < m * p; k++) if (coef[k] !== 0) idx.push(k);
  const nz = Int32Array.from(idx);
  return (_t, y, dy) => {
    lib.evaluateRow(y, row);
    dy.fill(0, 0, m);
    for (let q = 0; q < nz.length; q++) {
      const k = nz[q]!;
      const j = (k / p) | 0;
      dy[j]! += coef[k]! * row[k - j * p]!;
    }
  };
}

export function simulateModel(
  lib: Library, coef: Float64Array, ds: Dataset, opts: IntegrateOptions = {},
): IntegrationResult[] {
  return simulateRhs(modelRhs(lib, coef), ds, opts);
}

/** Simulate any right-hand side from each trajectory's first sample at its own times (dopri5). */
export function simulateRhs(rhs: Rhs, ds: Dataset, opts: IntegrateOptions = {}): IntegrationResult[] {
  const m = ds.stateNames.length;
  return ds.trajectories.map((tr) => {
    const y0 = tr.y.subarray(0, m);
    return integrate(rhs, y0, tr.t, { method: 'dopri5', rtol: 1e-7, atol: 1e-9, maxSteps: 200_000, ...opts });
  });
}

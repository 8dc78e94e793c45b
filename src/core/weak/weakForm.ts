/**
 * The weak-form linear system of WSINDy (Messenger & Bortz, J. Comput. Phys. 2021, eq. (7);
 * Reinbold, Gurevich & Grigoriev, Phys. Rev. E 2020). Multiply ẏ_j = Θ(y) ξ_j by a test
 * function φ_k that vanishes at both ends of its support and integrate by parts:
 *     −∫ φ_k′(t) y_j(t) dt  =  Σ_a (∫ φ_k(t) Θ_a(y(t)) dt) ξ_ja
 *            b_kj                         G_ka
 * No derivative of the (noisy) data is ever taken: the derivative falls on the smooth,
 * known φ_k, and the integrals average the noise out.
 *
 * Cost: Θ is evaluated once on all samples (n × p); each test function then adds a weighted
 * sum over its L support samples, so assembly is O(K · L · (p + m)).
 */
import type { Dataset } from '../types';
import { weightedTestFunction, type TestFunction } from './testFunctions';

export interface WeakSystem {
  /** G: K × p row-major, G_ka = ∫ φ_k Θ_a dt */
  g: Float64Array;
  /** b: K × m row-major, b_kj = −∫ φ_k′ y_j dt */
  b: Float64Array;
  k: number;
}

/** First row of each trajectory in the stacked Θ (n × p, trajectories one after another). */
export function trajectoryOffsets(ds: Dataset): number[] {
  const off: number[] = [];
  let row = 0;
  for (const tr of ds.trajectories) { off.push(row); row += tr.t.length; }
  return off;
}

/**
 * Assemble G and b. theta: the stacked library matrix n × p (row-major) of all trajectories,
 * as built by thetaLayer; fns: the test functions; order: p of φ.
 */
export function assembleWeakSystem(ds: Dataset, theta: Float64Array, p: number, fns: readonly TestFunction[], order: number): WeakSystem {
  const m = ds.stateNames.length;
  const k = fns.length;
  const g = new Float64Array(k * p);
  const b = new Float64Array(k * m);
  const offsets = trajectoryOffsets(ds);
  let maxLen = 0;
  for (const f of fns) maxLen = Math.max(maxLen, f.i1 - f.i0 + 1);
  const v = new Float64Array(maxLen);
  const dv = new Float64Array(maxLen);
  for (let q = 0; q < k; q++) {
    const f = fns[q]!;
    const tr = ds.trajectories[f.traj]!;
    weightedTestFunction(tr.t, f, order, v, dv);
    const row0 = offsets[f.traj]!;
    const gq = q * p;
    const bq = q * m;
    for (let i = f.i0; i <= f.i1; i++) {
      const wi = v[i - f.i0]!;
      const di = dv[i - f.i0]!;
      const tb = (row0 + i) * p;
      for (let a = 0; a < p; a++) g[gq + a]! += wi * theta[tb + a]!;
      const yb = i * m;
      for (let j = 0; j < m; j++) b[bq + j]! -= di * tr.y[yb + j]!;
    }
  }
  return { g, b, k };
}

/**
 * Resampled regression problems for E-SINDy (Fasel, Kutz, Brunton & Brunton, Proc. R. Soc. A
 * 2022, §2): bootstrap aggregating over rows (bagging; Breiman 1996) and, optionally, over
 * library terms (library bagging). Each model forms its own normal equations on its rows,
 * n_sub · p² multiply-adds, so N models cost N times one normal-equations pass.
 */
import type { Rng } from '../data/rng';
import { makeProblem, normalEquations, type RegressionProblem } from '../optimize/problem';
import type { RegressionLayer } from '../pipeline/layers';

/** nSub row indices drawn uniformly with replacement from 0 … n − 1. */
export function bootstrapRows(rng: Rng, n: number, nSub: number): Int32Array {
  const rows = new Int32Array(nSub);
  for (let i = 0; i < nSub; i++) rows[i] = Math.min(n - 1, Math.floor(rng() * n));
  return rows;
}

/**
 * The columns a model keeps: all of 0 … p − 1 except nDrop drawn without replacement
 * (partial Fisher–Yates shuffle). Returned in increasing order.
 */
export function keptColumns(rng: Rng, p: number, nDrop: number): Int32Array {
  const idx = Int32Array.from({ length: p }, (_, a) => a);
  for (let k = 0; k < nDrop; k++) {
    const r = k + Math.min(p - k - 1, Math.floor(rng() * (p - k)));
    const tmp = idx[k]!;
    idx[k] = idx[r]!;
    idx[r] = tmp;
  }
  return idx.subarray(nDrop).sort();
}

/**
 * The regression problem on rows `rows` and columns `cols` of a layer's Θ (n × p) and Ẏ
 * (n × m): Θ_sub is nSub × |cols|, Ẏ_sub is nSub × m (both row-major copies).
 */
export function subProblem(reg: RegressionLayer, rows: Int32Array, cols: Int32Array, normalize: boolean): RegressionProblem {
  const { p } = reg.theta;
  const { m } = reg;
  const theta = reg.theta.theta;
  const nSub = rows.length;
  const q = cols.length;
  const ts = new Float64Array(nSub * q);
  const ys = new Float64Array(nSub * m);
  for (let i = 0; i < nSub; i++) {
    const r = rows[i]!;
    const src = r * p;
    const dst = i * q;
    for (let c = 0; c < q; c++) ts[dst + c] = theta[src + cols[c]!]!;
    for (let j = 0; j < m; j++) ys[i * m + j] = reg.target[r * m + j]!;
  }
  return makeProblem(ts, ys, nSub, q, m, normalEquations(ts, ys, nSub, q, m), normalize);
}

/**
 * Scatter a sub-model's coefficients (m × q on columns cols) into a row of the ensemble's
 * sample array (m × p); dropped terms get NaN ("not in this model's library").
 */
export function scatterCoefficients(sub: Float64Array, cols: Int32Array, m: number, p: number, out: Float64Array): void {
  out.fill(NaN);
  const q = cols.length;
  for (let j = 0; j < m; j++) for (let c = 0; c < q; c++) out[j * p + cols[c]!] = sub[j * q + c]!;
}

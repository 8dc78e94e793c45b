/**
 * Resampled regression problems for E-SINDy (Fasel, Kutz, Brunton & Brunton, Proc. R. Soc. A
 * 2022, §2): bootstrap aggregating over rows (bagging; Breiman 1996) and, optionally, over
 * library terms (library bagging).
 *
 * A bootstrap resample draws nSub rows with replacement; row i comes w_i times. Its normal
 * equations are Σ_i w_i θ_i θ_iᵀ and Σ_i w_i θ_i ẏ_iᵀ, i.e. those of the distinct rows scaled
 * by √w_i — and every least-squares refit on those scaled rows is the weighted problem, the
 * same as on the row copies. About 1 − 1/e ≈ 63 % of the rows are distinct, so a model costs
 * 0.63 · n · p² / 2 multiply-adds on rows copied once (contiguously), instead of copying all
 * nSub rows and transposing them.
 */
import type { Rng } from '../data/rng';
import { makeProblem, normalEquations, normalEquationsOfRows, type RegressionProblem } from '../optimize/problem';
import type { RegressionLayer } from '../pipeline/layers';

/** nSub row indices drawn uniformly with replacement from 0 … n − 1. */
export function bootstrapRows(rng: Rng, n: number, nSub: number): Int32Array {
  const rows = new Int32Array(nSub);
  for (let i = 0; i < nSub; i++) rows[i] = Math.min(n - 1, Math.floor(rng() * n));
  return rows;
}

/**
 * The same draw as bootstrapRows (the same numbers taken from rng, in the same order) as
 * multiplicities: counts[i] = how many times row i was drawn; Σ counts = nSub.
 */
export function bootstrapCounts(rng: Rng, n: number, nSub: number): Int32Array {
  const counts = new Int32Array(n);
  for (let i = 0; i < nSub; i++) {
    const r = (rng() * n) | 0; // Math.floor for 0 ≤ rng()·n < n < 2³¹, in integer arithmetic
    counts[r < n ? r : n - 1]!++;
  }
  return counts;
}

/**
 * The regression problem of the resample with multiplicities `counts` (length n) on columns
 * `cols`: the distinct rows (counts > 0, in increasing order) scaled by √count, row-major, as
 * subProblem stores its row copies. Its normal equations and least-squares solutions equal
 * those of subProblem on the rows drawn, up to rounding; `samples` is nSub = Σ counts. With
 * `work`, Θ and Ẏ are views into it: the problem is valid until the workspace is used again.
 */
export function weightedSubProblem(
  reg: RegressionLayer, counts: Int32Array, cols: Int32Array, normalize: boolean, work?: BaggingWorkspace,
): RegressionProblem {
  const { n, p, theta } = reg.theta;
  const { m, target } = reg;
  const q = cols.length;
  let nd = 0;
  let samples = 0;
  for (let i = 0; i < n; i++) if (counts[i]! > 0) { nd++; samples += counts[i]!; }
  const fits = work !== undefined && work.theta.length >= nd * q && work.target.length >= nd * m;
  const ts = fits ? work.theta.subarray(0, nd * q) : new Float64Array(nd * q);
  const ys = fits ? work.target.subarray(0, nd * m) : new Float64Array(nd * m);
  copyRows(theta, p, target, m, counts, cols, ts, ys);
  return makeProblem(ts, ys, nd, q, m, normalEquationsOfRows(ts, ys, nd, q, m), normalize, samples);
}

/**
 * Row k of ts (n_d × q) and ys (n_d × m) = √counts[i] · row i of Θ (on cols) and of Ẏ, for the
 * rows i with counts[i] > 0 in increasing order. A function of its own: the loop is compiled
 * on the fly (OSR) and nothing after it lacks type feedback.
 */
function copyRows(
  theta: Float64Array, p: number, target: Float64Array, m: number, counts: Int32Array, cols: Int32Array,
  ts: Float64Array, ys: Float64Array,
): void {
  const q = cols.length;
  const all = q === p; // no library bagging: whole rows
  for (let i = 0, k = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c === 0) continue;
    const w = Math.sqrt(c);
    const src = i * p;
    const dst = k * q;
    if (all) for (let a = 0; a < q; a++) ts[dst + a] = w * theta[src + a]!;
    else for (let a = 0; a < q; a++) ts[dst + a] = w * theta[src + cols[a]!]!;
    for (let j = 0; j < m; j++) ys[k * m + j] = w * target[i * m + j]!;
    k++;
  }
}

/**
 * Scratch reused by the bagged models of one ensemble (a model's problem lives only until the
 * next is built): without it every model allocates ~0.6·n·(p + m) doubles, and the garbage
 * collector runs every few models.
 */
export interface BaggingWorkspace { theta: Float64Array; target: Float64Array }

export function baggingWorkspace(n: number, p: number, m: number): BaggingWorkspace {
  return { theta: new Float64Array(n * p), target: new Float64Array(n * m) };
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

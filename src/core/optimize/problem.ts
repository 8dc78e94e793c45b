/**
 * The regression problem every optimizer solves: Ẏ ≈ Θ Ξᵀ, one sparse coefficient row per
 * state. It carries Θ and the normal equations (ΘᵀΘ, ΘᵀẎ), formed once, so that a change of
 * threshold or α re-runs only the optimizer (the "hot" setting of the playground).
 */
import { crossOfColumns, crossOfRows, gramOfColumns, toColumns, upperProducts, upperProductsOfRows } from '../linalg/dense';

export interface RegressionProblem {
  n: number;              // samples (all trajectories stacked)
  p: number;              // library features
  m: number;              // states (targets)
  /** Θ: n × p row-major, original (unnormalised) columns */
  theta: Float64Array;
  /** Ẏ: n × m row-major */
  target: Float64Array;
  /** ΘᵀΘ: p × p in the working space (columns scaled by 1/scale when normalised) */
  gram: Float64Array;
  /** ΘᵀẎ: p × m in the working space */
  cross: Float64Array;
  /** column scale: ξ_original = ξ_working / scale (all ones unless normalised) */
  scale: Float64Array;
  normalized: boolean;
  /** Θ by columns, original units (see NormalEquations.columns), when available */
  columns?: Float64Array;
  /** Ẏ by columns (see NormalEquations.targetColumns), when available */
  targetColumns?: Float64Array;
  /**
   * Samples the n stored rows stand for, when rows carry integer weights (a bootstrap
   * resample stores each distinct row once, scaled by √multiplicity); n otherwise. Only
   * objectives normalised by the sample count (LASSO's 1/(2n)) read it.
   */
  samples?: number;
}

/** The normal equations of Θ and Ẏ, unnormalised. Expensive part: n·p²/2 multiply-adds. */
export interface NormalEquations {
  gram: Float64Array;
  cross: Float64Array;
  /**
   * Θ stored by columns (column a at a·n), kept from forming G so the final least-squares
   * refits and R² walk contiguous columns. Absent if built elsewhere. When formed from a
   * row-major Θ this is the store [Θ | Ẏ] (target j at (p + j)·n) of older versions.
   */
  columns?: Float64Array;
  /** Ẏ stored by columns (target j at j·n), present whenever `columns` is */
  targetColumns?: Float64Array;
}

export function normalEquations(theta: Float64Array, target: Float64Array, n: number, p: number, m: number): NormalEquations {
  const cols = toColumns(theta, n, p, new Float64Array(n * (p + m)));
  toColumns(target, n, m, cols, n * p);
  return normalOfStore(cols, n, p, m);
}

/**
 * The same from Θ already stored by columns (thetaColumns: column a at a·n), kept as it is:
 * ΘᵀΘ and ΘᵀẎ are formed from Θ's columns and a column copy of Ẏ, with no copy of Θ.
 */
export function normalEquationsOfColumns(thetaColumns: Float64Array, target: Float64Array, n: number, p: number, m: number): NormalEquations {
  return normalEquationsOfStores(thetaColumns, toColumns(target, n, m), n, p, m);
}

/** The same from Θ and Ẏ both stored by columns (column a of Θ at a·n, ẏ_j at j·n), both kept. */
export function normalEquationsOfStores(thetaColumns: Float64Array, targetColumns: Float64Array, n: number, p: number, m: number): NormalEquations {
  const g = gramOfColumns(thetaColumns, n, p);
  const c = new Float64Array(p * m);
  crossOfColumns(thetaColumns, n, p, targetColumns, m, c);
  return { gram: g, cross: c, columns: thetaColumns, targetColumns };
}

/**
 * The same from Θ (n × p) and Ẏ (n × m) row-major, read in place (no column store is made or
 * kept: unbias then refines against the rows).
 */
export function normalEquationsOfRows(theta: Float64Array, target: Float64Array, n: number, p: number, m: number): NormalEquations {
  const g = new Float64Array(p * p);
  upperProductsOfRows(theta, n, p, p, g);
  for (let a = 1; a < p; a++) for (let b = 0; b < a; b++) g[a * p + b] = g[b * p + a]!;
  const c = new Float64Array(p * m);
  crossOfRows(theta, n, p, target, m, c);
  return { gram: g, cross: c };
}

/** Normal equations from the column store [Θ | Ẏ] (n × (p + m), by columns), which is kept. */
function normalOfStore(cols: Float64Array, n: number, p: number, m: number): NormalEquations {
  // The first p rows of the Gram matrix of [Θ | Ẏ] hold ΘᵀΘ (upper triangle, mirrored below)
  // and ΘᵀẎ.
  const q = p + m;
  const full = new Float64Array(p * q);
  upperProducts(cols, n, p, q, full);
  const g = new Float64Array(p * p);
  const c = new Float64Array(p * m);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) { const v = full[a * q + b]!; g[a * p + b] = v; g[b * p + a] = v; }
    c.set(full.subarray(a * q + p, a * q + q), a * m);
  }
  return { gram: g, cross: c, columns: cols, targetColumns: cols.subarray(n * p, n * q) };
}

/**
 * Assemble a problem from precomputed normal equations. Θ (row-major) may be given as a
 * function, called only if an optimizer reads `theta` (a QR fallback); `samples` is the
 * sample count of weighted rows (see RegressionProblem.samples). With `normalize`, every column of Θ
 * is divided by its Euclidean norm (PySINDy's normalize_columns): thresholds then act on
 * coefficients of unit-norm columns. Only G and ΘᵀẎ are rescaled (p² work, not n·p).
 */
export function makeProblem(
  theta: Float64Array | (() => Float64Array), target: Float64Array, n: number, p: number, m: number,
  normal: NormalEquations, normalize: boolean, samples = n,
): RegressionProblem {
  const scale = new Float64Array(p).fill(1);
  const { columns, targetColumns } = normal;
  if (!normalize) return withTheta({ n, p, m, target, gram: normal.gram, cross: normal.cross, scale, normalized: false, columns, targetColumns, samples }, theta);
  for (let a = 0; a < p; a++) {
    const s = Math.sqrt(normal.gram[a * p + a]!);
    scale[a] = s > 0 ? s : 1;
  }
  const g = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) g[a * p + b] = normal.gram[a * p + b]! / (scale[a]! * scale[b]!);
  const c = new Float64Array(p * m);
  for (let a = 0; a < p; a++) for (let j = 0; j < m; j++) c[a * m + j] = normal.cross[a * m + j]! / scale[a]!;
  return withTheta({ n, p, m, target, gram: g, cross: c, scale, normalized: true, columns, targetColumns, samples }, theta);
}

/**
 * The problem with Θ (row-major) as given, or read from `theta()` when first needed. Always
 * the same class, so every problem has one shape (monomorphic property reads in the
 * optimizers; an object literal with a getter would get a new hidden class per call).
 */
function withTheta(rest: Omit<RegressionProblem, 'theta'>, theta: Float64Array | (() => Float64Array)): RegressionProblem {
  return new Problem(rest, theta);
}

class Problem implements RegressionProblem {
  n: number; p: number; m: number;
  target: Float64Array; gram: Float64Array; cross: Float64Array; scale: Float64Array;
  normalized: boolean;
  columns?: Float64Array;
  targetColumns?: Float64Array;
  samples?: number;
  private rows: Float64Array | null;
  private readonly make: (() => Float64Array) | null;
  constructor(r: Omit<RegressionProblem, 'theta'>, theta: Float64Array | (() => Float64Array)) {
    this.n = r.n; this.p = r.p; this.m = r.m;
    this.target = r.target; this.gram = r.gram; this.cross = r.cross; this.scale = r.scale;
    this.normalized = r.normalized;
    this.columns = r.columns; this.targetColumns = r.targetColumns; this.samples = r.samples;
    this.rows = typeof theta === 'function' ? null : theta;
    this.make = typeof theta === 'function' ? theta : null;
  }
  get theta(): Float64Array { return (this.rows ??= this.make!()); }
}

/** Working-space coefficients (m × p) → original scale, in a new array. */
export function toOriginalScale(problem: RegressionProblem, working: Float64Array): Float64Array {
  const { p, m, scale } = problem;
  const out = new Float64Array(m * p);
  for (let j = 0; j < m; j++) for (let a = 0; a < p; a++) out[j * p + a] = working[j * p + a]! / scale[a]!;
  return out;
}

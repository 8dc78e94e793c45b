/**
 * The regression problem every optimizer solves: Ẏ ≈ Θ Ξᵀ, one sparse coefficient row per
 * state. It carries Θ and the normal equations (ΘᵀΘ, ΘᵀẎ), formed once, so that a change of
 * threshold or α re-runs only the optimizer (the "hot" setting of the playground).
 */
import { crossProduct, gram } from '../linalg/dense';

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
}

/** The normal equations of Θ and Ẏ, unnormalised. Expensive part: n·p²/2 multiply-adds. */
export interface NormalEquations { gram: Float64Array; cross: Float64Array }

export function normalEquations(theta: Float64Array, target: Float64Array, n: number, p: number, m: number): NormalEquations {
  return { gram: gram(theta, n, p), cross: crossProduct(theta, target, n, p, m) };
}

/**
 * Assemble a problem from precomputed normal equations. With `normalize`, every column of Θ
 * is divided by its Euclidean norm (PySINDy's normalize_columns): thresholds then act on
 * coefficients of unit-norm columns. Only G and ΘᵀẎ are rescaled (p² work, not n·p).
 */
export function makeProblem(
  theta: Float64Array, target: Float64Array, n: number, p: number, m: number,
  normal: NormalEquations, normalize: boolean,
): RegressionProblem {
  const scale = new Float64Array(p).fill(1);
  if (!normalize) return { n, p, m, theta, target, gram: normal.gram, cross: normal.cross, scale, normalized: false };
  for (let a = 0; a < p; a++) {
    const s = Math.sqrt(normal.gram[a * p + a]!);
    scale[a] = s > 0 ? s : 1;
  }
  const g = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) g[a * p + b] = normal.gram[a * p + b]! / (scale[a]! * scale[b]!);
  const c = new Float64Array(p * m);
  for (let a = 0; a < p; a++) for (let j = 0; j < m; j++) c[a * m + j] = normal.cross[a * m + j]! / scale[a]!;
  return { n, p, m, theta, target, gram: g, cross: c, scale, normalized: true };
}

/** Working-space coefficients (m × p) → original scale, in a new array. */
export function toOriginalScale(problem: RegressionProblem, working: Float64Array): Float64Array {
  const { p, m, scale } = problem;
  const out = new Float64Array(m * p);
  for (let j = 0; j < m; j++) for (let a = 0; a < p; a++) out[j * p + a] = working[j * p + a]! / scale[a]!;
  return out;
}

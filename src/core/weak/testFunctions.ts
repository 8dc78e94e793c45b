/**
 * Test functions of weak SINDy and their trapezoid quadrature weights.
 *
 * φ(t) = C (t − a)^p (b − t)^p on [a, b], zero outside (Messenger & Bortz, J. Comput. Phys.
 * 2021, eq. (9)). With centre c = (a + b)/2, half-width r = (b − a)/2 and s = (t − c)/r:
 *     φ(t) = C′ (1 − s²)^p,      φ′(t) = −2p C′ s (1 − s²)^(p−1) / r,
 * with C′ chosen so that ∫φ dt = 1.
 * φ and its first p − 1 derivatives vanish at a and b, which is what makes integration by
 * parts boundary-free: ∫ φ ẏ dt = −∫ φ′ y dt. By Euler–Maclaurin, the trapezoid rule on a
 * function whose low derivatives vanish at both ends is accurate to high order in the step.
 *
 * Ends are snapped to sample times, so the trapezoid rule needs only the data's own grid
 * (uniform or irregular) and no interpolation.
 */
import { err, ok, type Dataset, type Result } from '../types';

/** One test function: samples i0..i1 (inclusive) of trajectory `traj`. */
export interface TestFunction { traj: number; i0: number; i1: number }

/** Index of the sample time nearest to `x` in the increasing array t (binary search). */
export function nearestIndex(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! <= x) lo = mid; else hi = mid;
  }
  return x - t[lo]! <= t[hi]! - x ? lo : hi;
}

/**
 * Share K test functions among the trajectories in proportion to their spans, and spread
 * each trajectory's centres evenly so that neighbours overlap (K · width ≫ span).
 * width: support in time units per trajectory. Returns the functions ordered by trajectory
 * and start time (the covariance V′V′ᵀ is then banded).
 */
export function placeTestFunctions(ds: Dataset, k: number, width: number[]): Result<TestFunction[]> {
  const spans = ds.trajectories.map((tr) => tr.t[tr.t.length - 1]! - tr.t[0]!);
  const total = spans.reduce((a, b) => a + b, 0);
  const out: TestFunction[] = [];
  for (let r = 0; r < ds.trajectories.length; r++) {
    const t = ds.trajectories[r]!.t;
    const h = width[r]!;
    const prefix = ds.trajectories.length > 1 ? `Trajectory ${r + 1}: ` : '';
    if (!(h < spans[r]!)) {
      return err(`${prefix}the test-function support (${fmt(h)} time units) is not shorter than the time span (${fmt(spans[r]!)}). Lower the support or load a longer trajectory.`);
    }
    const kr = Math.max(1, Math.round((k * spans[r]!) / total));
    for (let q = 0; q < kr; q++) {
      const a = t[0]! + (kr === 1 ? (spans[r]! - h) / 2 : (q * (spans[r]! - h)) / (kr - 1));
      const i0 = nearestIndex(t, a);
      const i1 = nearestIndex(t, t[i0]! + h);
      if (i1 - i0 < 2) {
        return err(`${prefix}a test function covers fewer than 3 samples around t = ${fmt(t[i0]!)}. Raise the support or sample more densely.`);
      }
      out.push({ traj: r, i0, i1 });
    }
  }
  return ok(out);
}

/**
 * Quadrature-weighted φ and φ′ of one test function at its samples i0..i1, written into
 * v and dv (length ≥ i1 − i0 + 1): v_i = w_i φ(t_i), dv_i = w_i φ′(t_i), with w_i the
 * trapezoid weights of the (possibly irregular) grid on [t_i0, t_i1].
 */
export function weightedTestFunction(t: Float64Array, f: TestFunction, order: number, v: Float64Array, dv: Float64Array): void {
  const { i0, i1 } = f;
  const a = t[i0]!;
  const b = t[i1]!;
  const c = (a + b) / 2;
  const r = (b - a) / 2;
  let area = 0;
  for (let i = i0; i <= i1; i++) {
    const w = ((i < i1 ? t[i + 1]! : t[i]!) - (i > i0 ? t[i - 1]! : t[i]!)) / 2;
    const s = (t[i]! - c) / r;
    const base = Math.max(0, 1 - s * s);
    const pm1 = order === 1 ? 1 : base ** (order - 1);
    v[i - i0] = w * pm1 * base;
    dv[i - i0] = (w * -2 * order * s * pm1) / r;
    area += v[i - i0]!;
  }
  // C makes ∫φ dt = 1 (by the same quadrature): each row of the weak system is then a local
  // weighted average of Θ and of ẏ, in the units of plain SINDy, whatever the support, so
  // thresholds and the ridge α keep their meaning.
  for (let i = 0; i <= i1 - i0; i++) { v[i]! /= area; dv[i]! /= area; }
}

/** Median step of a time grid (the "sample" unit of a support given in samples). */
export function medianStep(t: Float64Array): number {
  const d = new Float64Array(t.length - 1);
  for (let i = 1; i < t.length; i++) d[i - 1] = t[i]! - t[i - 1]!;
  d.sort();
  return d.length ? d[d.length >> 1]! : 0;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(3)));
}

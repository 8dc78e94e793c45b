/**
 * Second-order finite differences, exactly as PySINDy 1.7.5's `FiniteDifference(order=2, d=1)`
 * (de Silva et al. 2020, "PySINDy: A Python package for the sparse identification of
 * nonlinear dynamical systems from data"), so our SINDy coefficients match PySINDy's.
 *
 * Every estimate is the derivative of the quadratic that interpolates three neighbouring
 * samples (Fornberg 1988, "Generation of finite difference formulas on arbitrarily spaced
 * grids"). For samples at t₀ < t₁ < t₂ with spacings h₁ = t₁ − t₀, h₂ = t₂ − t₁, the
 * Lagrange basis gives, at each of the three points,
 *   y'(t₀) ≈ −(2h₁ + h₂)/(h₁(h₁+h₂))·y₀ + (h₁+h₂)/(h₁h₂)·y₁ − h₁/(h₂(h₁+h₂))·y₂
 *   y'(t₁) ≈ −h₂/(h₁(h₁+h₂))·y₀ + (h₂−h₁)/(h₁h₂)·y₁ + h₁/(h₂(h₁+h₂))·y₂
 *   y'(t₂) ≈ h₂/(h₁(h₁+h₂))·y₀ − (h₁+h₂)/(h₁h₂)·y₁ + (h₁+2h₂)/(h₂(h₁+h₂))·y₂
 * PySINDy uses the middle row at every interior sample (centred stencil), the first row on
 * the first three samples (forward, at the start) and the last row on the last three
 * (backward, at the end). On a uniform grid (h₁ = h₂ = h) they reduce to
 *   (y₊ − y₋)/(2h),   (−3y₀ + 4y₁ − y₂)/(2h),   (3y₂ − 4y₁ + y₀)/(2h),
 * all exact for quadratics, with O(h²) truncation error for smooth data.
 */
import { err, ok, type Result } from '../types';

/**
 * dy/dt by second-order finite differences, written into `out`.
 * t: nSamples strictly increasing (uniform or irregular); y, out: nSamples × nStates row-major.
 * Preconditions checked by the registry: lengths agree, times strictly increasing.
 */
export function finiteDifference(
  t: Float64Array, y: Float64Array, nStates: number,
  out: Float64Array = new Float64Array(y.length),
): Result<Float64Array> {
  const n = t.length;
  if (n < 3) {
    return err(`Finite differences need at least 3 samples per trajectory, but there ${n === 1 ? 'is' : 'are'} ${n}. Load or generate more samples.`);
  }
  fdInterior(t, y, nStates, out);
  fdEnds(t, y, nStates, out);
  return ok(out);
}

/** Centred three-point stencil at samples 1 … n−2 (weights recomputed per row: irregular grids). */
function fdInterior(t: Float64Array, y: Float64Array, m: number, out: Float64Array): void {
  const n = t.length;
  let tPrev = t[0]!;
  let tCur = t[1]!;
  for (let i = 1; i < n - 1; i++) {
    const tNext = t[i + 1]!;
    const h1 = tCur - tPrev;
    const h2 = tNext - tCur;
    // One division per row: the three weights share the denominator h₁h₂(h₁+h₂).
    const inv = 1 / (h1 * h2 * (h1 + h2));
    const wm = -h2 * h2 * inv;
    const w0 = (h2 - h1) * (h1 + h2) * inv;
    const wp = h1 * h1 * inv;
    const b = i * m;
    for (let j = 0; j < m; j++) {
      out[b + j] = wm * y[b - m + j]! + w0 * y[b + j]! + wp * y[b + m + j]!;
    }
    tPrev = tCur;
    tCur = tNext;
  }
}

/** One-sided three-point stencils: forward at sample 0, backward at sample n−1. */
function fdEnds(t: Float64Array, y: Float64Array, m: number, out: Float64Array): void {
  const n = t.length;
  // Start: derivative at t₀ of the quadratic through samples 0, 1, 2.
  let h1 = t[1]! - t[0]!;
  let h2 = t[2]! - t[1]!;
  let s = h1 + h2;
  const a0 = -(2 * h1 + h2) / (h1 * s);
  const a1 = s / (h1 * h2);
  const a2 = -h1 / (h2 * s);
  for (let j = 0; j < m; j++) {
    out[j] = a0 * y[j]! + a1 * y[m + j]! + a2 * y[2 * m + j]!;
  }
  // End: derivative at t_{n−1} of the quadratic through samples n−3, n−2, n−1.
  h1 = t[n - 2]! - t[n - 3]!;
  h2 = t[n - 1]! - t[n - 2]!;
  s = h1 + h2;
  const b0 = h2 / (h1 * s);
  const b1 = -s / (h1 * h2);
  const b2 = (h1 + 2 * h2) / (h2 * s);
  const r0 = (n - 3) * m;
  for (let j = 0; j < m; j++) {
    out[r0 + 2 * m + j] = b0 * y[r0 + j]! + b1 * y[r0 + m + j]! + b2 * y[r0 + 2 * m + j]!;
  }
}

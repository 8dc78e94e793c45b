/**
 * Starting step size for an adaptive Runge–Kutta method of order p, after Hairer, Nørsett &
 * Wanner, "Solving Ordinary Differential Equations I", 2nd ed., §II.4 ("Starting step size")
 * and their routine HINIT; the RMS norm is the one SciPy's `select_initial_step` uses.
 *
 *  1. d0 = ‖y0‖, d1 = ‖f(t0, y0)‖ in the weighted norm with sk = atol + rtol·|y0|;
 *     h0 = 0.01·d0/d1 (or 1e-6 when either is tiny): one explicit Euler step changes y by ~1 %.
 *  2. One Euler step y1 = y0 + h0 f0 estimates the second derivative
 *     d2 = ‖f(t0 + h0, y1) − f0‖ / h0.
 *  3. h1 = (0.01 / max(d1, d2))^(1/(p+1)) makes the leading error term about 0.01;
 *     h = min(100·h0, h1, hMax).
 * One extra right-hand-side evaluation.
 */
import type { Rhs } from '../types';

/** Weighted RMS norm sqrt(mean((v_j / (atol + rtol·|y_j|))²)). */
function wrms(v: Float64Array, y: Float64Array, rtol: number, atol: number): number {
  const n = v.length;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const q = v[j]! / (atol + rtol * Math.abs(y[j]!));
    sum += q * q;
  }
  return n === 0 ? 0 : Math.sqrt(sum / n);
}

/**
 * Initial step size for order p. f0 = f(t0, y0) must already be evaluated.
 * y1 and f1 are scratch buffers of length nStates (overwritten).
 */
export function initialStep(
  rhs: Rhs, t0: number, y0: Float64Array, f0: Float64Array, p: number,
  rtol: number, atol: number, hMax: number, y1: Float64Array, f1: Float64Array,
): number {
  const n = y0.length;
  const d0 = wrms(y0, y0, rtol, atol);
  const d1 = wrms(f0, y0, rtol, atol);
  let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
  h0 = Math.min(h0, hMax);
  for (let j = 0; j < n; j++) y1[j] = y0[j]! + h0 * f0[j]!;
  rhs(t0 + h0, y1, f1);
  for (let j = 0; j < n; j++) f1[j] = f1[j]! - f0[j]!;
  const d2 = wrms(f1, y0, rtol, atol) / h0;
  const dMax = Math.max(d1, d2);
  const h1 = dMax <= 1e-15 || !Number.isFinite(dMax)
    ? Math.max(1e-6, h0 * 1e-3)
    : Math.pow(0.01 / dMax, 1 / (p + 1));
  const h = Math.min(100 * h0, h1, hMax);
  return Number.isFinite(h) && h > 0 ? h : Math.min(1e-6, hMax);
}

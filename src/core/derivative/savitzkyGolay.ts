/**
 * Savitzky–Golay smoothed differentiation (Savitzky & Golay 1964, "Smoothing and
 * differentiation of data by simplified least squares procedures", Anal. Chem. 36:1627).
 *
 * At each sample t_i a polynomial p of degree `order` is fitted by least squares to the
 * `window` samples centred on i, and dy/dt(t_i) ≈ p'(t_i). The fit is linear in the data, so
 * the estimate is a weighted sum Σ_j c_j y_j; the weights depend only on the sample times.
 *   - Uniform grid: the weights of the centred window are the same at every interior point
 *     (a convolution) and are computed once. In the first/last half-window the window cannot
 *     be centred; like scipy.signal.savgol_filter(mode='interp'), the polynomial fitted to the
 *     first/last full window is differentiated at that sample — computed once per position.
 *   - Irregular grid: the weights are recomputed at every sample from its own window.
 * The estimate is exact for polynomials of degree ≤ order. At the symmetric interior stencil
 * of a uniform grid the weights are antisymmetric, so even powers cancel: an odd order is then
 * also exact for degree order+1, and an even order gives the same weights as order−1.
 * For smooth data the error is O(h^order) with the window fixed in samples (edges dominate).
 *
 * Conditioning: the fit uses local coordinates x = (t − c)/s centred on the window
 * (c = its midpoint, s = its half-width), so x ∈ [−1, 1] and the Gram matrix of the
 * monomials 1, x, …, x^order stays well conditioned for the orders we allow (≤ 8).
 */
import { choleskySolveInPlace } from '../linalg/dense';
import { err, ok, type Result } from '../types';

export interface SavgolSettings { method: 'savgol'; window: number; order: number }

/** Largest polynomial order offered: the monomial Gram matrix on [−1, 1] stays well conditioned. */
export const SAVGOL_MAX_ORDER = 8;

/** Scratch space for one weight computation, allocated once per call, never per sample. */
interface Workspace { x: Float64Array; sums: Float64Array; gram: Float64Array; z: Float64Array }

function workspace(window: number, order: number): Workspace {
  const k = order + 1;
  return { x: new Float64Array(window), sums: new Float64Array(2 * order + 1), gram: new Float64Array(k * k), z: new Float64Array(k) };
}

/**
 * Weights c (length W) with Σ_j c_j y_j = p'(tEval), p the degree-`order` least-squares fit to
 * the samples at times[lo … lo+W−1]. Returns false if the fit is singular (cannot happen for
 * W > order distinct times, but rounding could make it so).
 *
 * With x_j the local coordinates and V_{ja} = x_j^a, the fit coefficients are a = G⁻¹Vᵀy with
 * G = VᵀV (G_{ab} = Σ_j x_j^{a+b}); p'(tEval) = eᵀa/s with e_a = a·x₀^{a−1}. Hence
 * c_j = Σ_a z_a x_j^a / s with G z = e (G symmetric).
 */
function fitWeights(times: Float64Array, lo: number, W: number, tEval: number, order: number, ws: Workspace, out: Float64Array): boolean {
  const k = order + 1;
  const c = 0.5 * (times[lo]! + times[lo + W - 1]!);
  const s = 0.5 * (times[lo + W - 1]! - times[lo]!);
  const { x, sums, gram, z } = ws;
  sums.fill(0);
  for (let j = 0; j < W; j++) {
    const xj = (times[lo + j]! - c) / s;
    x[j] = xj;
    let pw = 1;
    for (let p = 0; p <= 2 * order; p++) { sums[p]! += pw; pw *= xj; }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) gram[a * k + b] = sums[a + b]!;
  // e = d/dx of (1, x, x², …) at x₀.
  const x0 = (tEval - c) / s;
  z[0] = 0;
  let pw = 1;
  for (let a = 1; a < k; a++) { z[a] = a * pw; pw *= x0; }
  if (!choleskySolveInPlace(gram, k, z)) return false;
  for (let j = 0; j < W; j++) {
    // Horner: Σ_a z_a x_j^a
    let acc = z[order]!;
    for (let a = order - 1; a >= 0; a--) acc = acc * x[j]! + z[a]!;
    out[j] = acc / s;
  }
  return true;
}

/** True when every spacing equals the mean spacing to 1e-9 relative (rounded linspace/arange). */
export function isUniform(t: Float64Array): boolean {
  const n = t.length;
  const h = (t[n - 1]! - t[0]!) / (n - 1);
  const tol = 1e-9 * h;
  for (let i = 1; i < n; i++) if (Math.abs(t[i]! - t[i - 1]! - h) > tol) return false;
  return true;
}

/**
 * dy/dt by Savitzky–Golay differentiation, written into `out`.
 * t: nSamples strictly increasing; y, out: nSamples × nStates row-major.
 */
export function savitzkyGolay(
  t: Float64Array, y: Float64Array, nStates: number, s: SavgolSettings,
  out: Float64Array = new Float64Array(y.length),
): Result<Float64Array> {
  const bad = checkSavgol(s, t.length);
  if (bad) return err(bad);
  const done = isUniform(t) ? uniformSavgol(t, y, nStates, s, out) : irregularSavgol(t, y, nStates, s, out);
  return done ? ok(out) : err('The Savitzky–Golay fit is singular on this time grid. Lower the order or widen the window.');
}

/** Message for an invalid window/order, or null when they are usable with nSamples samples. */
export function checkSavgol(s: { window: number; order: number }, nSamples: number): string | null {
  const { window: w, order: p } = s;
  if (!(Number.isInteger(p) && p >= 1 && p <= SAVGOL_MAX_ORDER)) {
    return `The Savitzky–Golay order = ${p} is out of range: use a whole number from 1 to ${SAVGOL_MAX_ORDER}.`;
  }
  if (!(Number.isInteger(w) && w % 2 === 1)) return `The Savitzky–Golay window = ${w} must be an odd whole number of samples (e.g. ${Math.max(3, 2 * Math.floor(w / 2) + 1)}).`;
  if (w < p + 2) return `The Savitzky–Golay window = ${w} is too short for order ${p}: use at least ${p + 2 + ((p + 2) % 2 === 0 ? 1 : 0)} samples, or lower the order.`;
  if (w > nSamples) return `The Savitzky–Golay window = ${w} is longer than the trajectory (${nSamples} samples). Use a window of at most ${nSamples % 2 === 1 ? nSamples : nSamples - 1}.`;
  return null;
}

/** Uniform grid: centred weights once, plus one weight set per edge position. */
function uniformSavgol(t: Float64Array, y: Float64Array, m: number, s: SavgolSettings, out: Float64Array): boolean {
  const n = t.length;
  const W = s.window;
  const half = (W - 1) / 2;
  const invH = (n - 1) / (t[n - 1]! - t[0]!);
  // Unit-spaced grid 0 … W−1: the weights scale with 1/h.
  const grid = new Float64Array(W);
  for (let j = 0; j < W; j++) grid[j] = j;
  const ws = workspace(W, s.order);
  const w = new Float64Array(W);
  if (!fitWeights(grid, 0, W, half, s.order, ws, w)) return false;
  for (let i = half; i < n - half; i++) applyWeights(w, y, m, i - half, i, invH, out);
  for (let e = 0; e < half; e++) {
    if (!fitWeights(grid, 0, W, e, s.order, ws, w)) return false;
    applyWeights(w, y, m, 0, e, invH, out);
    if (!fitWeights(grid, 0, W, W - 1 - e, s.order, ws, w)) return false;
    applyWeights(w, y, m, n - W, n - 1 - e, invH, out);
  }
  return true;
}

/** Irregular grid: a local least-squares fit per sample on its (clamped) centred window. */
function irregularSavgol(t: Float64Array, y: Float64Array, m: number, s: SavgolSettings, out: Float64Array): boolean {
  const n = t.length;
  const W = s.window;
  const half = (W - 1) / 2;
  const ws = workspace(W, s.order);
  const w = new Float64Array(W);
  for (let i = 0; i < n; i++) {
    const lo = Math.min(Math.max(i - half, 0), n - W);
    if (!fitWeights(t, lo, W, t[i]!, s.order, ws, w)) return false;
    applyWeights(w, y, m, lo, i, 1, out);
  }
  return true;
}

/** out[i, :] = scale · Σ_j w_j y[lo + j, :]   (w: W; y, out: n × m row-major). */
function applyWeights(w: Float64Array, y: Float64Array, m: number, lo: number, i: number, scale: number, out: Float64Array): void {
  const W = w.length;
  for (let c = 0; c < m; c++) {
    let acc = 0;
    for (let j = 0, p = lo * m + c; j < W; j++, p += m) acc += w[j]! * y[p]!;
    out[i * m + c] = acc * scale;
  }
}

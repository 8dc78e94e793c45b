/**
 * PySINDy's `SmoothedFiniteDifference` (de Silva et al. 2020), the method most PySINDy users
 * run on noisy data: smooth every state with scipy's Savitzky–Golay filter, then take
 * second-order finite differences of the smoothed signal. With PySINDy's defaults this is
 *     x̃ = scipy.signal.savgol_filter(x, window_length=11, polyorder=3, axis=0)   (mode='interp')
 *     ẋ = FiniteDifference(order=2)(x̃, t)
 * and PySINDy 1.7.5 builds the library Θ from the raw x, not from x̃ (PySINDy 2 switched to x̃),
 * so this is purely a derivative method here.
 *
 * The smoother, exactly as scipy's `savgol_filter(x, W, P, mode='interp')`:
 *  - interior samples i = h … n−1−h (h = ⌊W/2⌋): the value at the centre of the least-squares
 *    polynomial of degree P fitted to the W samples around i (Savitzky & Golay 1964);
 *  - the first and last h samples: scipy fits ONE polynomial of degree P to the first (last) W
 *    samples and evaluates it at each of those positions.
 * Both are linear in the data: x̃_i = Σ_j w_j(pos) x_{lo+j}, w(pos) the row `pos` of the hat
 * matrix of the fit on a window of W equally spaced points. scipy works in sample indices and
 * never looks at t, so on an irregular grid the smoothing treats samples as equally spaced
 * (the finite differences then use the true times); we do the same, for parity.
 *
 * Weights without an ill-conditioned Vandermonde solve: with q_0 … q_P the polynomials
 * orthonormal on the window's points (Stieltjes/Lanczos three-term recurrence), the hat matrix
 * is H = Σ_k q_k q_kᵀ, so w_j(pos) = Σ_k q_k(pos) q_k(j). Exact for any P < W; in exact
 * arithmetic the same numbers as scipy's `lstsq` (interior) and `polyfit` (edges).
 */
import { finiteDifference } from './finiteDifference';
import { err, ok, type Result } from '../types';

export interface SmoothedFdSettings { method: 'smoothed-fd'; window: number; order: number }

/** PySINDy's defaults for the savgol smoother (`smoother_kws` window_length 11, polyorder 3). */
export const SMOOTHED_FD_DEFAULTS = Object.freeze({ window: 11, order: 3 });
/** Largest window accepted (a bound on work and on the weight tables, not a numerical limit). */
export const SMOOTHED_FD_MAX_WINDOW = 100001;

/**
 * The P+1 polynomials orthonormal on the points 0 … W−1 (equal weights), by the Stieltjes
 * recurrence q_{k+1} ∝ (x − a_k) q_k − b_k q_{k−1}. Returns q: (P+1) × W row-major, q[k·W + j] = q_k(j).
 * Points are centred and scaled to [−1, 1] first, so the recurrence works on O(1) numbers.
 */
export function orthonormalBasis(W: number, P: number): Float64Array {
  const q = new Float64Array((P + 1) * W);
  const c = (W - 1) / 2;
  const s = Math.max(c, 1);
  const x = Float64Array.from({ length: W }, (_, j) => (j - c) / s);
  const q0 = 1 / Math.sqrt(W);
  for (let j = 0; j < W; j++) q[j] = q0;
  let bPrev = 0;
  for (let k = 0; k < P; k++) {
    const cur = k * W;
    let a = 0;
    for (let j = 0; j < W; j++) a += x[j]! * q[cur + j]! * q[cur + j]!;
    const next = cur + W;
    for (let j = 0; j < W; j++) {
      q[next + j] = (x[j]! - a) * q[cur + j]! - (k > 0 ? bPrev * q[cur - W + j]! : 0);
    }
    // The recurrence alone loses orthogonality slowly at high degree; one full Gram–Schmidt
    // pass against every earlier q keeps the basis orthonormal to rounding.
    for (let l = 0; l <= k; l++) {
      let dot = 0;
      for (let j = 0; j < W; j++) dot += q[next + j]! * q[l * W + j]!;
      for (let j = 0; j < W; j++) q[next + j]! -= dot * q[l * W + j]!;
    }
    let norm = 0;
    for (let j = 0; j < W; j++) norm += q[next + j]! * q[next + j]!;
    norm = Math.sqrt(norm);
    for (let j = 0; j < W; j++) q[next + j]! /= norm;
    bPrev = norm;
  }
  return q;
}

/** Hat-matrix row `pos` of the degree-P fit on W points: out[j] = Σ_k q_k(pos) q_k(j). */
function hatRow(q: Float64Array, W: number, P: number, pos: number, out: Float64Array): void {
  out.fill(0);
  for (let k = 0; k <= P; k++) {
    const qp = q[k * W + pos]!;
    for (let j = 0; j < W; j++) out[j]! += qp * q[k * W + j]!;
  }
}

/** out[i, :] = Σ_j w_j y[lo + j, :]   (w: W; y, out: n × m row-major). */
function applyRow(w: Float64Array, y: Float64Array, m: number, lo: number, i: number, out: Float64Array): void {
  const W = w.length;
  for (let c = 0; c < m; c++) {
    let acc = 0;
    for (let j = 0, p = lo * m + c; j < W; j++, p += m) acc += w[j]! * y[p]!;
    out[i * m + c] = acc;
  }
}

/** Message for an invalid window/order, or null when they are usable with nSamples samples. */
export function checkSmoothedFd(s: { window: number; order: number }, nSamples: number): string | null {
  const { window: w, order: p } = s;
  if (!(Number.isInteger(w) && w >= 1 && w <= SMOOTHED_FD_MAX_WINDOW && w % 2 === 1)) {
    return `The smoothing window = ${w} must be an odd whole number of samples from 1 to ${SMOOTHED_FD_MAX_WINDOW} (PySINDy's default is ${SMOOTHED_FD_DEFAULTS.window}).`;
  }
  if (!(Number.isInteger(p) && p >= 0 && p < w)) {
    return `The smoothing polynomial order = ${p} must be a whole number from 0 to ${w - 1} (below the window of ${w} samples); PySINDy's default is ${SMOOTHED_FD_DEFAULTS.order}.`;
  }
  if (nSamples < 3) return `Smoothed finite differences need at least 3 samples per trajectory, but there are ${nSamples}. Load or generate more samples.`;
  if (w > nSamples) {
    return `The smoothing window = ${w} is longer than the trajectory (${nSamples} samples), which scipy's savgol_filter refuses. Use a window of at most ${nSamples % 2 === 1 ? nSamples : nSamples - 1}.`;
  }
  return null;
}

/**
 * scipy.signal.savgol_filter(y, window, order, axis=0, mode='interp'), written into `out`.
 * y, out: n × m row-major (each column smoothed on its own); requires checkSmoothedFd = null.
 */
export function savgolSmooth(y: Float64Array, n: number, m: number, window: number, order: number, out: Float64Array = new Float64Array(y.length)): Float64Array {
  const W = window;
  const h = (W - 1) / 2;
  const q = orthonormalBasis(W, order);
  const w = new Float64Array(W);
  hatRow(q, W, order, h, w);
  for (let i = h; i < n - h; i++) applyRow(w, y, m, i - h, i, out);
  for (let e = 0; e < h; e++) {
    hatRow(q, W, order, e, w); // first window, position e
    applyRow(w, y, m, 0, e, out);
    hatRow(q, W, order, W - 1 - e, w); // last window, position W−1−e
    applyRow(w, y, m, n - W, n - 1 - e, out);
  }
  return out;
}

/**
 * dy/dt as PySINDy's SmoothedFiniteDifference: savgol smoothing, then order-2 finite differences.
 * t: nSamples strictly increasing; y, result: nSamples × nStates row-major.
 */
export function smoothedFiniteDifference(t: Float64Array, y: Float64Array, nStates: number, s: SmoothedFdSettings): Result<Float64Array> {
  const bad = checkSmoothedFd(s, t.length);
  if (bad) return err(bad);
  const smooth = savgolSmooth(y, t.length, nStates, s.window, s.order);
  return finiteDifference(t, smooth, nStates);
}

/** Convenience for callers that want the smoothed signal too (e.g. to plot it). */
export function smoothedSignal(y: Float64Array, n: number, m: number, s: SmoothedFdSettings): Result<Float64Array> {
  const bad = checkSmoothedFd(s, n);
  return bad ? err(bad) : ok(savgolSmooth(y, n, m, s.window, s.order));
}

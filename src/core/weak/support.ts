/**
 * Test-function support chosen from the data (Messenger & Bortz, J. Comput. Phys. 2021, §2.3).
 *
 * 1. The spectrum |ŷ(f)| of each state is large at the low frequencies of the dynamics and
 *    flat at the white-noise floor. Its cumulative sum H(f) rises steeply, then linearly.
 *    The corner f* is where a two-piece linear fit of H has least squared error.
 * 2. φ = (1 − s²)^p ≈ exp(−p s²) is nearly Gaussian with standard deviation σ_t = r/√(2p)
 *    in time, so its Fourier transform is nearly Gaussian with σ_f = 1/(2π σ_t). Placing f*
 *    at τ̂ standard deviations of φ̂ (τ̂ = 2 as in WSINDy) makes the test function a low-pass
 *    filter that keeps the dynamics and suppresses the noise above f*:
 *        r = √(2p) · τ̂ / (2π f*),   support width = 2r.
 */
import type { Dataset } from '../types';
import { medianStep } from './testFunctions';

/** τ̂: the corner frequency sits this many standard deviations out in φ̂ */
export const TAU_HAT = 2;

/** In-place radix-2 FFT of (re, im), length a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) { [re[i], re[j]] = [re[j]!, re[i]!]; [im[i], im[j]] = [im[j]!, im[i]!]; }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k);
        const wi = Math.sin(ang * k);
        const a = i + k;
        const b = a + len / 2;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr; im[b] = im[a]! - xi;
        re[a]! += xr; im[a]! += xi;
      }
    }
  }
}

/** |ŷ_k| for k = 0 … N/2 of one state (column j of y: n × m), mean removed, zero-padded to 2^q. */
export function amplitudeSpectrum(y: Float64Array, n: number, m: number, j: number): Float64Array {
  let size = 1;
  while (size < n) size <<= 1;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i * m + j]!;
  mean /= n;
  for (let i = 0; i < n; i++) re[i] = y[i * m + j]! - mean;
  fft(re, im);
  const out = new Float64Array(size / 2 + 1);
  for (let k = 0; k < out.length; k++) out[k] = Math.hypot(re[k]!, im[k]!);
  return out;
}

/**
 * Corner of the cumulative spectrum: the index c minimising the squared error of a
 * least-squares line through H[0..c] plus one through H[c..end]. O(N) with prefix sums.
 */
export function spectrumCorner(amp: Float64Array): number {
  const len = amp.length;
  const h = new Float64Array(len);
  let acc = 0;
  for (let k = 0; k < len; k++) { acc += amp[k]!; h[k] = acc; }
  // prefix sums of k, k², H, H², kH for closed-form line fits on any index range
  const s = [new Float64Array(len + 1), new Float64Array(len + 1), new Float64Array(len + 1), new Float64Array(len + 1), new Float64Array(len + 1)] as const;
  for (let k = 0; k < len; k++) {
    const v = h[k]!;
    s[0][k + 1] = s[0][k]! + k; s[1][k + 1] = s[1][k]! + k * k;
    s[2][k + 1] = s[2][k]! + v; s[3][k + 1] = s[3][k]! + v * v; s[4][k + 1] = s[4][k]! + k * v;
  }
  const sse = (lo: number, hi: number): number => {
    const n = hi - lo;
    const sx = s[0][hi]! - s[0][lo]!, sxx = s[1][hi]! - s[1][lo]!;
    const sy = s[2][hi]! - s[2][lo]!, syy = s[3][hi]! - s[3][lo]!, sxy = s[4][hi]! - s[4][lo]!;
    const vx = sxx - (sx * sx) / n;
    const cxy = sxy - (sx * sy) / n;
    return syy - (sy * sy) / n - (vx > 0 ? (cxy * cxy) / vx : 0);
  };
  let best = 1;
  let bestErr = Infinity;
  for (let c = 2; c < len - 2; c++) {
    const e = sse(0, c + 1) + sse(c, len);
    if (e < bestErr) { bestErr = e; best = c; }
  }
  return best;
}

/**
 * Automatic support width (time units) of one trajectory: the corner frequency is the
 * largest over the states (the fastest state sets the resolution), then r from f*.
 */
export function automaticWidth(t: Float64Array, y: Float64Array, m: number, order: number): { width: number; cornerFrequency: number } {
  const n = t.length;
  const dt = medianStep(t);
  let fStar = 0;
  for (let j = 0; j < m; j++) {
    const amp = amplitudeSpectrum(y, n, m, j);
    const size = (amp.length - 1) * 2;
    fStar = Math.max(fStar, spectrumCorner(amp) / (size * dt));
  }
  const r = (Math.sqrt(2 * order) * TAU_HAT) / (2 * Math.PI * fStar);
  return { width: 2 * r, cornerFrequency: fStar };
}

/** Automatic widths of every trajectory of a dataset (time units). */
export function automaticWidths(ds: Dataset, order: number): number[] {
  const m = ds.stateNames.length;
  return ds.trajectories.map((tr) => automaticWidth(tr.t, tr.y, m, order).width);
}

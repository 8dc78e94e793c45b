/**
 * What weak-form GLS needs to know about the noise and the model: the noise variance of each
 * state, estimated from the data, and the Jacobian ∂Θ/∂y of the library at every sample.
 */
import type { Library } from '../library/library';
import type { Dataset } from '../types';

/**
 * σ_l² per state from fourth differences: for white noise, Δ⁴ε has variance 70σ²
 * (binomial coefficients 1, −4, 6, −4, 1), while for a smooth signal sampled finely Δ⁴y* is
 * O(h⁴) and negligible. Pooled over trajectories. Returns m variances.
 */
export function noiseVariance(ds: Dataset): Float64Array {
  const m = ds.stateNames.length;
  const sum = new Float64Array(m);
  let count = 0;
  for (const tr of ds.trajectories) {
    const n = tr.t.length;
    const y = tr.y;
    for (let i = 0; i + 4 < n; i++) {
      for (let l = 0; l < m; l++) {
        const d = y[i * m + l]! - 4 * y[(i + 1) * m + l]! + 6 * y[(i + 2) * m + l]! - 4 * y[(i + 3) * m + l]! + y[(i + 4) * m + l]!;
        sum[l]! += d * d;
      }
      count++;
    }
  }
  for (let l = 0; l < m; l++) sum[l] = count ? sum[l]! / (70 * count) : 0;
  return sum;
}

/**
 * ∂Θ_a/∂y_l at every sample by central differences of the library (exact up to O(h²); for
 * polynomials of degree ≤ 2 exact up to rounding). Per trajectory: n × m × p row-major,
 * entry ((i·m) + l)·p + a. Step h_l = 1e-5 · (1 + max|y_l|).
 */
export function libraryJacobian(lib: Library, ds: Dataset): Float64Array[] {
  const m = ds.stateNames.length;
  const p = lib.nFeatures;
  return ds.trajectories.map((tr) => {
    const n = tr.t.length;
    const out = new Float64Array(n * m * p);
    const shifted = Float64Array.from(tr.y.subarray(0, n * m));
    const plus = new Float64Array(n * p);
    const minus = new Float64Array(n * p);
    for (let l = 0; l < m; l++) {
      let scale = 0;
      for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(tr.y[i * m + l]!));
      const h = 1e-5 * (1 + scale);
      for (let i = 0; i < n; i++) shifted[i * m + l] = tr.y[i * m + l]! + h;
      lib.evaluate(shifted, n, plus);
      for (let i = 0; i < n; i++) shifted[i * m + l] = tr.y[i * m + l]! - h;
      lib.evaluate(shifted, n, minus);
      for (let i = 0; i < n; i++) shifted[i * m + l] = tr.y[i * m + l]!;
      for (let i = 0; i < n; i++) {
        for (let a = 0; a < p; a++) out[(i * m + l) * p + a] = (plus[i * p + a]! - minus[i * p + a]!) / (2 * h);
      }
    }
    return out;
  });
}

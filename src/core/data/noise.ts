/**
 * Measurement noise for a dataset, as in the SINDy literature (e.g. Brunton, Proctor & Kutz
 * 2016; de Silva et al., PySINDy 2020): independent Gaussian noise on every sample of state j
 * with standard deviation σ_j = fraction · std_j, where std_j is the standard deviation of
 * state j over all samples of all trajectories. "5 % noise" is fraction 0.05.
 */
import type { Dataset } from '../types';
import { createRng, gaussian } from './rng';

/** Population standard deviation of each state over every sample of every trajectory (two passes). */
export function stateStd(ds: Dataset): Float64Array {
  const m = ds.stateNames.length;
  const mean = new Float64Array(m);
  const ss = new Float64Array(m);
  let count = 0;
  for (const tr of ds.trajectories) {
    const n = tr.t.length;
    count += n;
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) mean[j]! += tr.y[i * m + j]!;
  }
  for (let j = 0; j < m; j++) mean[j] = count > 0 ? mean[j]! / count : 0;
  for (const tr of ds.trajectories) {
    const n = tr.t.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const d = tr.y[i * m + j]! - mean[j]!;
        ss[j]! += d * d;
      }
    }
  }
  for (let j = 0; j < m; j++) ss[j] = count > 0 ? Math.sqrt(ss[j]! / count) : 0;
  return ss;
}

/**
 * A new dataset with y + σ_j·N(0, 1) on every sample (seeded; trajectories, then samples, then
 * states in order). Never mutates ds; fraction 0 returns copies. Times are copied unchanged.
 */
export function addNoise(ds: Dataset, fraction: number, seed: number): Dataset {
  if (!(fraction >= 0) || !Number.isFinite(fraction)) {
    throw new RangeError(`addNoise: the noise fraction must be a finite number ≥ 0 (got ${fraction}).`);
  }
  const m = ds.stateNames.length;
  const sigma = stateStd(ds);
  for (let j = 0; j < m; j++) sigma[j] = fraction * sigma[j]!;
  const rng = createRng(seed);
  const trajectories = ds.trajectories.map((tr) => {
    const y = Float64Array.from(tr.y);
    if (fraction > 0) {
      const n = tr.t.length;
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) y[i * m + j] = y[i * m + j]! + sigma[j]! * gaussian(rng);
    }
    return { t: Float64Array.from(tr.t), y };
  });
  return { stateNames: [...ds.stateNames], trajectories };
}

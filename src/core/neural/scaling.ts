/**
 * The scales of a dataset that the neural ODE is built around, so that its weights, its
 * learning rate and its loss are O(1) whatever the units of the data:
 * - `mean`, `std` (per state, over every sample of every trajectory): the MLP's input is
 *   z = (y − mean) / std, and the shooting loss weighs state j by 1 / std_j² (the error in the
 *   data's standardised scale);
 * - `rate` (per state): the typical speed |dy_j/dt|, estimated as √(Σ Δy_j² / Σ Δt²) over
 *   consecutive samples. Weighting by Δt² keeps close irregular samples, whose difference
 *   quotients are mostly noise, from inflating it. The MLP's output is multiplied by it;
 * - `medianSpacing`: the median time between consecutive samples (sets the RK4 step).
 */
import type { Dataset } from '../types';

export interface DataScales {
  /** mean, std, rate: nStates each */
  mean: Float64Array;
  std: Float64Array;
  rate: Float64Array;
  medianSpacing: number;
}

/**
 * The scales of ds. A state with zero spread gets std 1 and a still dataset rate 1 (so a
 * constant column cannot divide by zero; it still trains, only with an unscaled input).
 */
export function dataScales(ds: Dataset): DataScales {
  const m = ds.stateNames.length;
  const mean = new Float64Array(m);
  const sq = new Float64Array(m);
  const dySq = new Float64Array(m);
  let count = 0;
  let dtSq = 0;
  const spacings: number[] = [];
  for (const tr of ds.trajectories) {
    const n = tr.t.length;
    count += n;
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) mean[j]! += tr.y[i * m + j]!;
    for (let i = 1; i < n; i++) {
      const dt = tr.t[i]! - tr.t[i - 1]!;
      spacings.push(dt);
      dtSq += dt * dt;
      for (let j = 0; j < m; j++) dySq[j]! += (tr.y[i * m + j]! - tr.y[(i - 1) * m + j]!) ** 2;
    }
  }
  for (let j = 0; j < m; j++) mean[j] = mean[j]! / Math.max(1, count);
  for (const tr of ds.trajectories) {
    const n = tr.t.length;
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) sq[j]! += (tr.y[i * m + j]! - mean[j]!) ** 2;
  }
  const std = new Float64Array(m);
  const rate = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const s = Math.sqrt(sq[j]! / Math.max(1, count));
    std[j] = s > 0 ? s : 1;
    const r = dtSq > 0 ? Math.sqrt(dySq[j]! / dtSq) : 0;
    rate[j] = r > 0 ? r : 1;
  }
  spacings.sort((a, b) => a - b);
  const mid = spacings.length >> 1;
  const medianSpacing = spacings.length === 0 ? 1
    : spacings.length % 2 ? spacings[mid]! : 0.5 * (spacings[mid - 1]! + spacings[mid]!);
  return { mean, std, rate, medianSpacing };
}

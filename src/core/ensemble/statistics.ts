/**
 * Summaries of the bagged coefficients of E-SINDy (Fasel et al., Proc. R. Soc. A 2022):
 * per coefficient, the inclusion probability (fraction of models in which it is nonzero) and
 * the distribution of its values (mean, standard deviation, median, 5 % and 95 % quantiles).
 * A NaN sample means "term not in that model's library" (library bagging) and is skipped, so
 * the inclusion probability is conditional on the term being offered to the model.
 */

/** Distribution of each coefficient over the models; every array is m × p row-major. */
export interface CoefficientStats {
  inclusion: Float64Array;
  mean: Float64Array;
  std: Float64Array;
  median: Float64Array;
  p05: Float64Array;
  p95: Float64Array;
  /** models in which the term was offered (≤ models) */
  offered: Float64Array;
}

/** Quantile q ∈ [0, 1] of sorted values by linear interpolation (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * samples: models × size row-major (size = m · p), NaN where the term was not offered.
 * Only the first `models` rows are read (a stopped run passes the completed count).
 */
export function coefficientStats(samples: Float64Array, models: number, size: number): CoefficientStats {
  const mk = () => new Float64Array(size);
  const s: CoefficientStats = { inclusion: mk(), mean: mk(), std: mk(), median: mk(), p05: mk(), p95: mk(), offered: mk() };
  const col = new Float64Array(models);
  for (let c = 0; c < size; c++) {
    let n = 0;
    let nz = 0;
    for (let k = 0; k < models; k++) {
      const v = samples[k * size + c]!;
      if (Number.isNaN(v)) continue;
      col[n++] = v;
      if (v !== 0) nz++;
    }
    s.offered[c] = n;
    if (n === 0) { s.mean[c] = s.std[c] = s.median[c] = s.p05[c] = s.p95[c] = NaN; continue; }
    const vals = col.subarray(0, n).sort();
    let sum = 0;
    for (let k = 0; k < n; k++) sum += vals[k]!;
    const mean = sum / n;
    let ss = 0;
    for (let k = 0; k < n; k++) ss += (vals[k]! - mean) ** 2;
    s.inclusion[c] = nz / n;
    s.mean[c] = mean;
    s.std[c] = Math.sqrt(ss / n);
    s.median[c] = quantileSorted(vals, 0.5);
    s.p05[c] = quantileSorted(vals, 0.05);
    s.p95[c] = quantileSorted(vals, 0.95);
  }
  return s;
}

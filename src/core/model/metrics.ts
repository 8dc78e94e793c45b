/**
 * How good is a recovered model? R² of the derivative fit, the error of the simulated
 * trajectory against the data, and — when the true equations are known — whether the
 * support (which terms) was recovered and how far the coefficients are.
 */
import type { IntegrationResult } from '../integrate/integrate';
import type { Dataset } from '../types';

/**
 * R² per state of Ẏ ≈ Θ Ξᵀ: 1 − ‖ẏ_j − Θξ_j‖² / ‖ẏ_j − mean(ẏ_j)‖².
 * theta: n × p, target: n × m, coef: m × p (row-major).
 */
export function r2PerState(theta: Float64Array, target: Float64Array, coef: Float64Array, n: number, p: number, m: number): number[] {
  const out: number[] = [];
  const support: number[] = [];
  const pred = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    // Sparse models: only the kept terms contribute to the prediction (zero terms add exactly 0
    // to a finite sum), so the cost is n·(terms kept) rather than n·p.
    support.length = 0;
    for (let a = 0; a < p; a++) if (coef[j * p + a] !== 0) support.push(a);
    pred.fill(0);
    for (const a of support) {
      const c = coef[j * p + a]!;
      for (let i = 0, t = a; i < n; i++, t += p) pred[i]! += theta[t]! * c;
    }
    let ssRes = 0;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0, t = j; i < n; i++, t += m) {
      const v = target[t]!;
      const r = v - pred[i]!;
      ssRes += r * r;
      sum += v;
      sumSq += v * v;
    }
    out.push(rSquared(ssRes, sum, sumSq, n));
  }
  return out;
}

/** R² = 1 − SS_res/SS_tot from the residual sum of squares and the target's Σv and Σv² over n samples. */
function rSquared(ssRes: number, sum: number, sumSq: number, n: number): number {
  const ssTot = sumSq - (sum * sum) / n;
  return ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0;
}

/**
 * The same R², bit for bit, from the columns that forming the normal equations leaves behind:
 * Θ by columns (column a at a·n) and Ẏ by columns (targets, ẏ_j at j·n), or the single store
 * [Θ | Ẏ] (ẏ_j at (p + j)·n) when targets is omitted. The
 * prediction Σ_a ξ_a θ_a is summed in the same order as r2PerState, but its last three terms
 * are added inside the residual pass, so a sparse model (≤ 3 terms per state) reads each
 * column once and stores nothing. Missing terms are padded with coefficient 0: adding ±0
 * changes at most the sign of a zero prediction, which leaves r² unchanged (Θ is finite).
 */
export function r2PerStateColumns(
  columns: Float64Array, coef: Float64Array, n: number, p: number, m: number, targets?: Float64Array,
): number[] {
  const out: number[] = [];
  const pred = new Float64Array(n);
  const off: number[] = [];
  const c: number[] = [];
  for (let j = 0; j < m; j++) {
    off.length = 0; c.length = 0;
    for (let a = 0; a < p; a++) if (coef[j * p + a] !== 0) { off.push(a * n); c.push(coef[j * p + a]!); }
    while (off.length < 3) { off.push(0); c.push(0); }
    const k = off.length;
    pred.fill(0);
    for (let r = 0; r < k - 3; r++) {
      const o = off[r]!, cr = c[r]!;
      for (let i = 0; i < n; i++) pred[i] = pred[i]! + columns[o + i]! * cr;
    }
    const o0 = off[k - 3]!, o1 = off[k - 2]!, o2 = off[k - 1]!;
    const c0 = c[k - 3]!, c1 = c[k - 2]!, c2 = c[k - 1]!;
    let ssRes = 0;
    let sum = 0;
    let sumSq = 0;
    const y = targets ?? columns;
    const o = targets ? j * n : (p + j) * n;
    for (let i = 0; i < n; i++) {
      const v = y[o + i]!;
      const r = v - (((pred[i]! + columns[o0 + i]! * c0) + columns[o1 + i]! * c1) + columns[o2 + i]! * c2);
      ssRes += r * r;
      sum += v;
      sumSq += v * v;
    }
    out.push(rSquared(ssRes, sum, sumSq, n));
  }
  return out;
}

/**
 * Relative RMS error of simulated vs observed trajectories, per state, over the rows the
 * simulation reached: sqrt(Σ(ŷ−y)²/Σ(y−ȳ)²). NaN for a state when nothing was simulated.
 */
export function trajectoryError(ds: Dataset, sims: IntegrationResult[]): number[] {
  const m = ds.stateNames.length;
  const num = new Float64Array(m);
  const cnt = new Float64Array(m);
  const sum = new Float64Array(m);
  const sumSq = new Float64Array(m);
  ds.trajectories.forEach((tr, k) => {
    const sim = sims[k];
    const rows = sim ? sim.nOk : 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < m; j++) {
        const y = tr.y[i * m + j]!;
        const d = sim!.y[i * m + j]! - y;
        num[j]! += d * d; sum[j]! += y; sumSq[j]! += y * y; cnt[j]! += 1;
      }
    }
  });
  const out: number[] = [];
  for (let j = 0; j < m; j++) {
    const c = cnt[j]!;
    const den = sumSq[j]! - (sum[j]! * sum[j]!) / Math.max(c, 1);
    out.push(c === 0 ? NaN : Math.sqrt(num[j]! / (den > 0 ? den : 1)));
  }
  return out;
}

export interface TermRef { state: string; term: string }

export interface SupportReport {
  /** true when exactly the true terms were found */
  recovered: boolean;
  missing: TermRef[];
  extra: TermRef[];
  /** true terms that are not in the library at all (cannot be found with these settings) */
  notInLibrary: TermRef[];
  /** ‖Ξ − Ξ_true‖ / ‖Ξ_true‖ over the library terms */
  coefficientError: number;
  /** max over true terms of |ξ − ξ_true| / |ξ_true| */
  maxRelativeError: number;
}

/** Compare coefficients (m × p) with the truth: state → canonical feature name → coefficient. */
export function compareWithTruth(
  stateNames: readonly string[], features: readonly string[], coef: Float64Array,
  truth: Record<string, Record<string, number>>,
): SupportReport {
  const p = features.length;
  const missing: TermRef[] = [];
  const extra: TermRef[] = [];
  const notInLibrary: TermRef[] = [];
  let errSq = 0;
  let trueSq = 0;
  let maxRel = 0;
  stateNames.forEach((state, j) => {
    const t = truth[state] ?? {};
    for (const term of Object.keys(t)) {
      if (!features.includes(term)) notInLibrary.push({ state, term });
    }
    for (let a = 0; a < p; a++) {
      const term = features[a]!;
      const c = coef[j * p + a]!;
      const tc = t[term] ?? 0;
      errSq += (c - tc) ** 2;
      trueSq += tc * tc;
      if (tc !== 0 && c === 0) missing.push({ state, term });
      if (tc === 0 && c !== 0) extra.push({ state, term });
      if (tc !== 0) maxRel = Math.max(maxRel, Math.abs(c - tc) / Math.abs(tc));
    }
  });
  for (const r of notInLibrary) missing.push(r);
  return {
    recovered: missing.length === 0 && extra.length === 0,
    missing, extra, notInLibrary,
    coefficientError: trueSq > 0 ? Math.sqrt(errSq / trueSq) : Math.sqrt(errSq),
    maxRelativeError: notInLibrary.length > 0 ? Infinity : maxRel,
  };
}

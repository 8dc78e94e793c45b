/**
 * Ensemble SINDy, E-SINDy (Fasel, Kutz, Brunton & Brunton, Proc. R. Soc. A 478, 2022).
 *
 * N models are fitted with the same optimizer, each on a bootstrap resample of the rows of
 * the regression problem (and, with library bagging, on a random subset of the library).
 * Terms that the dynamics need survive thresholding in almost every resample; terms that fit
 * the noise come and go. So the inclusion probability of each term (fraction of models in
 * which it is nonzero) separates them, and the spread of the bagged coefficients is an
 * uncertainty estimate.
 *
 * Reported model: the terms with inclusion ≥ threshold, with the median of their bagged
 * coefficients ("bragging", which Fasel et al. found more robust than the mean, §2b), then
 * — by default — refit by least squares on that support over all rows, which removes the
 * small bias the thresholding leaves in the bagged values.
 * Works on any RegressionLayer, so it bags plain SINDy rows or weak-form test functions.
 */
import { createRng } from '../data/rng';
import type { OptimizerResult } from '../optimize/result';
import { leastSquaresNormal, leastSquaresQR } from '../linalg/leastSquares';
import { optimizeSparse, type SparseSettings } from '../optimize/mstls';
import type { RegressionLayer } from '../pipeline/layers';
import { baggingWorkspace, bootstrapCounts, keptColumns, scatterCoefficients, weightedSubProblem, type BaggingWorkspace } from './bagging';
import { ensembleDefaults, type EnsembleSettings } from './settings';
import { coefficientStats, type CoefficientStats } from './statistics';

export interface EnsembleResult {
  status: 'ok' | 'stopped' | 'all_pruned';
  message: string | null;
  /** Ξ: m × p, the reported model (median or mean on the kept terms, refit if asked) */
  coefficients: Float64Array;
  /** m × p, 1 where inclusion ≥ threshold */
  support: Uint8Array;
  stats: CoefficientStats;
  /** raw bagged coefficients: models × m × p row-major, NaN where a term was not offered */
  samples: Float64Array;
  /** models completed (< requested when stopped) */
  models: number;
  warnings: string[];
  timings: { totalMs: number };
}

/** Rows, columns and coefficients of one bagged model (m × p, NaN for dropped terms). */
function fitOne(
  reg: RegressionLayer, normalize: boolean, opt: SparseSettings, e: EnsembleSettings,
  rng: () => number, stateNames: string[], out: Float64Array, work: BaggingWorkspace,
): string | null {
  const n = reg.theta.n;
  const p = reg.theta.p;
  const nSub = Math.max(p, Math.round(e.sampleFraction * n));
  const counts = bootstrapCounts(rng, n, nSub);
  const drop = e.dropFraction ?? ensembleDefaults.dropFraction;
  const nDrop = e.libraryBagging ? Math.min(p - 1, Math.max(1, Math.round(drop * p))) : 0;
  const cols = keptColumns(rng, p, nDrop);
  const res = optimizeSparse(weightedSubProblem(reg, counts, cols, normalize, work), opt, stateNames);
  scatterCoefficients(res.coefficients, cols, reg.m, p, out);
  return res.status === 'not_converged' ? res.message : null;
}

/** An ensemble in progress: models are fitted a few at a time (ensembleAdvance), so a loop can yield between them. */
export interface EnsembleRun {
  reg: RegressionLayer; normalize: boolean; opt: SparseSettings; e: EnsembleSettings; stateNames: string[];
  samples: Float64Array; size: number; rng: () => number; work: BaggingWorkspace;
  done: number; notConverged: number; t0: number;
}

export function ensembleStart(reg: RegressionLayer, normalize: boolean, opt: SparseSettings, e: EnsembleSettings, stateNames: string[]): EnsembleRun {
  const size = reg.m * reg.theta.p;
  return {
    reg, normalize, opt, e, stateNames, size, samples: new Float64Array(e.models * size), rng: createRng(e.seed, 7),
    work: baggingWorkspace(reg.theta.n, reg.theta.p, reg.m), done: 0, notConverged: 0, t0: performance.now(),
  };
}

/** Fit up to `count` more models; returns how many are done. */
export function ensembleAdvance(r: EnsembleRun, count: number): number {
  const end = Math.min(r.e.models, r.done + count);
  for (let k = r.done; k < end; k++) {
    const msg = fitOne(r.reg, r.normalize, r.opt, r.e, r.rng, r.stateNames, r.samples.subarray(k * r.size, (k + 1) * r.size), r.work);
    if (msg) r.notConverged++;
    r.done++;
  }
  return r.done;
}

/** Statistics and the reported model of the models done so far (`stopped`: fewer than asked). */
export function ensembleEnd(r: EnsembleRun): EnsembleResult {
  const { e, done, size } = r;
  const stopped = done < e.models;
  const stats = coefficientStats(r.samples, done, size);
  const { coefficients, support } = reportedModel(r.reg, stats, e);
  const warnings: string[] = [];
  if (r.notConverged > 0) warnings.push(`${r.notConverged} of ${done} bagged models did not converge; raise the iteration limit.`);
  const empty = support.every((v) => v === 0);
  return {
    status: stopped ? 'stopped' : empty ? 'all_pruned' : 'ok',
    message: stopped
      ? `Stopped after ${done} of ${e.models} models; the statistics use the completed ones.`
      : empty ? `No term is kept in at least ${e.inclusionThreshold * 100}% of the models. Lower the threshold or the inclusion threshold.` : null,
    coefficients, support, stats, samples: r.samples.subarray(0, done * size), models: done, warnings,
    timings: { totalMs: performance.now() - r.t0 },
  };
}

export function ensembleFit(
  reg: RegressionLayer, normalize: boolean, opt: SparseSettings, e: EnsembleSettings, stateNames: string[],
  onProgress?: (done: number, total: number) => void, shouldStop?: () => boolean,
): EnsembleResult {
  const run = ensembleStart(reg, normalize, opt, e, stateNames);
  while (run.done < e.models) {
    if (shouldStop?.()) break;
    ensembleAdvance(run, 1);
    onProgress?.(run.done, e.models);
  }
  return ensembleEnd(run);
}

/** An ensemble's reported model in the shape every optimizer returns (no iterates to animate). */
export function ensembleAsResult(e: EnsembleResult): OptimizerResult {
  return {
    status: e.status === 'all_pruned' ? 'all_pruned' : 'ok', message: e.message,
    coefficients: e.coefficients, history: [], iterations: e.models, warnings: e.warnings,
  };
}

/** Support = inclusion ≥ threshold; coefficients = median/mean there, then the LSQ refit. */
export function reportedModel(reg: RegressionLayer, stats: CoefficientStats, e: EnsembleSettings): { coefficients: Float64Array; support: Uint8Array } {
  const { p, n } = reg.theta;
  const { m } = reg;
  const coefficients = new Float64Array(m * p);
  const support = new Uint8Array(m * p);
  const center = (e.aggregate ?? 'median') === 'mean' ? stats.mean : stats.median;
  for (let c = 0; c < m * p; c++) {
    if (stats.offered[c]! > 0 && stats.inclusion[c]! >= e.inclusionThreshold) {
      support[c] = 1;
      coefficients[c] = center[c]!;
    }
  }
  if (e.refit ?? true) {
    // Least squares over all rows on the kept terms: from the layer's normal equations refined
    // against Θ's columns (as accurate as QR; see leastSquaresNormal), QR when that cannot vouch.
    const { columns, targetColumns } = reg.normal;
    const sys = { n, p, m, gram: reg.normal.gram, cross: reg.normal.cross, scale: new Float64Array(p).fill(1) };
    for (let j = 0; j < m; j++) {
      const idx: number[] = [];
      for (let a = 0; a < p; a++) if (support[j * p + a]) idx.push(a);
      const x = idx.length
        ? (columns ? leastSquaresNormal(sys, columns, idx, j, targetColumns) : null) ?? leastSquaresQR(reg.theta.theta, n, p, idx, reg.target, m, j)
        : null;
      if (x) idx.forEach((a, c) => { coefficients[j * p + a] = x[c]!; });
    }
  }
  return { coefficients, support };
}

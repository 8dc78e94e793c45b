/**
 * The SINDy family's details beside its model (strong, weak and ensemble SINDy regress
 * Ẏ ≈ Θ Ξᵀ, or its weak or bagged variants): what the heatmap, the animation, the Pareto sweep
 * and R² read, and the shared stepping of a sparse optimizer (STLSQ pass by pass, the others
 * in one step), so each method's file holds only what is its own.
 */
import type { EnsembleResult } from '../ensemble/ensemble';
import type { EnsembleSettings } from '../ensemble/settings';
import { optimizeSparse, type MstlsResult, type SparseSettings } from '../optimize/mstls';
import type { RegressionProblem } from '../optimize/problem';
import type { OptimizerResult } from '../optimize/result';
import { stlsqFinish, stlsqInit, stlsqStep, type StlsqState } from '../optimize/stlsq';
import { regressionR2 } from '../pipeline/fit';
import type { RegressionLayer } from '../pipeline/layers';
import type { WeakInfo } from '../weak/layer';
import { libraryModel } from './model';
import { poorFitWarnings } from './poorFit';
import type { MethodOutcome, StepReport } from './types';

export interface SparseDetails {
  regression: RegressionLayer;
  problem: RegressionProblem;
  /** cache key of the problem (the Pareto sweep downstream is cached by it) */
  problemKey: string;
  optimizer: OptimizerResult;
  /** MSTLS: the relative threshold λ used per equation */
  lambdas: number[] | null;
  /** R² of the regression rows (ẏ for the strong form, the weak system for the weak form) */
  r2: number[];
  ensemble: { settings: EnsembleSettings; result: EnsembleResult } | null;
  weak: WeakInfo | null;
}

/** A sparse optimizer run, stepped: STLSQ one thresholding pass per step, others in one step. */
export interface SparseRun {
  problem: RegressionProblem;
  opt: SparseSettings;
  stateNames: string[];
  stlsq: StlsqState | null;
  result: OptimizerResult | null;
}

export function sparseStart(problem: RegressionProblem, opt: SparseSettings, stateNames: string[]): SparseRun {
  return { problem, opt, stateNames, stlsq: opt.method === 'stlsq' ? stlsqInit(problem) : null, result: null };
}

export function sparseStep(r: SparseRun): StepReport {
  if (r.result) return { done: true, fraction: 1, label: 'optimizer done' };
  if (r.stlsq && r.opt.method === 'stlsq') {
    const st = r.stlsq;
    stlsqStep(r.problem, r.opt, st);
    const last = st.history[st.history.length - 1]!;
    const live = { kind: 'iterate' as const, iteration: st.iteration, nTerms: st.selected, coefficients: last.slice() };
    if (st.done) r.result = stlsqFinish(r.problem, r.opt, st, r.stateNames);
    return { done: st.done, fraction: st.done ? 1 : st.iteration / (r.opt.maxIter + 1), label: `STLSQ pass ${st.iteration}`, live };
  }
  r.result = optimizeSparse(r.problem, r.opt, r.stateNames);
  return { done: true, fraction: 1, label: `${r.opt.method.toUpperCase()} done` };
}

/** The optimizer's result; a run ended early (Stop, budget) is finished from where it is. */
export function sparseResult(r: SparseRun): OptimizerResult {
  if (!r.result && r.stlsq && r.opt.method === 'stlsq') r.result = stlsqFinish(r.problem, r.opt, r.stlsq, r.stateNames);
  return r.result ?? (r.result = optimizeSparse(r.problem, r.opt, r.stateNames));
}

/** A SINDy-family outcome from a regression layer and an optimizer result. */
export function sparseOutcome(
  reg: RegressionLayer, problem: RegressionProblem, problemKey: string, stateNames: string[], res: OptimizerResult,
  extra: { ensemble?: SparseDetails['ensemble']; weak?: WeakInfo | null; warnings?: string[] } = {},
): MethodOutcome {
  const lambdas = 'equations' in res ? (res as MstlsResult).equations.map((e) => e.chosen.lambda) : null;
  const r2 = regressionR2(reg, res.coefficients);
  // An all-pruned result has its own message (and advice); a poor fit of a kept model is a warning.
  const poor = res.status === 'all_pruned' ? [] : poorFitWarnings(reg, problem, r2, stateNames, extra.weak ? 'weak' : 'strong');
  return {
    model: libraryModel(stateNames, reg.theta.library, res.coefficients),
    status: res.status,
    message: res.message,
    warnings: [...(extra.warnings ?? []), ...res.warnings, ...poor],
    sparse: { regression: reg, problem, problemKey, optimizer: res, lambdas, r2, ensemble: extra.ensemble ?? null, weak: extra.weak ?? null },
  };
}

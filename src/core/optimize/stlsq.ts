/**
 * Sequentially thresholded least squares (Brunton, Proctor & Kutz, PNAS 2016), with
 * PySINDy 1.7.5's semantics so results agree with the field's reference:
 *  - each pass solves, per state, the ridge problem min ‖ẏ − Θ_S ξ‖² + α‖ξ‖² on the current
 *    support S (α unscaled by n), then zeroes every |ξ_k| < threshold;
 *  - passes repeat until the number of kept terms stops changing (max `maxIter` passes);
 *  - finally each state is refit by plain least squares on its support (`unbias`).
 * The optimizer is steppable (init / step / finish) so the playground can animate the
 * terms disappearing pass by pass; every iterate is kept in `history`.
 */
import { checkedValueBelow, typed } from './advice';
import { toOriginalScale, type RegressionProblem } from './problem';
import { fmtAdvice, unbias, type OptimizerResult } from './result';
import { noteSolve, solveSupport, solveWarnings, type SolveIssues } from './supportSolve';

export interface StlsqSettings { method: 'stlsq'; threshold: number; alpha: number; maxIter: number }

export const stlsqDefaults: StlsqSettings = Object.freeze({ method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 });

/** Explicit optimizer state: the support mask, the last iterate (working scale), the history. */
export interface StlsqState {
  /** support: m × p, 1 = kept */
  support: Uint8Array;
  /** coef: m × p working scale */
  coef: Float64Array;
  history: Float64Array[];
  iteration: number;
  selected: number;
  done: boolean;
  allPruned: boolean;
  /** true when a pass kept exactly as many terms as the one before (PySINDy's stopping rule) */
  converged: boolean;
  /** largest |ξ| of the first pass: a threshold below it keeps at least one term */
  firstMax: number;
  /** per state, the worst solve so far (ill-conditioned or regularised), for the warnings */
  issues: SolveIssues;
}

export function stlsqInit(problem: RegressionProblem): StlsqState {
  const size = problem.m * problem.p;
  return {
    support: new Uint8Array(size).fill(1), coef: new Float64Array(size), history: [],
    iteration: 0, selected: size, done: false, allPruned: false, converged: false, firstMax: 0, issues: new Map(),
  };
}

/** One thresholding pass over every state. Returns the same state object, updated. */
export function stlsqStep(problem: RegressionProblem, s: StlsqSettings, st: StlsqState): StlsqState {
  const { p, m } = problem;
  if (st.done) return st;
  if (countOnes(st.support) === 0) {
    st.coef.fill(0); st.allPruned = true; st.done = true;
    return st;
  }
  const coef = new Float64Array(m * p);
  const idx: number[] = [];
  for (let j = 0; j < m; j++) {
    idx.length = 0;
    for (let a = 0; a < p; a++) if (st.support[j * p + a]) idx.push(a);
    if (idx.length === 0) continue;
    const sol = solveSupport(problem, idx, j, s.alpha);
    noteSolve(st.issues, j, sol);
    const x = sol.x;
    for (let c = 0; c < idx.length; c++) {
      const v = x[c]!;
      const a = idx[c]!;
      if (st.iteration === 0) st.firstMax = Math.max(st.firstMax, Math.abs(v));
      if (Math.abs(v) >= s.threshold) coef[j * p + a] = v;
      else st.support[j * p + a] = 0;
    }
  }
  st.coef = coef;
  st.history.push(toOriginalScale(problem, coef));
  st.iteration++;
  const selected = countOnes(st.support);
  if (selected === st.selected) st.converged = true;
  if (st.converged || st.iteration >= s.maxIter) st.done = true;
  st.selected = selected;
  if (selected === 0) st.allPruned = true;
  return st;
}

/** Final least-squares refit on the support, and the user-facing status. */
export function stlsqFinish(problem: RegressionProblem, s: StlsqSettings, st: StlsqState, stateNames?: string[]): OptimizerResult {
  const warnings = solveWarnings(st.issues, problem.m, stateNames);
  if (st.allPruned) return allPruned(problem, s, st, warnings);
  const coefficients = toOriginalScale(problem, st.coef);
  unbias(problem, coefficients, warnings, stateNames);
  const converged = st.converged;
  for (let j = 0; j < problem.m; j++) {
    let any = false;
    for (let a = 0; a < problem.p; a++) if (st.support[j * problem.p + a]) any = true;
    if (!any) warnings.push(`The threshold removed every term of d${stateNames?.[j] ?? `x${j + 1}`}/dt; lower it to keep one.`);
  }
  return {
    status: converged ? 'ok' : 'not_converged',
    message: converged ? null : `STLSQ did not settle in ${s.maxIter} passes; the support was still changing. Raise the iteration limit or the threshold.`,
    coefficients, history: st.history, iterations: st.iteration, warnings,
  };
}

/**
 * The all-pruned result, with a threshold to try that has been checked: the largest coefficient
 * of the first pass rounded down (a threshold at or below it keeps that term in the first pass),
 * run to the end to make sure some term survives every pass.
 */
function allPruned(problem: RegressionProblem, s: StlsqSettings, st: StlsqState, warnings: string[]): OptimizerResult {
  let kept = 0;
  const value = checkedValueBelow(st.firstMax, (t) => {
    kept = runPasses(problem, { ...s, threshold: t }).selected;
    return kept > 0;
  });
  const head = `The threshold ${fmtAdvice(s.threshold)} removed every term.`;
  return {
    status: 'all_pruned',
    message: value === null
      ? `${head} Every coefficient of the first pass is 0 (or no smaller threshold helps): check that the data change over time and that the library can describe them.`
      : `${head} Lower it to ${typed(value)} or less: at ${typed(value)} STLSQ keeps ${kept} term${kept === 1 ? '' : 's'}.`,
    coefficients: new Float64Array(problem.m * problem.p), history: st.history,
    iterations: st.iteration, suggested: value ?? undefined, warnings,
  };
}

function runPasses(problem: RegressionProblem, s: StlsqSettings): StlsqState {
  const st = stlsqInit(problem);
  while (!st.done) stlsqStep(problem, s, st);
  return st;
}

/** Run STLSQ to completion. */
export function stlsq(problem: RegressionProblem, s: StlsqSettings, stateNames?: string[]): OptimizerResult {
  return stlsqFinish(problem, s, runPasses(problem, s), stateNames);
}

function countOnes(mask: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < mask.length; i++) c += mask[i]!;
  return c;
}

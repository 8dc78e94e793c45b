/**
 * The regression problem one search fits: y ≈ f(X) over n points, and its loss, the weighted
 * mean squared error L = Σ wᵢ (f(xᵢ) − yᵢ)² / Σ wᵢ (PySR's default L2 loss; wᵢ = 1 without weights).
 * `checkData` turns the caller's arrays into this form or says what is wrong with them.
 */
import { err, ok, type Result } from '../types';
import { evaluate, type Evaluator } from './evaluate';
import type { Program } from './program';

/** What the caller passes: one column per variable, the target, the variables' names. */
export interface SymbolicData {
  /** X[j]: variable j at the n points */
  X: Float64Array[];
  /** y: the target at the n points */
  y: Float64Array;
  varNames: string[];
  /** optional non-negative weight per point */
  weights?: Float64Array;
}

/** The checked problem, with weights normalised to sum 1 (null: uniform 1/n). */
export interface Problem {
  n: number;
  X: Float64Array[];
  y: Float64Array;
  varNames: string[];
  w: Float64Array | null;
  /** loss of the best constant (the weighted mean of y): costs are measured against it */
  baseline: number;
}

export function checkData(data: SymbolicData): Result<Problem> {
  const { X, y, varNames, weights } = data;
  const n = y.length;
  if (n < 2) return err(`The data has ${n} point${n === 1 ? '' : 's'}: symbolic regression needs at least 2. Provide more samples.`);
  if (X.length === 0) return err('The data has no variables: pass at least one column in X.');
  if (varNames.length !== X.length) return err(`X has ${X.length} columns but ${varNames.length} variable names were given: give one name per column.`);
  for (let j = 0; j < X.length; j++) {
    const c = X[j]!;
    if (c.length !== n) return err(`Column ${varNames[j]} has ${c.length} values but y has ${n}: every column needs one value per point.`);
    const bad = firstNonFinite(c);
    if (bad >= 0) return err(`Column ${varNames[j]} is not finite at point ${bad} (${c[bad]}): remove or repair that sample.`);
  }
  const badY = firstNonFinite(y);
  if (badY >= 0) return err(`The target is not finite at point ${badY} (${y[badY]}): remove or repair that sample.`);
  let w: Float64Array | null = null;
  if (weights) {
    if (weights.length !== n) return err(`There are ${weights.length} weights for ${n} points: give one weight per point.`);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = weights[i]!;
      if (!(v >= 0) || !Number.isFinite(v)) return err(`Weight ${i} is ${v}: weights must be finite and non-negative.`);
      sum += v;
    }
    if (!(sum > 0)) return err('Every weight is 0: at least one point must count.');
    w = new Float64Array(n);
    for (let i = 0; i < n; i++) w[i] = weights[i]! / sum;
  }
  const problem: Problem = { n, X, y, varNames, w, baseline: 0 };
  problem.baseline = baselineLoss(problem);
  return ok(problem);
}

function firstNonFinite(c: Float64Array): number {
  for (let i = 0; i < c.length; i++) if (!Number.isFinite(c[i]!)) return i;
  return -1;
}

function baselineLoss(p: Problem): number {
  const { n, y, w } = p;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += w ? w[i]! * y[i]! : y[i]! / n;
  let s = 0;
  for (let i = 0; i < n; i++) { const r = y[i]! - mean; s += w ? w[i]! * r * r : r * r / n; }
  return s;
}

/** L(pred) over the problem's points; +∞ if any prediction is not finite. */
export function lossOf(pred: Float64Array, p: Problem): number {
  const { n, y, w } = p;
  let s = 0;
  if (w) for (let i = 0; i < n; i++) { const r = pred[i]! - y[i]!; s += w[i]! * r * r; }
  else { for (let i = 0; i < n; i++) { const r = pred[i]! - y[i]!; s += r * r; } s /= n; }
  return Number.isFinite(s) ? s : Infinity;
}

/** Evaluate a loaded program and return its loss (+∞ when any value along the way was not finite). */
export function programLoss(prog: Program, p: Problem, ev: Evaluator, pred: Float64Array): number {
  if (!evaluate(prog, p.X, pred, ev)) return Infinity;
  return lossOf(pred, p);
}

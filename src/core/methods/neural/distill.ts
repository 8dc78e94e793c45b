/**
 * The neural method's second stage: equations read off the trained field f_θ from pairs
 * (y, f_θ(y)) over the region the data visit (core/neural/distill.ts), in one of three ways:
 * - sindy: SINDy on the pairs with the pipeline's library and optimizer (the usual sparse
 *   details: heatmap, R² of the pairs, STLSQ passes streamed);
 * - rational: rational SINDy P/(1 + Q) (optimize/rational.ts), one step, milliseconds;
 * - gp: a symbolic search per state (core/symbolic), one island at a time, the Pareto fronts
 *   streamed; at the end every front entry's constants are refitted (polishFront.ts) and the
 *   simplest formula within the tolerance of the best is chosen (gp's chooseFormula).
 * Stopped early, each gives what it has; a gp search stopped before its first iteration (or
 * training stopped before any search) falls back to rational SINDy and says so.
 */
import { exprToString, type Expr } from '../../model/expr';
import { distillPairs, pairsRegressionLayer, type DistillPairs } from '../../neural/distill';
import { rationalFit } from '../../optimize/rational';
import type { OptimizerResult } from '../../optimize/result';
import type { RegressionProblem } from '../../optimize/problem';
import type { RegressionLayer } from '../../pipeline/layers';
import { populationStd } from '../../stats';
import type { FrontEntry } from '../../symbolic/hallOfFame';
import { createMultiSearch, multiSearchStep, type MultiSearch } from '../../symbolic/multiSearch';
import { polishedFront } from '../../symbolic/polishFront';
import { chooseBest } from '../../symbolic/hallOfFame';
import { err, ok, type Result } from '../../types';
import { chooseFormula, parseOperators } from '../gp/method';
import { expressionModel, libraryModel, type Model } from '../model';
import { sparseResult, sparseStart, sparseStep, type SparseRun } from '../sparseDetails';
import type { MethodInput, MethodOutcome, StepReport } from '../types';
import type { NeuralMethodSettings } from './settings';
import type { Trained } from './training';

/** Points handed to the symbolic search at most (evenly strided): its cost is linear in them. */
const MAX_SEARCH_POINTS = 500;
/** Below this many samples, each observed state also gives jittered copies (more pairs for the regressions). */
const FEW_SAMPLES = 400;

/** A model and what came with it. */
export interface Distilled {
  model: Model;
  /** constants of the trees that are not parameters (rational SINDy's leading 1 of the denominator) */
  fixed: Set<Expr>;
  pareto?: MethodOutcome['pareto'];
  sparse?: { reg: RegressionLayer; problem: RegressionProblem; problemKey: string; result: OptimizerResult };
  /** said with the model (a stand-in, an early stop) */
  note?: string;
}

export type DistillStage =
  | { kind: 'sindy'; run: SparseRun; reg: RegressionLayer; problemKey: string }
  | { kind: 'rational'; pairs: DistillPairs }
  | { kind: 'gp'; pairs: DistillPairs; search: MultiSearch; std: number[]; tolerance: number };

/** Pairs over the visited region: each observed state, plus jittered copies when the samples are few. */
export function pairsOf(field: Trained, input: MethodInput, seed: number): Result<DistillPairs> {
  const n = input.data.trajectories.reduce((a, t) => a + t.t.length, 0);
  return distillPairs(field, input.data, { copies: n < FEW_SAMPLES ? 4 : 1, jitter: 0.02, seed });
}

export function startDistill(field: Trained, input: MethodInput, s: NeuralMethodSettings, problemKey: string): Result<DistillStage> {
  const pairs = pairsOf(field, input, s.seed);
  if (!pairs.ok) return pairs;
  if (s.symbolic === 'rational') return ok({ kind: 'rational', pairs: pairs.value });
  if (s.symbolic === 'sindy') {
    const reg = pairsRegressionLayer(pairs.value, input.spec.library);
    if (!reg.ok) return reg;
    const problem = input.layers.problem(reg.value, problemKey);
    return ok({ kind: 'sindy', run: sparseStart(problem, input.spec.optimizer, input.data.stateNames), reg: reg.value, problemKey });
  }
  const ops = parseOperators(s.operators);
  if (!ops.ok) return ops;
  const { X, Y } = searchColumns(pairs.value);
  const search = createMultiSearch(X, Y, input.data.stateNames, {
    binaryOperators: ops.value.binary, unaryOperators: ops.value.unary, maxsize: s.maxsize, populations: s.populations, niterations: s.iterations,
  }, s.seed);
  if (!search.ok) return search;
  return ok({ kind: 'gp', pairs: pairs.value, search: search.value, std: Y.map(populationStd), tolerance: s.tolerance });
}

/** One step: an STLSQ pass, the rational fit, or islands of the search for ~25 ms. */
export function stepDistill(d: DistillStage, stateNames: string[]): StepReport {
  if (d.kind === 'sindy') {
    const r = sparseStep(d.run);
    return { ...r, label: `SINDy on the network: ${r.label}` };
  }
  if (d.kind === 'rational') return { done: true, fraction: 1, label: 'rational SINDy' };
  const r = multiSearchStep(d.search, 25);
  const fronts = r.fronts.map((f) => f.map((e) => ({ complexity: e.complexity, loss: e.loss, equation: exprToString(e.expr, stateNames) })));
  return { done: r.done, fraction: r.fraction, label: 'symbolic search on the network', live: { kind: 'pareto', fronts } };
}

/** The distilled model from where the stage is (at its end, or early). */
export function distilled(d: DistillStage, stateNames: string[]): Result<Distilled> {
  if (d.kind === 'sindy') {
    const result = sparseResult(d.run);
    return ok({ model: libraryModel(stateNames, d.reg.theta.library, result.coefficients), fixed: new Set(), sparse: { reg: d.reg, problem: d.run.problem, problemKey: d.problemKey, result } });
  }
  if (d.kind === 'rational') return rationalModel(d.pairs, stateNames);
  const started = d.search.searches.some((s) => s.iteration > 0);
  if (!started) {
    const r = rationalModel(d.pairs, stateNames);
    return r.ok ? ok({ ...r.value, note: 'The symbolic search was stopped before its first iteration: these are rational SINDy\'s equations of the network, as a stand-in.' }) : r;
  }
  const exprs: Expr[] = [];
  const pareto: NonNullable<MethodOutcome['pareto']> = [];
  for (let j = 0; j < d.search.searches.length; j++) {
    const front: FrontEntry[] = polishedFront(d.search.searches[j]!);
    if (front.length === 0) return err(`The search found no finite formula for d${stateNames[j]}/dt. Allow more iterations or other operators.`);
    exprs.push(front[chooseFormula(front, chooseBest(front), d.tolerance, d.std[j]!)]!.expr);
    pareto.push(front.map((e) => ({ complexity: e.complexity, loss: e.loss, equation: exprToString(e.expr, stateNames) })));
  }
  return ok({ model: expressionModel(stateNames, exprs), fixed: new Set(), pareto });
}

/** Rational SINDy's equations of the pairs. */
export function rationalModel(p: DistillPairs, stateNames: string[]): Result<Distilled> {
  const r = rationalFit(p.Y, p.F, p.n, stateNames);
  if (!r.ok) return r;
  const fixed = new Set<Expr>(r.value.flatMap((e) => e.fixed));
  return ok({ model: expressionModel(stateNames, r.value.map((e) => e.expr)), fixed });
}

/** The pairs as the search's columns (states X, field values Y), strided down to MAX_SEARCH_POINTS. */
function searchColumns(p: DistillPairs): { X: Float64Array[]; Y: Float64Array[] } {
  const m = p.stateNames.length;
  const count = Math.min(p.n, MAX_SEARCH_POINTS);
  const rows = Array.from({ length: count }, (_, k) => Math.floor((k * p.n) / count));
  const col = (A: Float64Array, j: number) => Float64Array.from(rows, (i) => A[i * m + j]!);
  return { X: p.stateNames.map((_, j) => col(p.Y, j)), Y: p.stateNames.map((_, j) => col(p.F, j)) };
}

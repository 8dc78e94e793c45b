/**
 * Symbolic regression on derivative estimates (`--method gp`): one genetic-programming search
 * per state (core/symbolic, in the way of PySR / SymbolicRegression.jl) for ẏ_j = f_j(y) over
 * the states, from the pipeline's derivative layer. No library is chosen beforehand: the search
 * composes the operators. Steps: one island-iteration of one state's search each, the Pareto
 * fronts streamed; Stop or a time budget reports the best formulas found so far.
 */
import { exprToString, type Expr } from '../../model/expr';
import { createMultiSearch, multiSearchResult, multiSearchStep, type MultiSearch } from '../../symbolic/multiSearch';
import { populationStd } from '../../stats';
import { err, ok, type Result } from '../../types';
import { expressionModel } from '../model';
import { validateFields } from '../settings';
import type { FittingMethod, MethodOutcome } from '../types';
import { gpDefaults, gpFields, gpInfo, parseOperators, type GpSettings } from './info';

export { gpDefaults, gpFields, parseOperators, type GpSettings };

/** A step's time budget in ms (a step ends after the island that exceeds it). */
const STEP_MS = 30;

interface GpState { search: MultiSearch; stateNames: string[]; tolerance: number; std: number[] }

/** Index into a front (increasing complexity): the simplest within tolerance of the best, or PySR's pick. */
export function chooseFormula(front: readonly { loss: number }[], pysrBest: number, tolerance: number, scale: number): number {
  if (tolerance <= 0 || front.length === 0) return pysrBest;
  const bestRms = Math.sqrt(Math.min(...front.map((e) => e.loss)));
  const k = front.findIndex((e) => Math.sqrt(e.loss) <= bestRms + tolerance * scale);
  return k >= 0 ? k : pysrBest;
}

export const gpMethod: FittingMethod<GpSettings, GpState> = {
  ...gpInfo,
  // The operators field's own check (parseOperators) runs inside validateFields.
  validate: (given) => validateFields<GpSettings>(gpFields, gpDefaults, given, 'symbolic-regression setting'),
  needs: () => ['derivatives'],
  init(input, s) {
    const d = input.layers.derivatives();
    if (!d.ok) return d;
    const { stateNames, trajectories } = input.data;
    const m = stateNames.length;
    const n = trajectories.reduce((a, tr) => a + tr.t.length, 0);
    const X = stateNames.map(() => new Float64Array(n));
    const Y = stateNames.map(() => new Float64Array(n));
    let row = 0;
    trajectories.forEach((tr, k) => {
      const dy = d.value.dydt[k]!;
      for (let i = 0; i < tr.t.length; i++, row++) {
        for (let j = 0; j < m; j++) { X[j]![row] = tr.y[i * m + j]!; Y[j]![row] = dy[i * m + j]!; }
      }
    });
    const ops = parseOperators(s.operators);
    if (!ops.ok) return ops;
    const search = createMultiSearch(X, Y, stateNames, {
      binaryOperators: ops.value.binary, unaryOperators: ops.value.unary, maxsize: s.maxsize, populations: s.populations, niterations: s.iterations,
    }, s.seed);
    return search.ok ? ok({ search: search.value, stateNames, tolerance: s.tolerance, std: Y.map(populationStd) }) : search;
  },
  step(st) {
    // One island's evolution at least, more while STEP_MS lasts: Stop and newer settings are seen
    // between steps (the search is the same however its iterations are cut: each island has its own stream).
    const r = multiSearchStep(st.search, STEP_MS);
    const fronts = r.fronts.map((f) => f.map((e) => ({ complexity: e.complexity, loss: e.loss, equation: exprToString(e.expr, st.stateNames) })));
    return { done: r.done, fraction: r.fraction, label: 'symbolic search', live: { kind: 'pareto', fronts } };
  },
  finish(st): Result<MethodOutcome> {
    const results = multiSearchResult(st.search);
    const missing = results.findIndex((r) => r.best < 0);
    if (missing >= 0) return err(`The search found no finite formula for ${st.stateNames[missing]}. Allow more iterations or other operators.`);
    const exprs: Expr[] = results.map((r, j) => r.front[chooseFormula(r.front, r.best, st.tolerance, st.std[j]!)]!.expr);
    const pareto = results.map((r) => r.front.map((e) => ({ complexity: e.complexity, loss: e.loss, equation: exprToString(e.expr, st.stateNames) })));
    return ok({ model: expressionModel(st.stateNames, exprs), status: 'ok', message: null, warnings: [], pareto });
  },
};

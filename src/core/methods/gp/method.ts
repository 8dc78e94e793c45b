/**
 * Symbolic regression on derivative estimates (`--method gp`): one genetic-programming search
 * per state (core/symbolic, in the way of PySR / SymbolicRegression.jl) for ẏ_j = f_j(y) over
 * the states, from the pipeline's derivative layer. No library is chosen beforehand: the search
 * composes the operators. Steps: about STEP_MS of islands of one state's search each, the Pareto
 * fronts streamed; Stop or a time budget reports the best formulas found so far.
 *
 * Workers: where the environment lends threads (`MethodInput.parallel`), a step is a round of
 * islands spread over `workers` of them (core/symbolic/parallelSearch.ts), awaited by the async
 * loop; the formulas are the same as in one thread, for any number of workers.
 */
import type { Expr } from '../../model/expr';
import { resolveWorkers } from '../../symbolic/executor';
import { createMultiSearch, multiSearchReport, multiSearchResult, multiSearchStep, type MultiSearch, type MultiStepReport } from '../../symbolic/multiSearch';
import { attachExecutor, detachExecutor, parallelRound, type ParallelSearch } from '../../symbolic/parallelSearch';
import { exprToString } from '../../model/expr';
import { populationStd } from '../../stats';
import { err, ok, type Result } from '../../types';
import { expressionModel } from '../model';
import { validateFields } from '../settings';
import type { FittingMethod, MethodOutcome, StepReport } from '../types';
import { gpDefaults, gpFields, gpInfo, MAX_WORKERS, parseOperators, type GpSettings } from './info';

export { gpDefaults, gpFields, MAX_WORKERS, parseOperators, type GpSettings };

/** A single-threaded step evolves islands for about this long, so Stop is answered quickly. */
const STEP_MS = 50;

interface GpState {
  search: MultiSearch;
  stateNames: string[];
  tolerance: number;
  std: number[];
  /** the search on an executor's threads (null: stepped in this thread) */
  parallel: ParallelSearch | null;
  /** why the threads asked for are not used (this browser cannot start them), or null */
  notice: string | null;
}

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
    if (!search.ok) return search;
    // An executor of one worker would evolve a whole round without yielding: step here instead.
    const workers = resolveWorkers(s.workers, input.parallel);
    const executor = workers > 1 ? input.parallel?.islands(workers) : undefined;
    const parallel = executor && executor.workers > 1 ? attachExecutor(search.value, executor) : null;
    return ok({ search: search.value, stateNames, tolerance: s.tolerance, std: Y.map(populationStd), parallel, notice: executor?.notice ?? null });
  },
  step(st) {
    return stepReport(st, multiSearchStep(st.search, STEP_MS));
  },
  async stepAsync(st, interrupted) {
    if (!st.parallel) return stepReport(st, multiSearchStep(st.search, STEP_MS));
    const r = await parallelRound(st.parallel, interrupted);
    return stepReport(st, r ?? multiSearchReport(st.search));
  },
  dispose(st) {
    if (st.parallel) detachExecutor(st.parallel);
  },
  finish(st): Result<MethodOutcome> {
    const results = multiSearchResult(st.search);
    const missing = results.findIndex((r) => r.best < 0);
    if (missing >= 0) return err(`The search found no finite formula for ${st.stateNames[missing]}. Allow more iterations or other operators.`);
    const exprs: Expr[] = results.map((r, j) => r.front[chooseFormula(r.front, r.best, st.tolerance, st.std[j]!)]!.expr);
    const pareto = results.map((r) => r.front.map((e) => ({ complexity: e.complexity, loss: e.loss, equation: exprToString(e.expr, st.stateNames) })));
    const notice = st.parallel?.executor.notice ?? st.notice;
    return ok({ model: expressionModel(st.stateNames, exprs), status: 'ok', message: null, warnings: notice ? [notice] : [], pareto });
  },
};

/** A step's report: progress and every state's current front, labelled with the workers in use. */
function stepReport(st: GpState, r: MultiStepReport): StepReport {
  const fronts = r.fronts.map((f) => f.map((e) => ({ complexity: e.complexity, loss: e.loss, equation: exprToString(e.expr, st.stateNames) })));
  const workers = st.parallel?.executor.workers ?? 1;
  return { done: r.done, fraction: r.fraction, label: workers > 1 ? `symbolic search on ${workers} workers` : 'symbolic search', live: { kind: 'pareto', fronts } };
}

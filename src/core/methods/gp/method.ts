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
import { BINARY_OPS, UNARY_OPS, type BinaryOp, type Expr, type UnaryOp } from '../../model/expr';
import { resolveWorkers } from '../../symbolic/executor';
import { createMultiSearch, multiSearchReport, multiSearchResult, multiSearchStep, type MultiSearch, type MultiStepReport } from '../../symbolic/multiSearch';
import { attachExecutor, detachExecutor, parallelRound, type ParallelSearch } from '../../symbolic/parallelSearch';
import { exprToString } from '../../model/expr';
import { populationStd } from '../../stats';
import { err, ok, type Result } from '../../types';
import { expressionModel } from '../model';
import { validateFields } from '../settings';
import type { FittingMethod, MethodField, MethodOutcome, StepReport } from '../types';

export interface GpSettings {
  /** comma-separated operators: any of + - * / and neg square cube sqrt exp log sin cos */
  operators: string;
  maxsize: number;
  populations: number;
  iterations: number;
  seed: number;
  /**
   * Which formula of the front to report: the simplest whose RMS error is within `tolerance` ×
   * std(ẏ_j) of the best one's. Derivative estimates are rarely better than 0.1 %, and below
   * that the longer formulas fit the estimate's error (finite differences on clean Lorenz: the
   * exact 10(y − x) at complexity 5, then 17-node formulas 0.01 % better). 0: PySR's "best" rule.
   */
  tolerance: number;
  /** threads the islands are spread over (0: automatic, one per core up to 4); the result does not depend on it */
  workers: number;
}

export const gpDefaults: Readonly<GpSettings> = Object.freeze({ operators: '+,-,*,/', maxsize: 20, populations: 8, iterations: 40, seed: 0, tolerance: 1e-3, workers: 0 });

/** Most workers one may ask for (more threads than islands would idle). */
export const MAX_WORKERS = 16;

/** A single-threaded step evolves islands for about this long, so Stop is answered quickly. */
const STEP_MS = 50;

/** The settings a user can change (page, URL `m.<key>`, CLI `--<key>`), with their ranges. */
export const gpFields: readonly MethodField[] = Object.freeze([
  { key: 'operators', label: 'Operators', kind: 'text', maxLength: 200, placeholder: '+,-,*,/,sin',
    help: `The operators formulas may use, comma-separated: any of ${[...BINARY_OPS, ...UNARY_OPS].join(' ')}.` },
  { key: 'maxsize', label: 'Largest formula', kind: 'int', min: 3, max: 60, unit: 'nodes', help: 'The largest formula the search considers, counted in tree nodes (20 is typical).' },
  { key: 'populations', label: 'Populations', kind: 'int', min: 1, max: 100, advanced: true, help: 'Independent populations (islands) evolving side by side, exchanging their best formulas.' },
  { key: 'iterations', label: 'Iterations', kind: 'int', min: 1, max: 10000, help: 'Rounds of evolution of every population; more finds more, slower.' },
  { key: 'seed', label: 'Search seed', kind: 'int', min: 0, max: 2 ** 31 - 1, advanced: true, help: 'The random seed of the search: the same seed and settings give the same formulas.' },
  { key: 'tolerance', label: 'Selection tolerance', kind: 'number', min: 0, max: 0.5, log: false, advanced: true,
    help: 'Report the simplest formula whose error is within this fraction of std(ẏ) of the best one (0: PySR\'s score).' },
  { key: 'workers', label: 'Workers', kind: 'int', min: 0, max: MAX_WORKERS, advanced: true,
    help: 'Threads the populations are spread over (0: automatic, one per core up to 4). Any number gives the same formulas; more are faster up to the number of cores.' },
]);

/** Operators text → binary and unary lists, or a message naming the unknown one. */
export function parseOperators(text: string): Result<{ binary: BinaryOp[]; unary: UnaryOp[] }> {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const binary: BinaryOp[] = [];
  const unary: UnaryOp[] = [];
  for (const n of names) {
    if ((BINARY_OPS as readonly string[]).includes(n)) binary.push(n as BinaryOp);
    else if ((UNARY_OPS as readonly string[]).includes(n)) unary.push(n as UnaryOp);
    else return err(`Unknown operator '${n.slice(0, 20)}'. Use any of ${[...BINARY_OPS, ...UNARY_OPS].join(', ')}, separated by commas.`);
  }
  if (binary.length === 0) return err('Give at least one binary operator (+, -, *, /).');
  return ok({ binary, unary });
}

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
  id: 'gp',
  label: 'Symbolic regression on ẏ',
  description: 'A genetic-programming search for a formula per state, over the operators you allow (as PySR does), on the derivative estimates.',
  defaults: gpDefaults,
  fields: gpFields,
  validate(given) {
    const r = validateFields<GpSettings>(gpFields, gpDefaults, given, 'symbolic-regression setting');
    if (!r.ok) return r;
    const ops = parseOperators(r.value.operators);
    return ops.ok ? r : ops;
  },
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

/**
 * Symbolic regression by regularised evolution on islands, in the way SymbolicRegression.jl / PySR
 * search (Cranmer 2023, arXiv:2305.01582), as a steppable state machine:
 *
 *   const s = createSearch({ X, y, varNames }, { unaryOperators: ['sin'] }, seed);   // Result
 *   if (!s.ok) show(s.error);
 *   while (!searchStep(s.value, 50).done) report(progress);                          // ≤ ~50 ms per call
 *   const { front, best } = searchResult(s.value);   // front[best].expr: an Expr (model/expr.ts)
 *
 * One iteration = every island evolves ncyclesPerIteration cycles (island.ts: tournaments with
 * adaptive parsimony, mutations and crossover replacing the oldest, then simplification and
 * constant fitting), then, in island order: the hall of fame takes each island's best per
 * complexity, the complexity frequencies are updated, and islands receive migrants from the
 * others' best and from the hall of fame (migration.ts). `searchStep(state, maxMs)` evolves islands
 * one at a time until the iteration completes or maxMs has passed (at least one island per call),
 * so the caller can poll for cancellation; the result never depends on maxMs.
 *
 * Determinism and workers: island i draws its random numbers in iteration t from its own stream
 * `islandRng(seed, 'evolve', i, t)` and reads only its members and the frequency table of the
 * iteration's start. A driver that spreads islands over workers runs `evolveIsland` for each island
 * wherever it likes and passes the reports to `finishIteration` in island order: the same seed
 * gives the same front whatever the number of workers.
 *
 * One search fits one output; `createMultiSearch` (multiSearch.ts) runs one per state.
 */
import { createRng, type Rng } from '../data/rng';
import { err, ok, type Result } from '../types';
import type { FitWork } from './constants';
import { checkData, type Problem, type SymbolicData } from './dataset';
import { createEvaluator } from './evaluate';
import { chooseBest, createHallOfFame, offer, paretoFront, type FrontEntry, type HallOfFame, type Member } from './hallOfFame';
import { costOf, createIsland, evolveIsland, lossOfExpr, type EvolveReport, type Island, type IslandContext } from './island';
import { createJacobianWork } from './jacobian';
import { migrate } from './migration';
import { validateSymbolicOptions, type SymbolicOptions } from './options';
import { createProgram } from './program';
import { simplify } from './simplify';
import { exprComplexity } from '../model/expr';

export interface SymbolicSearch {
  ctx: IslandContext;
  seed: number;
  islands: Island[];
  /** frequency of each complexity among new members (adaptive parsimony), index = complexity */
  freq: Float64Array;
  hof: HallOfFame;
  /** completed iterations */
  iteration: number;
  /** islands of the current iteration already evolved, and their reports */
  reports: EvolveReport[];
  /** loss evaluations so far */
  evaluations: number;
  done: boolean;
}

export interface StepReport {
  done: boolean;
  /** completed iterations */
  iteration: number;
  /** progress in [0, 1] */
  fraction: number;
  front: FrontEntry[];
}

export interface SymbolicResult {
  /** the Pareto front, increasing complexity, decreasing loss */
  front: FrontEntry[];
  /** index into front chosen by PySR's "best" rule (−1 if the front is empty) */
  best: number;
  varNames: string[];
  iterations: number;
  evaluations: number;
}

/** Window of PySR's running complexity statistics: older counts fade once this many are recorded. */
const FREQ_WINDOW = 100000;

type StreamKind = 'init' | 'evolve' | 'migrate';
const KIND: Record<StreamKind, number> = { init: 0, evolve: 1, migrate: 2 };

/** The random stream of island i in iteration t for one kind of work. */
export function islandRng(seed: number, kind: StreamKind, island: number, iteration: number): Rng {
  return createRng(seed, ((KIND[kind] * 256 + island) * 65536 + iteration) | 0);
}

export function createFitWork(n: number): FitWork {
  return { prog: createProgram(32), ev: createEvaluator(n), jw: createJacobianWork(n), pred: new Float64Array(n), jac: new Float64Array(0) };
}

/** What evolving an island of this problem needs, with scratch buffers of its own (one per thread). */
export function islandContext(problem: Problem, options: SymbolicOptions): IslandContext {
  return {
    problem, options,
    alphabet: { nVars: problem.X.length, binary: options.binaryOperators, unary: options.unaryOperators },
    work: createFitWork(problem.n),
  };
}

/** A search ready to step, or what is wrong with the data or the options. */
export function createSearch(data: SymbolicData, options: Partial<SymbolicOptions>, seed: number): Result<SymbolicSearch> {
  if (!Number.isFinite(seed)) return err(`The seed is ${seed}: use a finite number.`);
  const problem = checkData(data);
  if (!problem.ok) return problem;
  const opts = validateSymbolicOptions(options);
  if (!opts.ok) return opts;
  return ok(createSearchFrom(problem.value, opts.value, seed));
}

/** createSearch for an already checked problem and validated options. */
export function createSearchFrom(problem: Problem, options: SymbolicOptions, seed: number): SymbolicSearch {
  const ctx = islandContext(problem, options);
  const islands: Island[] = [];
  for (let i = 0; i < options.populations; i++) islands.push(createIsland(ctx, islandRng(seed, 'init', i, 0)));
  const hof = createHallOfFame(options.maxsize);
  for (const isl of islands) for (const m of isl.members) offer(hof, m);
  return {
    ctx, seed, islands, freq: new Float64Array(options.maxsize + 1).fill(1), hof,
    iteration: 0, reports: [], evaluations: options.populations * options.populationSize, done: false,
  };
}

/** Evolve islands until the current iteration completes or maxMs has passed (see the header). */
export function searchStep(s: SymbolicSearch, maxMs?: number): StepReport {
  const t0 = performance.now();
  const P = s.ctx.options.populations;
  while (!s.done) {
    const i = s.reports.length;
    s.reports.push(evolveIsland(s.islands[i]!, s.ctx, s.freq, islandRng(s.seed, 'evolve', i, s.iteration)));
    if (s.reports.length === P) { finishIteration(s, s.reports); s.reports = []; break; }
    if (maxMs !== undefined && performance.now() - t0 >= maxMs) break;
  }
  return {
    done: s.done, iteration: s.iteration,
    fraction: s.done ? 1 : Math.min(1, (s.iteration + s.reports.length / P) / s.ctx.options.niterations),
    front: currentFront(s),
  };
}

/** Run to the end (tests, CLI). */
export function runSearch(s: SymbolicSearch): SymbolicResult {
  while (!s.done) searchStep(s);
  return searchResult(s);
}

/**
 * The end of an iteration, given every island's report in island order: hall of fame, frequencies,
 * migration (each island with its own 'migrate' stream), iteration count, stopping rule.
 */
export function finishIteration(s: SymbolicSearch, reports: readonly EvolveReport[]): void {
  const o = s.ctx.options;
  for (const r of reports) {
    for (const m of r.bestSeen) if (m) offerSimplified(s, m);
    for (let c = 0; c < s.freq.length; c++) s.freq[c]! += r.births[c] ?? 0;
    s.evaluations += r.evaluations;
  }
  let total = 0;
  for (const f of s.freq) total += f;
  if (total > FREQ_WINDOW) for (let c = 0; c < s.freq.length; c++) s.freq[c] = s.freq[c]! * (FREQ_WINDOW / total);
  const pool = s.islands.flatMap((isl) => topMembers(isl, s.ctx, o.topn));
  const hofPool: Member[] = paretoFront(s.hof, lossFloor(s)).map((e) => ({ expr: e.expr, loss: e.loss, complexity: e.complexity, birth: 0 }));
  s.islands.forEach((isl, i) => {
    const rng = islandRng(s.seed, 'migrate', i, s.iteration);
    if (o.fractionReplaced > 0) migrate(isl, pool, o.fractionReplaced, rng);
    if (o.fractionReplacedHof > 0) migrate(isl, hofPool, o.fractionReplacedHof, rng);
  });
  s.iteration++;
  const front = currentFront(s);
  const minLoss = front.length ? front[front.length - 1]!.loss : Infinity;
  if (s.iteration >= o.niterations || (o.earlyStopLoss > 0 && minLoss <= o.earlyStopLoss)) s.done = true;
}

/**
 * Offer m to the hall of fame, and its simplified form too when that is smaller: an island may
 * replace a member before the end-of-iteration simplification reaches it, and the front should
 * show −(x / (1 + x)), not −1 · (x / (x + 1)).
 */
function offerSimplified(s: SymbolicSearch, m: Member): void {
  offer(s.hof, m);
  const e = simplify(m.expr);
  const complexity = exprComplexity(e);
  if (complexity >= m.complexity) return;
  const loss = lossOfExpr(e, s.ctx);
  s.evaluations++;
  offer(s.hof, { expr: e, loss, complexity, birth: m.birth });
}

function topMembers(isl: Island, ctx: IslandContext, k: number): Member[] {
  return [...isl.members]
    .filter((m) => Number.isFinite(m.loss))
    .sort((a, b) => costOf(a, ctx) - costOf(b, ctx) || a.birth - b.birth)
    .slice(0, k);
}

/** Losses below 10⁻²² × the baseline are ties (see paretoFront). */
function lossFloor(s: SymbolicSearch): number {
  return 1e-22 * s.ctx.problem.baseline;
}

function currentFront(s: SymbolicSearch): FrontEntry[] {
  return paretoFront(s.hof, lossFloor(s));
}

export function searchResult(s: SymbolicSearch): SymbolicResult {
  const front = currentFront(s);
  return { front, best: chooseBest(front), varNames: s.ctx.problem.varNames, iterations: s.iteration, evaluations: s.evaluations };
}

/**
 * One island (population) and its regularised evolution (Real et al., AAAI 2019, as used by
 * SymbolicRegression.jl): each cycle runs ⌈populationSize / tournamentSelectionN⌉ times
 *   - with probability crossoverProbability: two tournament winners are crossed, both children
 *     replace the two oldest members;
 *   - otherwise: a tournament winner is mutated and the child replaces the oldest member
 *     (a failed mutation or a non-finite loss replaces nothing).
 * Tournament: tournamentSelectionN distinct members ranked by
 *   cost × exp(adaptiveParsimonyScaling × share of new members of the same complexity),
 *   cost = loss / baseline + parsimony × complexity,
 * the k-th ranked wins with probability p(1 − p)ᵏ (PySR's adaptive parsimony keeps every
 * complexity represented). After the cycles every member is simplified and, with probability
 * optimizerProbability, has its constants fitted (constants.ts).
 *
 * An island's evolution reads only its own members, the frequency table copied at the start of
 * the iteration and its own RNG stream, so islands can run in any order or in separate workers and
 * give the same result for the same seed.
 */
import { exprComplexity, type Expr } from '../model/expr';
import type { Rng } from '../data/rng';
import { optimizeConstants, type FitWork } from './constants';
import { programLoss, type Problem } from './dataset';
import { offer, type HallOfFame, type Member } from './hallOfFame';
import { crossover, mutate, type MutationContext } from './mutate';
import type { SymbolicOptions } from './options';
import { loadProgram } from './program';
import { simplify } from './simplify';
import { randomTree, type Alphabet } from './tree';

export interface Island {
  members: Member[];
  /** next birth number */
  births: number;
}

/** What an island needs besides its members (shared read-only, except `work`'s scratch). */
export interface IslandContext {
  problem: Problem;
  options: SymbolicOptions;
  alphabet: Alphabet;
  work: FitWork;
}

export interface EvolveReport {
  /** best member per complexity seen during this iteration */
  bestSeen: HallOfFame;
  /** new members per complexity (adaptive parsimony's statistics) */
  births: Float64Array;
  /** loss evaluations (mutations, crossovers, constant fitting) */
  evaluations: number;
}

export function lossOfExpr(e: Expr, ctx: IslandContext): number {
  return programLoss(loadProgram(ctx.work.prog, e), ctx.problem, ctx.work.ev, ctx.work.pred);
}

export function makeMember(e: Expr, ctx: IslandContext, birth: number): Member {
  return { expr: e, loss: lossOfExpr(e, ctx), complexity: exprComplexity(e), birth };
}

/** populationSize random trees of 3 appended operators (as SymbolicRegression.jl's initial populations). */
export function createIsland(ctx: IslandContext, rng: Rng): Island {
  const members: Member[] = [];
  for (let i = 0; i < ctx.options.populationSize; i++) members.push(makeMember(randomTree(3, rng, ctx.alphabet), ctx, i));
  return { members, births: members.length };
}

export function costOf(m: Member, ctx: IslandContext): number {
  const norm = ctx.problem.baseline > 0 ? ctx.problem.baseline : 1;
  return m.loss / norm + ctx.options.parsimony * m.complexity;
}

/**
 * One iteration of an island: ncyclesPerIteration cycles of regularised evolution, then
 * simplification and constant fitting. freq: the frequency table at the iteration's start
 * (normalised inside); not modified.
 */
export function evolveIsland(island: Island, ctx: IslandContext, freq: Float64Array, rng: Rng): EvolveReport {
  const o = ctx.options;
  const report: EvolveReport = { bestSeen: new Array<Member | null>(o.maxsize + 1).fill(null), births: new Float64Array(o.maxsize + 1), evaluations: 0 };
  const localFreq = Float64Array.from(freq);
  const mctx: MutationContext = { rng, options: o, alphabet: ctx.alphabet, temperature: 1 };
  const rounds = Math.ceil(o.populationSize / o.tournamentSelectionN);
  const born = (m: Member) => {
    localFreq[m.complexity]! += 1;
    report.births[m.complexity]! += 1;
    offer(report.bestSeen, m);
  };
  for (let cycle = 0; cycle < o.ncyclesPerIteration; cycle++) {
    for (let r = 0; r < rounds; r++) {
      if (rng() < o.crossoverProbability) {
        const a = tournament(island, ctx, localFreq, rng), b = tournament(island, ctx, localFreq, rng);
        const kids = crossover(a.expr, b.expr, mctx);
        if (!kids) continue;
        const m1 = makeMember(kids[0], ctx, island.births++), m2 = makeMember(kids[1], ctx, island.births++);
        report.evaluations += 2;
        replaceOldest(island, m1); replaceOldest(island, m2);
        born(m1); born(m2);
        continue;
      }
      const parent = tournament(island, ctx, localFreq, rng);
      const { name, expr } = mutate(parent.expr, mctx);
      if (expr === null) continue;
      let child: Member;
      if (name === 'optimize') {
        const fit = optimizeConstants(expr, parent.loss, ctx.problem, ctx.work, rng, o.optimizerIterations, o.optimizerNrestarts);
        report.evaluations += fit.evaluations;
        child = { expr: fit.expr, loss: fit.loss, complexity: parent.complexity, birth: island.births++ };
      } else if (name === 'doNothing') {
        child = { ...parent, birth: island.births++ };
      } else {
        child = makeMember(expr, ctx, island.births++);
        report.evaluations++;
      }
      if (!Number.isFinite(child.loss)) continue;
      replaceOldest(island, child);
      born(child);
    }
  }
  report.evaluations += polish(island, ctx, rng);
  for (const m of island.members) offer(report.bestSeen, m);
  return report;
}

/** Simplify every member; fit the constants of each with probability optimizerProbability. Returns evaluations. */
function polish(island: Island, ctx: IslandContext, rng: Rng): number {
  const o = ctx.options;
  let evaluations = 0;
  island.members = island.members.map((m) => {
    let cur = m;
    const s = simplify(m.expr);
    const cs = exprComplexity(s);
    if (cs < m.complexity) {
      const loss = lossOfExpr(s, ctx);
      evaluations++;
      if (Number.isFinite(loss) || !Number.isFinite(m.loss)) cur = { expr: s, loss, complexity: cs, birth: m.birth };
    }
    if (rng() < o.optimizerProbability) {
      const fit = optimizeConstants(cur.expr, cur.loss, ctx.problem, ctx.work, rng, o.optimizerIterations, o.optimizerNrestarts);
      evaluations += fit.evaluations;
      if (fit.loss < cur.loss) cur = { ...cur, expr: fit.expr, loss: fit.loss };
    }
    return cur;
  });
  return evaluations;
}

/** Buffers reused by tournaments (islands run one at a time per thread). */
let scratchIdx = new Int32Array(0);
let scratchCost = new Float64Array(0);

/**
 * A tournament winner (see the header): tournamentSelectionN members drawn without replacement
 * (partial Fisher–Yates), ranked by adjusted cost (ties: older first), the k-th ranked chosen with
 * probability p(1 − p)ᵏ. No allocation: indices and costs live in reused typed arrays.
 */
export function tournament(island: Island, ctx: IslandContext, freq: Float64Array, rng: Rng): Member {
  const o = ctx.options, pop = island.members, n = pop.length;
  const k = Math.min(o.tournamentSelectionN, n);
  if (scratchIdx.length < n) { scratchIdx = new Int32Array(n); scratchCost = new Float64Array(n); }
  const idx = scratchIdx, cost = scratchCost;
  for (let i = 0; i < n; i++) idx[i] = i;
  let total = 0;
  for (let c = 0; c < freq.length; c++) total += freq[c]!;
  const scale = total > 0 ? o.adaptiveParsimonyScaling / total : 0;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const pick = idx[j]!;
    idx[j] = idx[i]!;
    const m = pop[pick]!;
    const c = costOf(m, ctx) * Math.exp(scale * (freq[m.complexity] ?? 0));
    // insertion into the ranked prefix idx[0…i)
    let q = i;
    while (q > 0 && (cost[q - 1]! > c || (cost[q - 1] === c && pop[idx[q - 1]!]!.birth > m.birth))) {
      idx[q] = idx[q - 1]!; cost[q] = cost[q - 1]!; q--;
    }
    idx[q] = pick; cost[q] = c;
  }
  for (let i = 0; i < k - 1; i++) if (rng() < o.tournamentSelectionP) return pop[idx[i]!]!;
  return pop[idx[k - 1]!]!;
}

/** Put m in place of the member with the smallest birth number. */
export function replaceOldest(island: Island, m: Member): void {
  const pop = island.members;
  let oldest = 0;
  for (let i = 1; i < pop.length; i++) if (pop[i]!.birth < pop[oldest]!.birth) oldest = i;
  pop[oldest] = m;
}

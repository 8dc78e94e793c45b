/**
 * The hall of fame: the best expression found at each complexity, and from it the Pareto front of
 * complexity against loss (each entry simpler than, or more accurate than, every other), as
 * SymbolicRegression.jl's HallOfFame and calculate_pareto_frontier.
 *
 * Score (PySR): along the front sorted by complexity, scoreᵢ = −Δ log(loss) / Δ complexity from the
 * previous entry (0 for the first): how much accuracy each added node buys. PySR's default model
 * selection "best" picks the highest score among the entries whose loss is ≤ 1.5 × the lowest loss,
 * so a simple formula wins only if it is nearly as accurate as the best one.
 */
import type { Expr } from '../model/expr';

export interface Member {
  expr: Expr;
  loss: number;
  complexity: number;
  /** birth order within its island (the oldest is replaced first) */
  birth: number;
}

export interface FrontEntry {
  complexity: number;
  loss: number;
  /** −Δ log(loss) / Δ complexity from the previous entry (PySR's score) */
  score: number;
  expr: Expr;
}

/** best[c]: the lowest-loss member of complexity c seen so far (null: none yet). */
export type HallOfFame = (Member | null)[];

export function createHallOfFame(maxsize: number): HallOfFame {
  return new Array<Member | null>(maxsize + 1).fill(null);
}

/** Keep m if it beats the entry of its complexity (ties keep the earlier one, for determinism). */
export function offer(hof: HallOfFame, m: Member): void {
  if (!Number.isFinite(m.loss) || m.complexity >= hof.length) return;
  const cur = hof[m.complexity];
  if (!cur || m.loss < cur.loss) hof[m.complexity] = m;
}

/**
 * The dominating entries in increasing complexity, each with a strictly lower loss than all simpler
 * ones. Losses below `lossFloor` are ties at the floor: on exact data the true formula fits to
 * rounding error (say 10⁻²⁹) and a larger tree can land a little lower by luck; neither loss means
 * anything, and the simpler one must win. The search passes 10⁻²² × the baseline loss (a relative
 * RMS error of 10⁻¹¹); the floor also keeps log(loss) finite for a loss of exactly 0.
 */
export function paretoFront(hof: HallOfFame, lossFloor = 1e-300): FrontEntry[] {
  const floor = Math.max(lossFloor, 1e-300);
  const front: FrontEntry[] = [];
  let bestLoss = Infinity;
  for (let c = 1; c < hof.length; c++) {
    const m = hof[c];
    if (!m || !Number.isFinite(m.loss)) continue;
    const loss = Math.max(m.loss, floor);
    if (!(loss < bestLoss)) continue;
    const prev = front[front.length - 1];
    const score = prev ? -(Math.log(loss) - Math.log(Math.max(prev.loss, floor))) / (c - prev.complexity) : 0;
    front.push({ complexity: c, loss: m.loss, score, expr: m.expr });
    bestLoss = loss;
  }
  return front;
}

/** PySR's "best": the highest score among entries with loss ≤ 1.5 × the minimum loss (−1 for an empty front). */
export function chooseBest(front: readonly FrontEntry[]): number {
  if (front.length === 0) return -1;
  const minLoss = front[front.length - 1]!.loss;
  let best = -1;
  for (let i = 0; i < front.length; i++) {
    const e = front[i]!;
    if (e.loss > 1.5 * minLoss) continue;
    if (best < 0 || e.score > front[best]!.score) best = i;
  }
  return best;
}

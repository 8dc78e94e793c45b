/**
 * A last constant fit of the hall of fame before a formula is chosen (as PySR optimises its
 * final candidates): during the search only a fraction of the members get their constants
 * fitted (optimizerProbability), so an entry can hold the right shape with rough constants —
 * on a neural field, −x/(x + 1.043) at 6 nodes with 7 × the loss of −x/(x + 1.001), beaten by a
 * 7-node formula with constants in the thousands. Every entry's constants are refitted by
 * Levenberg–Marquardt with restarts (seeded), and the Pareto front is rebuilt from the result.
 */
import { createRng } from '../data/rng';
import { optimizeConstants } from './constants';
import { createHallOfFame, offer, paretoFront, type FrontEntry } from './hallOfFame';
import type { SymbolicSearch } from './search';

export interface PolishOptions { iterations: number; restarts: number }

export const polishDefaults: Readonly<PolishOptions> = Object.freeze({ iterations: 30, restarts: 4 });

/** The search's front after refitting the constants of every hall-of-fame entry (the search itself is not changed). */
export function polishedFront(s: SymbolicSearch, options: Partial<PolishOptions> = {}): FrontEntry[] {
  const o = { ...polishDefaults, ...options };
  const rng = createRng(s.seed, 0x5f0);
  const hof = createHallOfFame(s.hof.length - 1);
  for (const m of s.hof) {
    if (!m || !Number.isFinite(m.loss)) continue;
    const fit = optimizeConstants(m.expr, m.loss, s.ctx.problem, s.ctx.work, rng, o.iterations, o.restarts);
    offer(hof, { expr: fit.expr, loss: fit.loss, complexity: m.complexity, birth: m.birth });
  }
  return paretoFront(hof, 1e-22 * s.ctx.problem.baseline);
}

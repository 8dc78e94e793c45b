/**
 * Migration between islands at the end of an iteration (SymbolicRegression.jl's Migration): each
 * island has a Poisson(fraction × populationSize) number of random members overwritten by copies
 * drawn from a pool — the best `topn` members of every island, or the hall of fame's front.
 * Migrants get fresh birth numbers, so they live a full generation before being replaced.
 */
import type { Rng } from '../data/rng';
import type { Member } from './hallOfFame';
import type { Island } from './island';

/** A Poisson(mean) sample (Knuth's product of uniforms; the means here are small). */
export function poisson(mean: number, rng: Rng): number {
  if (!(mean > 0)) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normalish(rng)));
  const limit = Math.exp(-mean);
  let k = 0, p = rng();
  while (p > limit) { k++; p *= rng(); }
  return k;
}

function normalish(rng: Rng): number {
  let s = 0;
  for (let i = 0; i < 12; i++) s += rng();
  return s - 6;
}

/** Overwrite random members of the island with random picks from pool. */
export function migrate(island: Island, pool: readonly Member[], fraction: number, rng: Rng): void {
  if (pool.length === 0) return;
  const n = island.members.length;
  const count = poisson(fraction * n, rng);
  for (let i = 0; i < count; i++) {
    const at = Math.floor(rng() * n);
    const from = pool[Math.floor(rng() * pool.length)]!;
    island.members[at] = { ...from, birth: island.births++ };
  }
}

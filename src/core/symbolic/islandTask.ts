/**
 * One island's iteration as plain data, so it can be evolved in another thread (a Web Worker, a
 * Node worker thread) and come back bit-identical to evolving it here.
 *
 * A search is sent to a thread once (`SearchSpec`: the checked problem, the options, the seed,
 * under a key); each round then sends, per island, only what changes (`IslandTask`: its members,
 * its birth counter, the round's frequency table) and gets back the evolved island and its
 * report (`IslandResult`). Everything here survives structured cloning (postMessage): numbers,
 * strings, typed arrays, plain objects; `Expr` trees are plain objects. Nothing is code.
 *
 * Why the result does not depend on the thread: an island's iteration reads only its members,
 * the frequency table of the round's start and its own random stream `islandRng(seed, 'evolve',
 * island, iteration)` (search.ts); the scratch buffers it writes are the thread's own.
 */
import type { Problem } from './dataset';
import type { Member } from './hallOfFame';
import { evolveIsland, type EvolveReport, type IslandContext } from './island';
import type { SymbolicOptions } from './options';
import { islandContext, islandRng } from './search';

/** A search as a thread needs it: sent once, then named by `key` in every task. */
export interface SearchSpec {
  key: string;
  problem: Problem;
  options: SymbolicOptions;
  /** the search's own seed (for a multi-search: the output's seed) */
  seed: number;
}

/** Evolve island `island` of search `key` through iteration `iteration`, from these members. */
export interface IslandTask {
  key: string;
  island: number;
  iteration: number;
  members: Member[];
  /** the island's next birth number */
  births: number;
  /** the complexity frequencies at the round's start (read only) */
  freq: Float64Array;
}

/** The island after its iteration, and what the end of the round needs from it. */
export interface IslandResult {
  key: string;
  island: number;
  iteration: number;
  members: Member[];
  births: number;
  report: EvolveReport;
}

/** The contexts of the searches a thread holds, by key (each with the thread's own scratch). */
export type IslandContexts = Map<string, IslandContext & { seed: number }>;

export function contextOfSpec(spec: SearchSpec): IslandContext & { seed: number } {
  return { ...islandContext(spec.problem, spec.options), seed: spec.seed };
}

/**
 * Evolve one task with a thread's contexts. The task's member list is copied before the island
 * changes it, so a task evolved in this thread leaves the caller's island untouched (it is
 * replaced only when the whole round is committed).
 */
export function evolveTask(task: IslandTask, contexts: IslandContexts): IslandResult {
  const ctx = contexts.get(task.key);
  if (!ctx) throw new Error(`evolveTask: search '${task.key}' was not loaded in this thread.`);
  const island = { members: task.members.slice(), births: task.births };
  const report = evolveIsland(island, ctx, task.freq, islandRng(ctx.seed, 'evolve', task.island, task.iteration));
  return { key: task.key, island: task.island, iteration: task.iteration, members: island.members, births: island.births, report };
}

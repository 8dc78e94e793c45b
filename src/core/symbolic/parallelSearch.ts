/**
 * A multi-search (one search per output) stepped in rounds on an island executor:
 *
 *   const ps = attachExecutor(ms, host.islands(4));
 *   while (!(await parallelRound(ps))?.done) …;      // null: the round was cancelled
 *   detachExecutor(ps);
 *
 * A round is one iteration of the first unfinished output's search: all its islands evolve at
 * once (islandTask.ts), then, in island order, the synchronous end of the iteration (hall of fame,
 * frequencies, migration: search.ts `finishIteration`). When an output has fewer islands than
 * the executor has workers, the next unfinished outputs' iterations join the round, so no
 * worker idles while there is work. Either way every output's search goes through exactly the
 * iterations `multiSearchStep` would run, in the same order, with the same random streams: the
 * fronts are identical with 1, 2 or N workers, and identical to the single-threaded stepping.
 */
import type { IslandExecutor } from './executor';
import type { IslandResult, IslandTask, SearchSpec } from './islandTask';
import { multiSearchReport, type MultiSearch, type MultiStepReport } from './multiSearch';
import { finishIteration, type SymbolicSearch } from './search';

export interface ParallelSearch {
  ms: MultiSearch;
  executor: IslandExecutor;
  /** each output's key in the executor's threads */
  keys: string[];
}

let searches = 0;

/** Send each output's data to the executor (once); its threads then take rounds of islands. */
export function attachExecutor(ms: MultiSearch, executor: IslandExecutor): ParallelSearch {
  const id = ++searches;
  const keys = ms.searches.map((_, j) => `s${id}.${j}`);
  const specs: SearchSpec[] = ms.searches.map((s, j) => ({ key: keys[j]!, problem: s.ctx.problem, options: s.ctx.options, seed: s.seed }));
  executor.load(specs);
  return { ms, executor, keys };
}

/** The executor's threads forget the searches' data (call once, however the search ended). */
export function detachExecutor(ps: ParallelSearch): void {
  ps.executor.release(ps.keys);
}

/** The tasks of the next round: the rest of each unfinished search's iteration, until every worker has one. */
export function roundTasks(ps: ParallelSearch): IslandTask[] {
  const tasks: IslandTask[] = [];
  ps.ms.searches.forEach((s, j) => {
    if (s.done || (tasks.length > 0 && tasks.length >= ps.executor.workers)) return;
    for (let i = s.reports.length; i < s.islands.length; i++) {
      const isl = s.islands[i]!;
      tasks.push({ key: ps.keys[j]!, island: i, iteration: s.iteration, members: isl.members, births: isl.births, freq: s.freq });
    }
  });
  return tasks;
}

/**
 * Evolve one round on the executor and commit it (see the header); the report afterwards, or
 * null when `cancelled` ended the round early (the searches are then as before the round).
 */
export async function parallelRound(ps: ParallelSearch, cancelled?: () => boolean): Promise<MultiStepReport | null> {
  const tasks = roundTasks(ps);
  if (tasks.length === 0) return multiSearchReport(ps.ms);
  const results = await ps.executor.run(tasks, cancelled);
  if (!results) return null;
  commit(ps, results);
  return multiSearchReport(ps.ms);
}

/** Results in task order → each search's islands replaced and its iteration finished, in island order. */
function commit(ps: ParallelSearch, results: readonly IslandResult[]): void {
  for (const r of results) {
    const s: SymbolicSearch = ps.ms.searches[ps.keys.indexOf(r.key)]!;
    if (r.iteration !== s.iteration || r.island !== s.reports.length) throw new Error(`parallelRound: island ${r.island} of iteration ${r.iteration} arrived out of order.`);
    s.islands[r.island] = { members: r.members, births: r.births };
    s.reports.push(r.report);
    if (s.reports.length === s.islands.length) {
      finishIteration(s, s.reports);
      s.reports = [];
    }
  }
}

/**
 * One symbolic-regression search per output (e.g. per state of a dynamical system: ẋ, ẏ, ż from the
 * same X), stepped as one object. Output j uses seed `seed + 1000003·j`, so each output's result is
 * the same as a lone `createSearch` with that seed.
 *
 *   const ms = createMultiSearch(X, [dx, dy], ['x', 'y'], { unaryOperators: ['sin'] }, 42);
 *   while (!multiSearchStep(ms.value, 50).done) …;
 *   multiSearchResult(ms.value)   // one SymbolicResult per output
 */
import { err, ok, type Result } from '../types';
import { checkData } from './dataset';
import { validateSymbolicOptions, type SymbolicOptions } from './options';
import { createSearchFrom, searchResult, searchStep, type SymbolicResult, type SymbolicSearch } from './search';
import type { FrontEntry } from './hallOfFame';

export interface MultiSearch {
  searches: SymbolicSearch[];
}

export interface MultiStepReport {
  done: boolean;
  /** progress in [0, 1] over all outputs */
  fraction: number;
  /** the current front of each output */
  fronts: FrontEntry[][];
}

/** Output j's seed (see the header). */
export const outputSeed = (seed: number, j: number): number => seed + 1000003 * j;

export function createMultiSearch(
  X: Float64Array[], Y: Float64Array[], varNames: string[], options: Partial<SymbolicOptions>, seed: number, weights?: Float64Array,
): Result<MultiSearch> {
  if (Y.length === 0) return err('There is no output to fit: pass at least one target column in Y.');
  if (!Number.isFinite(seed)) return err(`The seed is ${seed}: use a finite number.`);
  const opts = validateSymbolicOptions(options);
  if (!opts.ok) return opts;
  const searches: SymbolicSearch[] = [];
  for (let j = 0; j < Y.length; j++) {
    const problem = checkData({ X, y: Y[j]!, varNames, weights });
    if (!problem.ok) return err(Y.length > 1 ? `Output ${j + 1}: ${problem.error}` : problem.error);
    searches.push(createSearchFrom(problem.value, opts.value, outputSeed(seed, j)));
  }
  return ok({ searches });
}

/**
 * Advance the first unfinished output by one `searchStep` (an iteration, or less if maxMs runs out),
 * so the outputs finish one after the other and each reaches its final front as early as possible.
 */
export function multiSearchStep(ms: MultiSearch, maxMs?: number): MultiStepReport {
  const next = ms.searches.find((s) => !s.done);
  if (next) searchStep(next, maxMs);
  return multiSearchReport(ms);
}

/** Where the searches are: done, progress over all outputs, each output's current front. */
export function multiSearchReport(ms: MultiSearch): MultiStepReport {
  const fraction = ms.searches.reduce((sum, s) => {
    const o = s.ctx.options;
    return sum + (s.done ? 1 : Math.min(1, (s.iteration + s.reports.length / o.populations) / o.niterations));
  }, 0) / ms.searches.length;
  return { done: ms.searches.every((s) => s.done), fraction, fronts: ms.searches.map((s) => searchResult(s).front) };
}

export function multiSearchResult(ms: MultiSearch): SymbolicResult[] {
  return ms.searches.map(searchResult);
}

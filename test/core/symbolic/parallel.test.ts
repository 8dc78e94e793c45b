/**
 * The symbolic search spread over workers: rounds of islands on an executor (in this thread or
 * on a pool of threads) leave every search in exactly the state the single-threaded stepping
 * does, whatever the number of workers and the order in which they answer; a cancelled round
 * changes nothing; threads that fail hand their work back to this thread.
 */
import { describe, expect, it } from 'vitest';
import { inProcessExecutor, resolveWorkers, autoWorkerCount, type IslandExecutor } from '../../../src/core/symbolic/executor';
import { createIslandPool } from '../../../src/core/symbolic/islandPool';
import { createMultiSearch, multiSearchStep, type MultiSearch } from '../../../src/core/symbolic/multiSearch';
import type { SymbolicOptions } from '../../../src/core/symbolic/options';
import { attachExecutor, detachExecutor, parallelRound, roundTasks } from '../../../src/core/symbolic/parallelSearch';
import { fakeThreads, searchFingerprint, type FakeOptions } from './fakeThreads';
import { columns } from './helpers';

const X = columns(2, 100, 31, -1, 1);
const Y = [X[0]!.map((v, i) => v * v - 0.5 * X[1]![i]!), X[1]!.map((v, i) => v / (1.5 + X[0]![i]!))];
const opts: Partial<SymbolicOptions> = { populations: 3, populationSize: 20, ncyclesPerIteration: 30, niterations: 3 };

function multi(seed = 5, o: Partial<SymbolicOptions> = opts): MultiSearch {
  const ms = createMultiSearch(X, Y, ['x', 'y'], o, seed);
  if (!ms.ok) throw new Error(ms.error);
  return ms.value;
}

/** The single-threaded reference: multiSearchStep to the end. */
function reference(seed = 5, o: Partial<SymbolicOptions> = opts): string[] {
  const ms = multi(seed, o);
  while (!multiSearchStep(ms).done);
  return searchFingerprint(ms);
}

async function runOn(executor: IslandExecutor, seed = 5, o: Partial<SymbolicOptions> = opts): Promise<MultiSearch> {
  const ms = multi(seed, o);
  const ps = attachExecutor(ms, executor);
  for (;;) {
    const r = await parallelRound(ps);
    if (!r) throw new Error('a round was cancelled without being asked to');
    if (r.done) break;
  }
  detachExecutor(ps);
  return ms;
}

describe('rounds of islands on an executor', () => {
  it('in this thread, round by round, the searches are exactly where single-threaded stepping puts them', async () => {
    const a = multi(), b = multi();
    const ps = attachExecutor(b, inProcessExecutor());
    let rounds = 0;
    for (;;) {
      const ra = multiSearchStep(a);
      const rb = await parallelRound(ps);
      rounds++;
      expect(searchFingerprint(b)).toEqual(searchFingerprint(a));
      expect(rb!.fraction).toBe(ra.fraction);
      if (ra.done) { expect(rb!.done).toBe(true); break; }
    }
    expect(rounds).toBe(6); // 3 iterations of 2 outputs
  });

  it.each([1, 2, 3, 5])('on %i threads answering out of order: the identical search (every member, the hall of fame, the counts)', async (workers) => {
    const threads = fakeThreads();
    const pool = createIslandPool(8, threads.spawn);
    const ms = await runOn(pool.executor(workers));
    expect(searchFingerprint(ms)).toEqual(reference());
    expect(threads.started).toBe(workers);
    // every thread worked, and got each search's data once
    expect(threads.tasks.every((n) => n > 0)).toBe(true);
    for (const got of threads.received) expect(got.filter((t) => t === 'load').length).toBeLessThanOrEqual(2);
    pool.dispose();
  });

  it('while the threads start, this thread evolves the islands itself (threads that never get ready: the whole search here)', async () => {
    const threads = fakeThreads({ readyAfter: () => Infinity });
    const pool = createIslandPool(2, threads.spawn);
    const ms = await runOn(pool.executor(2));
    expect(searchFingerprint(ms)).toEqual(reference());
    expect(threads.started).toBe(2);
    expect(threads.tasks).toEqual([0, 0]);
    pool.dispose();
  });

  it('threads that get ready during the search take over from this thread, with the same result', async () => {
    const threads = fakeThreads({ readyAfter: () => Infinity });
    const pool = createIslandPool(2, threads.spawn);
    const ms = multi();
    const ps = attachExecutor(ms, pool.executor(2));
    await parallelRound(ps); // the first round, here
    expect(threads.tasks).toEqual([0, 0]);
    threads.makeReady(0);
    threads.makeReady(1);
    while (!(await parallelRound(ps))!.done);
    expect(searchFingerprint(ms)).toEqual(reference());
    expect(threads.tasks[0]).toBeGreaterThan(0);
    expect(threads.tasks[1]).toBeGreaterThan(0);
    pool.dispose();
  });

  it('another seed gives another search, on threads as in one', async () => {
    const pool = createIslandPool(2, fakeThreads().spawn);
    const ms = await runOn(pool.executor(2), 6);
    expect(searchFingerprint(ms)).not.toEqual(reference(5));
    expect(searchFingerprint(ms)).toEqual(reference(6));
  });

  it('a round keeps every worker busy: an output with fewer islands than workers is joined by the next', () => {
    const ms = multi(1, { ...opts, populations: 2 });
    const tasksFor = (workers: number) => roundTasks({ ms, executor: { ...inProcessExecutor(), workers }, keys: ['a', 'b'] }).map((t) => `${t.key}${t.island}`);
    expect(tasksFor(1)).toEqual(['a0', 'a1']);
    expect(tasksFor(2)).toEqual(['a0', 'a1']);
    expect(tasksFor(3)).toEqual(['a0', 'a1', 'b0', 'b1']);
  });

  it('the threads forget a search when it is detached', async () => {
    const threads = fakeThreads();
    const pool = createIslandPool(2, threads.spawn);
    await runOn(pool.executor(2));
    for (const got of threads.received) expect(got.filter((t) => t === 'release').length).toBe(got.filter((t) => t === 'load').length);
    pool.dispose();
  });
});

describe('cancelling a round', () => {
  it('abandons it with the searches untouched; going on afterwards gives the same result as never stopping', async () => {
    const threads = fakeThreads({ delay: (k) => 5 + 10 * k });
    const pool = createIslandPool(2, threads.spawn);
    const ms = multi();
    const ps = attachExecutor(ms, pool.executor(2));
    await parallelRound(ps); // one whole round first
    const before = searchFingerprint(ms);
    let answered = 0;
    const r = await parallelRound(ps, () => ++answered > 1);
    expect(r).toBeNull();
    expect(searchFingerprint(ms)).toEqual(before);
    while (!(await parallelRound(ps))!.done);
    expect(searchFingerprint(ms)).toEqual(reference());
    pool.dispose();
  });

  it('is seen while every thread is still busy (polled, not only when an answer comes)', async () => {
    const threads = fakeThreads({ delay: () => 1000 });
    const pool = createIslandPool(2, threads.spawn);
    const ps = attachExecutor(multi(), pool.executor(2));
    let stop = false;
    setTimeout(() => { stop = true; }, 20);
    const r = await parallelRound(ps, () => stop);
    expect(r).toBeNull();
    expect(threads.answers).toBe(0);
    pool.dispose();
  });
});

describe('threads that fail', () => {
  const cases: [string, FakeOptions][] = [
    ['a thread that cannot start', { failStart: (k) => k === 1 }],
    ['a thread that dies in the middle of the search', { dieAt: (k, n) => k === 0 && n === 4 }],
  ];
  it.each(cases)('%s: the search goes on in this thread, with the same result, and says so', async (_, o) => {
    const pool = createIslandPool(2, fakeThreads(o).spawn);
    const ex = pool.executor(2);
    expect(ex.notice).toBeNull();
    const ms = await runOn(ex);
    expect(searchFingerprint(ms)).toEqual(reference());
    expect(ex.notice).toMatch(/worker threads failed .*same result/);
    pool.dispose();
  });

  it('a task of a search that was never loaded is a bug: the round fails loudly', async () => {
    const pool = createIslandPool(1, fakeThreads().spawn);
    const ms = multi();
    const s = ms.searches[0]!;
    const task = { key: 'nobody', island: 0, iteration: 0, members: s.islands[0]!.members, births: s.islands[0]!.births, freq: s.freq };
    await expect(pool.executor(1).run([task])).rejects.toThrow(/was not loaded/);
    pool.dispose();
  });
});

describe('how many workers', () => {
  it('0 is automatic (the host\'s: one per core, capped at 4); without a host there is one', () => {
    const host = { autoWorkers: autoWorkerCount(8), islands: () => inProcessExecutor() };
    expect(resolveWorkers(0, host)).toBe(4);
    expect(resolveWorkers(3, host)).toBe(3);
    expect(resolveWorkers(3, undefined)).toBe(1);
    expect(autoWorkerCount(2)).toBe(2);
    expect(autoWorkerCount(undefined)).toBe(1);
    expect(autoWorkerCount(0)).toBe(1);
  });
});

/**
 * Parallel symbolic regression (`npx tsx bench/parallel.ts`), on the clean Lorenz conformance
 * file (5,000 samples, finite-difference derivatives, as `--method gp` fits them):
 * - GP expressions evaluated per second by the search (mutation, evaluation, constant fitting:
 *   everything a search does, per loss evaluation) in this thread and on 1 and 2 worker threads,
 *   wall clock and per CPU-second of the whole process (the threads included), so the cost of
 *   the threads' messages shows beside their gain;
 * - time to solution of `--method gp --iterations 10` (the recovery test's setting) with one
 *   worker and with two: the same formulas by construction, so the ratio is the speed-up;
 * - what worker threads cost to start (tsx compiles the engine in each; meanwhile the calling
 *   thread evolves islands itself, so this is not time the search waits).
 * On a shared machine the wall-clock figures depend on the load: compare within one run, and read
 * the calibration rows first (how many cores two spinning threads actually got).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { evaluate } from 'mathjs';
import { threadHost, threadPort } from '../src/cli/islandThreads';
import { parseCsv } from '../src/core/data/csv';
import { differentiate } from '../src/core/derivative/registry';
import { fitWithSpecAsync } from '../src/core/methods/fit';
import { modelEquations } from '../src/core/methods/model';
import type { PipelineSpec } from '../src/core/methods/types';
import { inProcessExecutor, type IslandExecutor } from '../src/core/symbolic/executor';
import { createMultiSearch, type MultiSearch } from '../src/core/symbolic/multiSearch';
import { attachExecutor, detachExecutor, parallelRound } from '../src/core/symbolic/parallelSearch';
import type { Dataset } from '../src/core/types';
import { fixturePath } from '../test/fixtures/paths';
import { median, printRows, type BenchRow } from './stats';

function lorenz(): Dataset {
  const r = parseCsv(readFileSync(fixturePath('conformance', 'lorenz_clean.csv'), 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return r.value.dataset;
}

/** ẋ's search on the samples (X: the states; y: finite differences), as the gp method builds it. */
function xSearch(ds: Dataset, iterations: number): MultiSearch {
  const tr = ds.trajectories[0]!;
  const n = tr.t.length, m = ds.stateNames.length;
  const d = differentiate(tr.t, tr.y, m, { method: 'fd' });
  if (!d.ok) throw new Error(d.error);
  const X = ds.stateNames.map((_, j) => Float64Array.from({ length: n }, (_, i) => tr.y[i * m + j]!));
  const y = Float64Array.from({ length: n }, (_, i) => d.value[i * m]!);
  const ms = createMultiSearch(X, [y], ds.stateNames, { niterations: iterations }, 0);
  if (!ms.ok) throw new Error(ms.error);
  return ms.value;
}

const cpuNow = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };

async function searchRate(ds: Dataset, label: string, executor: IslandExecutor, repeats: number): Promise<BenchRow> {
  const runs: number[] = [];
  let evaluations = 0, cpu = 0, wall = 0;
  for (let k = 0; k < repeats + 1; k++) {
    const ms = xSearch(ds, 2);
    const e0 = ms.searches[0]!.evaluations;
    const ps = attachExecutor(ms, executor);
    const t0 = performance.now(), c0 = cpuNow();
    while (!(await parallelRound(ps))!.done);
    const dt = performance.now() - t0, dc = cpuNow() - c0;
    detachExecutor(ps);
    if (k === 0) continue; // warm-up (JIT, threads' first load)
    runs.push(dt);
    wall += dt; cpu += dc;
    evaluations += ms.searches[0]!.evaluations - e0;
  }
  const rate = evaluations / (wall / 1000), perCpu = evaluations / cpu;
  return { name: `${label}: ${rate.toFixed(0)} expressions/s wall, ${perCpu.toFixed(0)} per CPU-second`, medianMs: median(runs), runs };
}

/** Whether the formulas are Lorenz's (within 1 % at 50 points spread over the attractor's box). */
function solved(equations: string[]): boolean {
  const truth = (x: number, y: number, z: number) => [10 * (y - x), x * (28 - z) - y, x * y - (8 / 3) * z];
  for (let k = 0; k < 50; k++) {
    const [x, y, z] = [20 * Math.sin(k), 25 * Math.cos(1.3 * k), 25 + 20 * Math.sin(0.7 * k)];
    const want = truth(x, y, z);
    for (let j = 0; j < 3; j++) {
      const got = evaluate(equations[j]!, { x, y, z }) as number;
      if (Math.abs(got - want[j]!) / (Math.abs(want[j]!) + 1) > 1e-2) return false;
    }
  }
  return true;
}

async function timeToSolution(ds: Dataset, workers: number, host: ReturnType<typeof threadHost>): Promise<BenchRow> {
  const spec: PipelineSpec = {
    derivative: { method: 'fd' }, library: { degree: 2, bias: true, fourier: 0, custom: [] },
    optimizer: { method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 }, normalize: false,
    method: { id: 'gp', settings: { iterations: 10, workers } },
  };
  const t0 = performance.now(), c0 = cpuNow();
  const r = await fitWithSpecAsync(ds, spec, {}, host);
  const ms = performance.now() - t0, cpu = cpuNow() - c0;
  if (!r.ok) throw new Error(r.error);
  const ok = solved(modelEquations(r.value.outcome.model));
  return { name: `--method gp --iterations 10 on clean Lorenz, ${workers} worker${workers > 1 ? 's' : ''}: ${ok ? 'solved' : 'NOT solved'}, ${cpu.toFixed(1)} CPU-s`, medianMs: ms, runs: [ms] };
}

/**
 * What the machine gives this process right now: `threads` threads spinning for 1.5 s, and the
 * cores they got (process CPU-seconds / wall seconds). On a shared machine two threads may get
 * no more than one: then no worker count can be faster, and the rows below say only that.
 */
async function coresAvailable(threads: number): Promise<BenchRow> {
  const code = `const e = Date.now() + 1500; let x = 0; while (Date.now() < e) x += Math.sqrt(x + 1); require('node:worker_threads').parentPort.postMessage(x);`;
  const t0 = performance.now(), c0 = cpuNow();
  await Promise.all(Array.from({ length: threads }, () => new Promise((resolve) => new Worker(code, { eval: true }).once('message', resolve))));
  const ms = performance.now() - t0;
  const cores = (cpuNow() - c0) / (ms / 1000);
  return { name: `calibration: ${threads} spinning thread${threads > 1 ? 's' : ''} got ${cores.toFixed(2)} cores`, medianMs: ms, runs: [ms] };
}

/** From starting 2 threads at once to both saying they are ready (tsx compiles the engine in each). */
async function threadStart(): Promise<BenchRow> {
  const runs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const ports = [threadPort(), threadPort()];
    await Promise.all(ports.map((p) => new Promise<void>((resolve, reject) => p.listen((m) => { if (m.type === 'ready') resolve(); }, (e) => reject(new Error(e))))));
    runs.push(performance.now() - t0);
    for (const p of ports) p.terminate();
  }
  return { name: 'start 2 worker threads until both are ready (tsx compiles the engine in each; the search does not wait)', medianMs: median(runs), runs };
}

export async function benchParallel(): Promise<BenchRow[]> {
  const ds = lorenz();
  const host = threadHost();
  const rows: BenchRow[] = [];
  try {
    rows.push(await coresAvailable(1), await coresAvailable(2));
    rows.push(await threadStart());
    const what = 'GP search, ẋ of clean Lorenz (5,000 points, 8 islands × 2 iterations)';
    rows.push(await searchRate(ds, `${what}, this thread`, inProcessExecutor(), 3));
    rows.push(await searchRate(ds, `${what}, 1 worker thread`, host.islands(1), 3));
    rows.push(await searchRate(ds, `${what}, 2 worker threads`, host.islands(2), 3));
    rows.push(await timeToSolution(ds, 1, host));
    rows.push(await timeToSolution(ds, 2, host));
  } finally {
    host.dispose();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printRows(await benchParallel());

/**
 * The fit worker's engine lends its threads to the methods: a gp request with 2 workers runs its
 * islands on the host's pool (here the tests' stand-in threads, see fakeThreads.ts), streams its
 * progress labelled with the workers, gives the formulas of a single-threaded engine, and a Stop
 * during the search answers with the best so far and frees the threads' copies of the data.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams, getSystem } from '../../src/core/systems/registry';
import type { FitSpec } from '../../src/core/methods/types';
import { createIslandPool } from '../../src/core/symbolic/islandPool';
import { FitEngine } from '../../src/worker/engine';
import type { FromWorker } from '../../src/worker/protocol';
import { fakeThreads } from '../core/symbolic/fakeThreads';

const osc = getSystem('linear_oscillator')!;
const spec = (settings: Record<string, unknown>): FitSpec => ({
  data: { source: 'system', system: osc.id, params: defaultParams(osc), x0: [2, 0], tEnd: 10, dt: 0.05, irregular: false, noise: 0, seed: 0 },
  pipeline: {
    derivative: { method: 'fd' }, library: { degree: 2, bias: true, fourier: 0, custom: [] },
    optimizer: { method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 }, normalize: false,
    method: { id: 'gp', settings: { iterations: 3, populations: 4, seed: 1, ...settings } },
  },
});

async function run(engine: FitEngine, s: FitSpec, stopAfterSteps = 0): Promise<FromWorker[]> {
  const out: FromWorker[] = [];
  let steps = 0;
  await engine.run({ runId: 1, spec: s, known: { data: '', derivatives: '' }, animate: false }, {
    post: (m) => { out.push(m); if (m.type === 'step') steps++; },
    isStale: () => false,
    isStopped: () => stopAfterSteps > 0 && steps >= stopAfterSteps,
    pause: () => new Promise((r) => setTimeout(r, 0)),
  });
  return out;
}

const fitOf = (msgs: FromWorker[]) => msgs.find((m): m is Extract<FromWorker, { type: 'fit' }> => m.type === 'fit')!.fit;
const labels = (msgs: FromWorker[]) => [...new Set(msgs.flatMap((m) => (m.type === 'step' ? [m.label] : [])))];

describe('FitEngine with island threads', () => {
  it('runs gp on 2 workers with the formulas of a single-threaded engine', async () => {
    const threads = fakeThreads();
    const pool = createIslandPool(4, threads.spawn);
    const engine = new FitEngine({ parallel: { autoWorkers: 2, islands: (n) => pool.executor(n) } });
    const parallel = await run(engine, spec({ workers: 2 }));
    const single = await run(new FitEngine(), spec({ workers: 2 }));
    expect(labels(parallel)).toEqual(['symbolic search on 2 workers']);
    expect(labels(single)).toEqual(['symbolic search']);
    expect(fitOf(parallel).equations).toEqual(fitOf(single).equations);
    expect(threads.tasks.every((n) => n > 0)).toBe(true);
    pool.dispose();
  });

  it('Stop during a search on workers: the best formulas so far, marked stopped, the threads\' data released', async () => {
    const threads = fakeThreads({ delay: () => 20 });
    const pool = createIslandPool(4, threads.spawn);
    const engine = new FitEngine({ parallel: { autoWorkers: 2, islands: (n) => pool.executor(n) } });
    const msgs = await run(engine, spec({ workers: 2, iterations: 10000 }), 2);
    const fit = fitOf(msgs);
    expect(fit.status).toBe('stopped');
    expect(fit.equations).toHaveLength(2);
    expect(msgs[msgs.length - 1]!.type).toBe('done');
    for (const got of threads.received) expect(got.filter((t) => t === 'release').length).toBe(got.filter((t) => t === 'load').length);
    pool.dispose();
  });
});

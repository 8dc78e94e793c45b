/**
 * The gp method with threads lent to it (MethodInput.parallel): its islands spread over the
 * `workers` setting's threads, the same formulas and fronts as in one thread, Stop and the time
 * budget still answered with the best so far, the threads' copies of the data released.
 * The threads here are the tests' stand-ins (fakeThreads: the real thread handler on cloned
 * messages); test/cli/threads.test.ts runs the same with Node worker threads.
 */
import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { fitWithSpec, fitWithSpecAsync } from '../../../src/core/methods/fit';
import { modelEquations } from '../../../src/core/methods/model';
import { gpFields } from '../../../src/core/methods/gp/method';
import { runMethod } from '../../../src/core/methods/run';
import { LayerCache, pipelineLayers } from '../../../src/core/methods/layers';
import type { PipelineSpec, StepReport } from '../../../src/core/methods/types';
import { resolveMethod } from '../../../src/core/methods/run';
import { createIslandPool } from '../../../src/core/symbolic/islandPool';
import type { ParallelHost } from '../../../src/core/symbolic/executor';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import { fakeThreads, type FakeThreads } from '../symbolic/fakeThreads';

const data = (() => {
  const sys = getSystem('linear_oscillator')!;
  const r = sampleSystem(sys, { params: defaultParams(sys), x0: [2, 0], tEnd: 10, dt: 0.05 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();

const spec = (settings: Record<string, unknown>): PipelineSpec => ({
  derivative: { method: 'fd' }, library: { degree: 2, bias: true, fourier: 0, custom: [] },
  optimizer: { method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 }, normalize: false,
  method: { id: 'gp', settings: { iterations: 3, populations: 4, seed: 2, ...settings } },
});

function host(threads: FakeThreads, auto = 2): ParallelHost & { started(): number; dispose(): void } {
  const pool = createIslandPool(8, threads.spawn);
  return { autoWorkers: auto, islands: (n) => pool.executor(n), started: () => pool.started, dispose: () => pool.dispose() };
}

function oneThread() {
  const r = fitWithSpec(data, spec({}));
  if (!r.ok) throw new Error(r.error);
  return r.value.outcome;
}

describe('gp on several workers', () => {
  it('declares a workers setting (0 = automatic) that the page, the link and the CLI share', () => {
    const f = gpFields.find((x) => x.key === 'workers');
    expect(f).toMatchObject({ kind: 'int', min: 0 });
    const bad = resolveMethod({ data, spec: spec({ workers: -1 }), layers: pipelineLayers(data, 'd', spec({}), new LayerCache()) });
    expect(bad.ok ? '' : bad.error).toMatch(/Workers -1 is out of range/);
  });

  it.each([2, 3])('with %i workers: the same formulas and fronts as in one thread', async (workers) => {
    const threads = fakeThreads();
    const h = host(threads);
    const labels: string[] = [];
    const r = await fitWithSpecAsync(data, spec({ workers }), { onStep: (s: StepReport) => labels.push(s.label) }, h);
    if (!r.ok) throw new Error(r.error);
    const ref = oneThread();
    expect(modelEquations(r.value.outcome.model)).toEqual(modelEquations(ref.model));
    expect(r.value.outcome.pareto).toEqual(ref.pareto);
    expect(r.value.outcome.warnings).toEqual([]);
    expect(h.started()).toBe(workers);
    expect(labels[0]).toBe(`symbolic search on ${workers} workers`);
    // the threads got each state's data once and released it at the end
    for (const got of threads.received) expect(got.filter((t) => t === 'release').length).toBe(got.filter((t) => t === 'load').length);
    h.dispose();
  });

  it('0 workers means the host\'s automatic count; 1 runs in this thread, without the pool', async () => {
    const auto = host(fakeThreads(), 3);
    const labels: string[] = [];
    await fitWithSpecAsync(data, spec({ workers: 0 }), { onStep: (s) => labels.push(s.label) }, auto);
    expect(labels[0]).toBe('symbolic search on 3 workers');
    const single = host(fakeThreads(), 3);
    const r = await fitWithSpecAsync(data, spec({ workers: 1 }), {}, single);
    expect(single.started()).toBe(0);
    expect(r.ok && r.value.outcome.pareto).toEqual(oneThread().pareto);
    auto.dispose();
  });

  it('Stop during the search finishes it with the best formulas so far, marked stopped, and frees the threads\' data', async () => {
    const threads = fakeThreads({ delay: () => 30 });
    const h = host(threads);
    let steps = 0;
    const loop = await runMethod({ data, spec: spec({ workers: 2, iterations: 1000 }), layers: pipelineLayers(data, 'd', spec({}), new LayerCache()), parallel: h }, {
      onStep: () => { steps++; },
      interrupt: () => (steps >= 2 ? 'stop' : null),
      pause: () => new Promise((r) => setTimeout(r, 0)),
    });
    expect(loop.kind === 'finished' && loop.reason).toBe('stopped');
    if (loop.kind !== 'finished' || !loop.outcome.ok) throw new Error('no outcome');
    expect(loop.outcome.value.status).toBe('stopped');
    expect(modelEquations(loop.outcome.value.model)).toHaveLength(2);
    for (const got of threads.received) expect(got.filter((t) => t === 'release').length).toBe(got.filter((t) => t === 'load').length);
    h.dispose();
  });

  it('a time budget ends a search on threads with the best so far', async () => {
    const h = host(fakeThreads({ delay: () => 20 }));
    const r = await fitWithSpecAsync(data, spec({ workers: 2, iterations: 10000 }), { budgetMs: 300 }, h);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.outcome.status).toBe('stopped');
    expect(r.value.outcome.warnings[0]).toMatch(/time budget of 0\.3 s ran out/);
    h.dispose();
  });

  it('threads that fail: the same formulas from this thread, and a warning that says so', async () => {
    const h = host(fakeThreads({ failStart: () => true }));
    const r = await fitWithSpecAsync(data, spec({ workers: 2 }), {}, h);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.outcome.pareto).toEqual(oneThread().pareto);
    expect(r.value.outcome.warnings.join(' ')).toMatch(/worker threads failed .*one thread, with the same result/);
  });
});

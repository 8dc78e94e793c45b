import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { LayerCache, pipelineLayers } from '../../../src/core/methods/layers';
import { fittingMethods, getMethod, registerMethod } from '../../../src/core/methods/registry';
import { runMethodSync, resolveMethod } from '../../../src/core/methods/run';
import type { MethodInput, PipelineSpec, StepReport } from '../../../src/core/methods/types';
import { modelEquations } from '../../../src/core/methods/model';
import { getSystem } from '../../../src/core/systems/registry';
import { slowMethod } from './slowMethod';

const lorenz = (() => {
  const sys = getSystem('lorenz')!;
  const r = sampleSystem(sys, { params: Object.fromEntries(sys.params.map((p) => [p.id, p.value])), x0: sys.x0, tEnd: 5, dt: 0.005 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();

const spec = (method: PipelineSpec['method']): PipelineSpec => ({
  derivative: { method: 'fd' }, library: { degree: 2, bias: true, fourier: 0, custom: [] },
  optimizer: { method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 }, normalize: false, method,
});
const input = (method: PipelineSpec['method'], cache = new LayerCache()): MethodInput =>
  ({ data: lorenz, spec: spec(method), layers: pipelineLayers(lorenz, 'lorenz', spec(method), cache) });

describe('fitting methods as plug-ins', () => {
  it('registers strong, weak and ensemble SINDy, each recovering clean Lorenz through the generic loop', () => {
    expect(fittingMethods().map((m) => m.id)).toEqual(expect.arrayContaining(['sindy', 'weak', 'esindy']));
    for (const id of ['sindy', 'weak', 'esindy']) {
      const r = runMethodSync(input({ id, settings: {} }));
      expect(r.kind).toBe('finished');
      if (r.kind !== 'finished' || !r.outcome.ok) throw new Error(`${id} failed`);
      const eq = modelEquations(r.outcome.value.model);
      expect(eq[0], id).toMatch(/^-10(\.0+\d*)?\*x \+ 10(\.0+\d*)?\*y$|^-9\.99\d*\*x \+ 9\.99\d*\*y$|^-10\.0\d*\*x \+ 10\.0\d*\*y$/);
      expect(r.outcome.value.sparse?.r2.length).toBe(3);
    }
  });

  it('STLSQ is stepped pass by pass, each iterate streamed', () => {
    const reports: StepReport[] = [];
    const r = runMethodSync(input({ id: 'sindy', settings: {} }), { onStep: (rep) => reports.push(rep) });
    expect(r.kind === 'finished' && r.steps).toBe(reports.length);
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.every((x) => x.live?.kind === 'iterate')).toBe(true);
    expect(reports[reports.length - 1]!.done).toBe(true);
  });

  it('refuses an unknown method and bad or misspelt settings with a message', () => {
    expect(resolveMethod(input({ id: 'nope', settings: {} }))).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown fitting method 'nope'/) });
    expect(resolveMethod(input({ id: 'weak', settings: { testFunction: 10 } }))).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown .*'testFunction'/) });
    expect(resolveMethod(input({ id: 'weak', settings: { testFunctions: 'many' } }))).toMatchObject({ ok: false, error: expect.stringMatching(/finite number/) });
    expect(resolveMethod(input({ id: 'esindy', settings: { models: 1 } }))).toMatchObject({ ok: false, error: expect.stringMatching(/models/) });
  });

  it('a registered double runs in the same loop: progress, Stop with the best so far, a time budget, a step budget', () => {
    registerMethod(slowMethod);
    expect(getMethod('slow-test')).toBe(slowMethod);
    const fractions: number[] = [];
    let stopAt = 5;
    const stopped = runMethodSync(input({ id: 'slow-test', settings: { steps: 50, stepMs: 0 } }), {
      onStep: (r) => fractions.push(r.fraction),
      interrupt: () => (--stopAt <= 0 ? 'stop' : null),
    });
    expect(stopped.kind === 'finished' && stopped.reason).toBe('stopped');
    if (stopped.kind !== 'finished' || !stopped.outcome.ok) throw new Error('no outcome');
    expect(stopped.outcome.value.status).toBe('stopped');
    expect(stopped.outcome.value.message).toBe('reached 5 of 50');
    expect(stopped.outcome.value.warnings[0]).toMatch(/Stopped after 5 steps/);
    expect(fractions).toEqual([0.02, 0.04, 0.06, 0.08, 0.1]);

    const dropped = runMethodSync(input({ id: 'slow-test', settings: { steps: 50, stepMs: 0 } }), { interrupt: () => 'stale' });
    expect(dropped.kind).toBe('dropped');

    const budget = runMethodSync(input({ id: 'slow-test', settings: { steps: 1000, stepMs: 2 } }), { budgetMs: 20 });
    expect(budget.kind === 'finished' && budget.reason).toBe('budget');
    expect(budget.kind === 'finished' && budget.steps).toBeLessThan(1000);
    if (budget.kind === 'finished' && budget.outcome.ok) expect(budget.outcome.value.warnings[0]).toMatch(/time budget of 0\.0 s ran out/);

    const capped = runMethodSync(input({ id: 'slow-test', settings: { steps: 1000, stepMs: 0 } }), { maxSteps: 7 });
    expect(capped.kind === 'finished' && [capped.reason, capped.steps]).toEqual(['budget', 7]);
  });

  it('the layer cache serves Θ once across runs and methods that read it', () => {
    const cache = new LayerCache();
    runMethodSync(input({ id: 'sindy', settings: {} }, cache));
    runMethodSync(input({ id: 'slow-test', settings: { steps: 3, stepMs: 0 } }, cache));
    runMethodSync(input({ id: 'esindy', settings: { models: 4 } }, cache));
    expect(cache.computed).toMatchObject({ theta: 1, derivatives: 1, regression: 1 });
  });
});

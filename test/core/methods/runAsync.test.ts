/**
 * The generic loop's async path (core/methods/run.ts `runMethod`), for methods whose steps wait
 * for other threads (`stepAsync`): the same guarantees as the sync loop — a stale run is dropped,
 * Stop finishes with the best so far, the budget ends it — and the method's `dispose` runs once
 * however the run ends. The double below waits `stepMs` per step on a timer (as a round on other
 * threads would) and returns early when the loop says it is interrupted.
 */
import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { LayerCache, pipelineLayers } from '../../../src/core/methods/layers';
import { expressionModel } from '../../../src/core/methods/model';
import { registerMethod } from '../../../src/core/methods/registry';
import { runMethod, runMethodSync, type LoopHooks } from '../../../src/core/methods/run';
import type { FittingMethod, MethodInput, PipelineSpec } from '../../../src/core/methods/types';
import { getSystem } from '../../../src/core/systems/registry';
import { ok } from '../../../src/core/types';

interface WaitSettings { steps: number; stepMs: number; failAt: number }
interface WaitState { s: WaitSettings; done: number; asyncSteps: number; syncSteps: number; cut: number; input: MethodInput }

/** dispose calls per run, in order of runs */
const disposed: WaitState[] = [];

const waitMethod: FittingMethod<WaitSettings, WaitState> = {
  id: 'wait-test',
  label: 'Waiting test method',
  description: 'A test double whose steps wait on a timer.',
  defaults: Object.freeze({ steps: 20, stepMs: 5, failAt: 0 }),
  validate: (given) => ok({ steps: 20, stepMs: 5, failAt: 0, ...(given as Partial<WaitSettings>) }),
  needs: () => [],
  init: (input, s) => ok({ s, done: 0, asyncSteps: 0, syncSteps: 0, cut: 0, input }),
  step(st) {
    st.syncSteps++;
    st.done++;
    return { done: st.done >= st.s.steps, fraction: st.done / st.s.steps, label: 'sync' };
  },
  async stepAsync(st, interrupted) {
    st.asyncSteps++;
    if (st.done + 1 === st.s.failAt) throw new Error('a bug in step');
    const end = performance.now() + st.s.stepMs;
    while (performance.now() < end) {
      if (interrupted()) { st.cut++; return { done: false, fraction: st.done / st.s.steps, label: 'cut short' }; }
      await new Promise((r) => setTimeout(r, 1));
    }
    st.done++;
    return { done: st.done >= st.s.steps, fraction: st.done / st.s.steps, label: 'waited' };
  },
  dispose(st) { disposed.push(st); },
  finish(st, reason) {
    const names = st.input.data.stateNames;
    return ok({ model: expressionModel(names, names.map(() => ({ kind: 'const', value: 0 }))), status: 'ok', message: `${reason} after ${st.done} of ${st.s.steps}`, warnings: [] });
  },
};
registerMethod(waitMethod);

const data = (() => {
  const sys = getSystem('linear_oscillator')!;
  const r = sampleSystem(sys, { params: Object.fromEntries(sys.params.map((p) => [p.id, p.value])), x0: sys.x0, tEnd: 1, dt: 0.1 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();

function input(settings: Partial<WaitSettings>): MethodInput {
  const spec: PipelineSpec = {
    derivative: { method: 'fd' }, library: { degree: 1, bias: true, fourier: 0, custom: [] },
    optimizer: { method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 }, normalize: false, method: { id: 'wait-test', settings },
  };
  return { data, spec, layers: pipelineLayers(data, 'osc', spec, new LayerCache()) };
}

const pause = () => new Promise<void>((r) => setTimeout(r, 0));

async function runLast(settings: Partial<WaitSettings>, hooks: LoopHooks) {
  const before = disposed.length;
  const r = await runMethod(input(settings), { pause, ...hooks });
  expect(disposed.length - before).toBe(1);
  return { r, st: disposed[disposed.length - 1]! };
}

describe('the async loop', () => {
  it('awaits stepAsync where the sync loop calls step, and streams each step', async () => {
    const labels: string[] = [];
    const { r, st } = await runLast({ steps: 4 }, { onStep: (rep) => labels.push(rep.label) });
    expect(r.kind === 'finished' && [r.reason, r.steps]).toEqual(['done', 4]);
    expect(labels).toEqual(['waited', 'waited', 'waited', 'waited']);
    expect([st.asyncSteps, st.syncSteps]).toEqual([4, 0]);

    const sync = runMethodSync(input({ steps: 4 }));
    expect(sync.kind === 'finished' && sync.reason).toBe('done');
    expect(disposed[disposed.length - 1]!.syncSteps).toBe(4);
  });

  it('drops a stale run between steps, and disposes it', async () => {
    let steps = 0;
    const { r, st } = await runLast({ steps: 50 }, { onStep: () => { steps++; }, interrupt: () => (steps >= 3 ? 'stale' : null) });
    expect(r.kind).toBe('dropped');
    expect(st.done).toBeLessThanOrEqual(3);
  });

  it('Stop during a long step cuts it short and finishes with the best so far', async () => {
    let stop = false;
    setTimeout(() => { stop = true; }, 30);
    const { r, st } = await runLast({ steps: 5, stepMs: 60_000 }, { interrupt: () => (stop ? 'stop' : null) });
    expect(r.kind === 'finished' && r.reason).toBe('stopped');
    if (r.kind !== 'finished' || !r.outcome.ok) throw new Error('no outcome');
    expect(r.outcome.value.status).toBe('stopped');
    expect(r.outcome.value.message).toBe('stopped after 0 of 5');
    expect(st.cut).toBe(1);
  });

  it('the time budget ends a run whose step would outlast it', async () => {
    const { r, st } = await runLast({ steps: 5, stepMs: 60_000 }, { budgetMs: 30 });
    expect(r.kind === 'finished' && r.reason).toBe('budget');
    if (r.kind === 'finished' && r.outcome.ok) expect(r.outcome.value.warnings[0]).toMatch(/time budget of 0\.0 s ran out after 1 step/);
    expect(st.cut).toBe(1);
  });

  it('the step budget holds too', async () => {
    const { r } = await runLast({ steps: 1000, stepMs: 0 }, { maxSteps: 6 });
    expect(r.kind === 'finished' && [r.reason, r.steps]).toEqual(['budget', 6]);
  });

  it('a step that throws (a bug) rejects the run, and the method is still disposed', async () => {
    const before = disposed.length;
    await expect(runMethod(input({ steps: 10, stepMs: 0, failAt: 3 }), { pause })).rejects.toThrow(/a bug in step/);
    expect(disposed.length - before).toBe(1);
  });
});

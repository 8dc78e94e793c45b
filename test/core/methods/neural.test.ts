/**
 * The neural method in the generic loop (run.ts): settings, live payloads by stage, Stop and
 * step budgets in each stage (the best so far, marked stopped, never a silent zero), the same
 * seed giving the same result, rational SINDy on the network, and the trained network reused
 * when only the distillation changes. Budgets are step counts, never time.
 */
import { describe, expect, it } from 'vitest';
import { sampleFromStarts } from '../../../src/core/data/generate';
import { LayerCache, pipelineLayers } from '../../../src/core/methods/layers';
import { modelEquations } from '../../../src/core/methods/model';
import { neuralMethod } from '../../../src/core/methods/neural/method';
import { neuralMethodDefaults } from '../../../src/core/methods/neural/settings';
import { runMethodSync, type LoopHooks, type LoopResult } from '../../../src/core/methods/run';
import type { LivePayload, MethodOutcome, PipelineSpec, StepReport } from '../../../src/core/methods/types';
import { evalExpr } from '../../../src/core/model/expr';
import { defaultFitSettings } from '../../../src/core/pipeline/fit';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import type { Dataset } from '../../../src/core/types';

const SLOW = 600_000;
const sys = getSystem('rational_oscillator')!;

/** Kidger's data (a fresh object each call: the trained-network memo is per dataset object). */
function kidger(): Dataset {
  const r = sampleFromStarts(sys, { params: defaultParams(sys), count: 8, box: [[-0.5, 0.5], [-0.5, 0.5]], tEnd: 10, dt: 0.1, seed: 42 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function spec(settings: Record<string, unknown>): PipelineSpec {
  return { ...defaultFitSettings(), method: { id: 'neural', settings } };
}

function run(ds: Dataset, settings: Record<string, unknown>, hooks: LoopHooks = {}): { result: LoopResult; reports: StepReport[] } {
  const s = spec(settings);
  const reports: StepReport[] = [];
  const result = runMethodSync({ data: ds, spec: s, layers: pipelineLayers(ds, 'data', s, new LayerCache()) }, { ...hooks, onStep: (r, k) => { reports.push(r); hooks.onStep?.(r, k); } });
  return { result, reports };
}

function outcomeOf(r: LoopResult): MethodOutcome {
  if (r.kind !== 'finished') throw new Error('dropped');
  if (!r.outcome.ok) throw new Error(r.outcome.error);
  return r.outcome.value;
}

/** max |f − truth| / max |truth| of an expression model on a grid of [−0.45, 0.45]². */
function kidgerError(o: MethodOutcome): number {
  if (o.model.kind !== 'expressions') throw new Error('expected formulas');
  let err = 0, scale = 0;
  for (let a = 0; a <= 18; a++) {
    for (let b = 0; b <= 18; b++) {
      const v = [-0.45 + a * 0.05, -0.45 + b * 0.05];
      const truth = [v[1]! / (1 + v[1]!), -v[0]! / (1 + v[0]!)];
      o.model.exprs.forEach((e, j) => { err = Math.max(err, Math.abs(evalExpr(e, v) - truth[j]!)); scale = Math.max(scale, Math.abs(truth[j]!)); });
    }
  }
  return err / scale;
}

const quick = { steps: 60, polishSteps: 20 };

describe('the neural method', () => {
  it('declares its settings with the neural ODE\'s own ranges, and refuses bad ones naming them', () => {
    expect(neuralMethod.needs(neuralMethodDefaults)).toEqual([]);
    const width = neuralMethod.fields!.find((f) => f.key === 'width')!;
    expect(width).toMatchObject({ kind: 'int', min: 1, max: 512 });
    const ops = neuralMethod.fields!.find((f) => f.key === 'operators')!;
    expect(ops.when!({ symbolic: 'gp' })).toBe(true);
    expect(ops.when!({ symbolic: 'rational' })).toBe(false);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ symbolic: 'cubic' }, /Equations from the network 'cubic' is not one of gp, rational, sindy/],
      [{ width: 0 }, /Network width 0 is out of range: use a whole number from 1 to 512/],
      [{ operators: '+,tan' }, /Unknown operator 'tan'/],
      [{ segmentLength: 2 }, /Segment length 2 is shorter than the 3 samples/],
      [{ widht: 3 }, /Unknown neural-ODE setting entry 'widht'/],
    ];
    for (const [given, message] of bad) {
      const r = neuralMethod.validate(given, spec(given));
      expect(r.ok, JSON.stringify(given)).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });

  it('rational SINDy on the trained network gives Kidger\'s field, fine-tuned; the loss, learned-vs-observed trajectories and stages stream', () => {
    const ds = kidger();
    const { result, reports } = run(ds, { symbolic: 'rational' });
    const o = outcomeOf(result);
    expect(o.status).toBe('ok');
    expect(kidgerError(o)).toBeLessThan(1e-3);
    expect(o.timings!.trainMs).toBeGreaterThan(0);
    expect(o.timings!.finetuneMs).toBeGreaterThan(0);
    const losses = reports.map((r) => r.live).filter((l): l is Extract<LivePayload, { kind: 'loss' }> => l?.kind === 'loss');
    const training = losses.filter((l) => l.stage === 'training');
    const tuning = losses.filter((l) => l.stage === 'fine-tuning');
    expect(training.length).toBeGreaterThan(10);
    expect(tuning.length).toBeGreaterThan(0);
    // the curve grows step by step, and now and then carries the field's trajectories at the data's times
    const last = training[training.length - 1]!;
    expect(last.steps.length).toBe(last.loss.length);
    expect(last.steps.length).toBeGreaterThanOrEqual(neuralMethodDefaults.steps);
    expect(Array.from(last.steps.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(training.every((l, i) => i === 0 || l.steps.length >= training[i - 1]!.steps.length)).toBe(true);
    const sims = training.filter((l) => l.simulation);
    expect(sims.length).toBeGreaterThan(3);
    const sim = sims[sims.length - 1]!.simulation!;
    expect(sim).toHaveLength(8);
    expect(sim[0]!.t).toEqual(ds.trajectories[0]!.t);
    // the trained network follows the data from each first state
    const y = sim[0]!.y, obs = ds.trajectories[0]!.y;
    let worst = 0;
    for (let i = 0; i < obs.length; i++) worst = Math.max(worst, Math.abs(y[i]! - obs[i]!));
    expect(worst).toBeLessThan(0.05);
    // progress rises to 1 through the stages
    const fr = reports.map((r) => r.fraction);
    expect(fr.every((f, i) => i === 0 || f >= fr[i - 1]! - 1e-12)).toBe(true);
    expect(fr[fr.length - 1]).toBe(1);
    expect(reports.some((r) => /fine-tuning/.test(r.label))).toBe(true);

    // same data object, only the distillation changed: the network is reused, not trained again
    const again = run(ds, { symbolic: 'rational', finetune: false });
    const o2 = outcomeOf(again.result);
    expect(o2.warnings.join(' ')).toMatch(/trained before with these settings.*reused/);
    expect(again.reports.filter((r) => /training step/.test(r.label))).toHaveLength(0);
  }, SLOW);

  it('a step budget mid-training gives the network so far, marked, and the same seed gives the same result', () => {
    const a = outcomeOf(run(kidger(), { symbolic: 'gp', ...quick }, { maxSteps: 8 }).result);
    expect(a.status).toBe('stopped');
    expect(a.message).toMatch(/^The budget ran out during training, at step \d+ of 80: these equations are the network so far, read off by rational SINDy \(the symbolic search had not started\), not fine-tuned\.$/);
    expect(a.model.kind).toBe('expressions');
    expect(modelEquations(a.model).every((e) => e.length > 0 && !/NaN/.test(e))).toBe(true);
    const b = outcomeOf(run(kidger(), { symbolic: 'gp', ...quick }, { maxSteps: 8 }).result);
    expect(modelEquations(b.model)).toEqual(modelEquations(a.model));
    expect(b.message).toBe(a.message);
    const c = outcomeOf(run(kidger(), { symbolic: 'gp', ...quick, seed: 1 }, { maxSteps: 8 }).result);
    expect(modelEquations(c.model)).not.toEqual(modelEquations(a.model));
  }, SLOW);

  it('Stop too early is an error that says so; Stop in the search or in fine-tuning keeps the best so far', () => {
    const early = run(kidger(), { symbolic: 'gp', ...quick }, { interrupt: () => 'stop' }).result;
    expect(early.kind === 'finished' && !early.outcome.ok && early.outcome.error).toMatch(/^Stopped after \d+ training steps? of 80: too early to read equations off the network/);

    // Stop once the search has finished its first iteration (of 2 states × 50): the fronts so far, chosen from
    let last: StepReport | null = null;
    const search = run(kidger(), { symbolic: 'gp', ...quick, iterations: 50, populations: 2 }, {
      interrupt: () => (last?.live?.kind === 'pareto' && last.fraction > 0.6 + 0.3 / 100 ? 'stop' : null),
      onStep: (r) => { last = r; },
    });
    const o = outcomeOf(search.result);
    expect(o.status).toBe('stopped');
    expect(o.message).toBe('Stopped during the symbolic search: the best equations so far, not fine-tuned.');
    expect(o.pareto).toHaveLength(2);
    expect(o.model.kind).toBe('expressions');

    let tuning = 0;
    const tune = run(kidger(), { symbolic: 'rational', ...quick }, {
      interrupt: () => (tuning >= 2 ? 'stop' : null),
      onStep: (r) => { if (r.live?.kind === 'loss' && r.live.stage === 'fine-tuning') tuning++; },
    });
    const t = outcomeOf(tune.result);
    expect(t.status).toBe('stopped');
    expect(t.message).toMatch(/^Stopped during fine-tuning: the constants so far \(round \d of \d\)\.$/);
  }, SLOW);
});

import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { consecutiveSegments } from '../../../src/core/neural/shooting';
import { createTrainer, lossHistory, trainedField, trainStep } from '../../../src/core/neural/train';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import type { Dataset } from '../../../src/core/types';

/** The damped linear oscillator (ẋ = −0.1x + 2y, ẏ = −2x − 0.1y), 61 irregular samples on [0, 6]. */
function oscillator(): Dataset {
  const sys = getSystem('linear_oscillator')!;
  const r = sampleSystem(sys, { params: defaultParams(sys), x0: [2, 0], tEnd: 6, dt: 0.1, irregular: true, seed: 3 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const small = { width: 16, depth: 2, batchSize: 8, steps: 600, segmentStart: 3, segmentEnd: 6, stepsPerSpacing: 1, polishSteps: 0 };

const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('neural ODE trainer', () => {
  it('reduces the shooting loss on a linear oscillator, and its field points the right way', () => {
    const ds = oscillator();
    const r = createTrainer(ds, small, 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const tr = r.value;
    let p = trainStep(tr, 10);
    expect(p.step).toBe(10);
    expect(p.fraction).toBeCloseTo(10 / 600, 12);
    while (!p.done) p = trainStep(tr, 50);
    expect(p.status).toBe('done');
    expect(p.step).toBe(600);
    const h = lossHistory(tr);
    expect(h.length).toBe(600);
    expect(h.every(Number.isFinite)).toBe(true);
    expect(mean(h.subarray(570))).toBeLessThan(0.05 * mean(h.subarray(0, 30)));
    // on the visited states, the learned field is within 10 % of the truth
    const { rhs } = trainedField(tr);
    const truth = getSystem('linear_oscillator')!.rhs(defaultParams(getSystem('linear_oscillator')!));
    const f = new Float64Array(2), g = new Float64Array(2);
    for (const i of [5, 20, 40, 55]) {
      const y = ds.trajectories[0]!.y.subarray(2 * i, 2 * i + 2);
      rhs(0, y, f);
      truth(0, y, g);
      expect(Math.hypot(f[0]! - g[0]!, f[1]! - g[1]!)).toBeLessThan(0.1 * Math.hypot(g[0]!, g[1]!));
    }
    // more steps after done do nothing
    expect(trainStep(tr, 5).step).toBe(600);
  });

  it('polishes with full-batch L-BFGS after the Adam steps, lowering the loss over every segment', () => {
    const ds = oscillator();
    const r = createTrainer(ds, { ...small, steps: 100, polishSteps: 40 }, 2);
    if (!r.ok) throw new Error(r.error);
    const tr = r.value;
    const p = trainStep(tr, 100);
    expect(p.phase).toBe('adam');
    expect(p.fraction).toBeCloseTo(100 / 140, 12);
    const segs = consecutiveSegments(ds, small.segmentEnd);
    const fullLoss = () => tr.shooting.evaluate(tr.theta, segs, segs.length / 3, null).loss;
    const afterAdam = fullLoss();
    let q = trainStep(tr, 1);
    expect(q.phase).toBe('polish');
    // the polish records the full-batch loss of its iterate
    expect(q.loss).toBeCloseTo(fullLoss(), 12);
    while (!q.done) q = trainStep(tr, 10);
    expect(q.status).toBe('done');
    expect(q.fraction).toBe(1);
    expect(fullLoss()).toBeLessThan(0.5 * afterAdam);
    const h = lossHistory(tr);
    for (let k = 101; k < h.length; k++) expect(h[k]!).toBeLessThanOrEqual(h[k - 1]!);
  });

  it('is deterministic: the same data, options and seed give a bit-identical loss history; another seed differs', () => {
    const ds = oscillator();
    const run = (seed: number) => {
      const r = createTrainer(ds, { ...small, steps: 30, polishSteps: 10 }, seed);
      if (!r.ok) throw new Error(r.error);
      trainStep(r.value, 40);
      expect(r.value.step).toBe(40);
      return { h: Array.from(lossHistory(r.value)), theta: Array.from(r.value.theta) };
    };
    const a = run(7), b = run(7), c = run(8);
    expect(a.h).toEqual(b.h);
    expect(a.theta).toEqual(b.theta);
    expect(c.h).not.toEqual(a.h);
  });

  it('returns a field independent of the trainer', () => {
    const r = createTrainer(oscillator(), { ...small, steps: 5 }, 1);
    if (!r.ok) throw new Error(r.error);
    const m = trainedField(r.value);
    const before = Array.from(m.theta);
    trainStep(r.value, 5);
    expect(Array.from(m.theta)).toEqual(before);
  });

  it('turns bad options and bad data into messages, not exceptions', () => {
    const ds = oscillator();
    const bad = createTrainer(ds, { batchSize: 0 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/batch size/);
    const single: Dataset = { stateNames: ['x'], trajectories: [{ t: Float64Array.of(0), y: Float64Array.of(1) }] };
    const one = createTrainer(single);
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.error).toMatch(/two or more samples/);
    const nan: Dataset = { stateNames: ['x'], trajectories: [{ t: Float64Array.of(0, 1), y: Float64Array.of(1, Number.NaN) }] };
    const n = createTrainer(nan);
    expect(n.ok).toBe(false);
    if (!n.ok) expect(n.error).toMatch(/x at sample 2 is not a finite number/);
    const back: Dataset = { stateNames: ['x'], trajectories: [{ t: Float64Array.of(0, 1, 1), y: Float64Array.of(1, 2, 3) }] };
    const b = createTrainer(back);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error).toMatch(/strictly increasing at sample 3/);
  });

  it('stops as diverged, with advice, when every solve blows up', () => {
    const r = createTrainer(oscillator(), { ...small, steps: 100, learningRate: 1 }, 1);
    if (!r.ok) throw new Error(r.error);
    // an absurd output scale makes every segment blow up
    r.value.theta.fill(1e6, r.value.mlp.scaleOffset);
    r.value.theta.fill(1e3, 0, r.value.mlp.scaleOffset);
    const p = trainStep(r.value, 100);
    expect(p.status).toBe('diverged');
    expect(p.done).toBe(true);
    expect(p.step).toBeLessThan(100);
    expect(p.message).toMatch(/Lower the learning rate/);
  });
});

import { describe, expect, it } from 'vitest';
import { learningRateAt, neuralDefaults, segmentLengthAt, validateNeuralOptions } from '../../../src/core/neural/options';

describe('neural ODE options', () => {
  it('accepts the defaults and keeps the defaults object frozen', () => {
    const r = validateNeuralOptions();
    expect(r.ok).toBe(true);
    expect(Object.isFrozen(neuralDefaults)).toBe(true);
  });

  it.each([
    [{ width: 0 }, /width/],
    [{ depth: 2.5 }, /depth.*whole number/],
    [{ learningRate: Number.NaN }, /learning rate/],
    [{ batchSize: -3 }, /batch size/],
    [{ segmentStart: 1 }, /starting segment length.*from 2/],
    [{ segmentStart: 8, segmentEnd: 4 }, /shorter than the starting one/],
    [{ activation: 'relu' as never }, /Unknown activation 'relu'.*tanh or softplus/],
  ])('rejects %j with a message naming the option', (o, re) => {
    const r = validateNeuralOptions(o);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });

  it('warms the learning rate up, then decays it by a cosine to the final fraction', () => {
    const o = { ...neuralDefaults, steps: 1000, warmupSteps: 100, learningRate: 0.01, finalLearningRate: 0.1 };
    const lrs = Array.from({ length: 1000 }, (_, k) => learningRateAt(o, k));
    for (let k = 1; k < 100; k++) expect(lrs[k]!).toBeGreaterThan(lrs[k - 1]!);
    for (let k = 101; k < 1000; k++) expect(lrs[k]!).toBeLessThanOrEqual(lrs[k - 1]!);
    expect(Math.max(...lrs)).toBeCloseTo(0.01, 10);
    expect(lrs[999]!).toBeGreaterThanOrEqual(0.001);
    expect(lrs[999]!).toBeLessThan(0.0011);
  });

  it('grows the segments from the starting to the final length over the ramp, then keeps them', () => {
    const o = { ...neuralDefaults, steps: 100, segmentStart: 3, segmentEnd: 11, segmentRamp: 0.5 };
    const lens = Array.from({ length: 100 }, (_, k) => segmentLengthAt(o, k));
    expect(lens[0]).toBe(3);
    for (let k = 1; k < 100; k++) expect(lens[k]!).toBeGreaterThanOrEqual(lens[k - 1]!);
    expect(lens.slice(50).every((l) => l === 11)).toBe(true);
  });
});

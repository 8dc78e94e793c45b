/** Shared by the neural tests that train to the end and compare the learned field with the truth. */
import { expect } from 'vitest';
import type { NeuralOptions } from '../../../src/core/neural/options';
import { createTrainer, trainedField, trainStep } from '../../../src/core/neural/train';
import type { Dataset, Rhs, Trajectory } from '../../../src/core/types';

/** Train on `ds` until the trainer says done (asserting it finished, not diverged); the trained field. */
export function trainToEnd(ds: Dataset, options: Partial<NeuralOptions>, seed: number): ReturnType<typeof trainedField> {
  const r = createTrainer(ds, options, seed);
  if (!r.ok) throw new Error(r.error);
  let p = trainStep(r.value, 50);
  while (!p.done) p = trainStep(r.value, 50);
  expect(p.status).toBe('done');
  return trainedField(r.value);
}

/**
 * The learned field against the true one at every sample of `trajectories` (2 states): relative
 * RMS error, the largest pointwise error and the largest true |f|.
 */
export function fieldError(model: ReturnType<typeof trainedField>, rhs: Rhs, trajectories: readonly Trajectory[]): { relRms: number; worst: number; largest: number } {
  const f = new Float64Array(2), g = new Float64Array(2);
  let num = 0, den = 0, worst = 0, largest = 0;
  for (const tr of trajectories) {
    for (let i = 0; i < tr.t.length; i++) {
      const y = tr.y.subarray(2 * i, 2 * i + 2);
      model.field.eval(y, model.theta, f);
      rhs(0, y, g);
      const e = Math.hypot(f[0]! - g[0]!, f[1]! - g[1]!);
      num += e * e;
      den += g[0]! ** 2 + g[1]! ** 2;
      worst = Math.max(worst, e);
      largest = Math.max(largest, Math.hypot(g[0]!, g[1]!));
    }
  }
  return { relRms: Math.sqrt(num / den), worst, largest };
}

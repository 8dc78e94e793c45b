import { describe, expect, it } from 'vitest';
import { adamStep, createAdam } from '../../../src/core/neural/adam';

describe('Adam', () => {
  it('minimises an ill-conditioned quadratic ½ Σ c_i (θ_i − a_i)² to its minimum', () => {
    const c = Float64Array.of(1, 100, 0.01, 10);
    const a = Float64Array.of(1, -2, 3, 0.5);
    const theta = new Float64Array(4);
    const g = new Float64Array(4);
    const s = createAdam(4);
    const loss = () => c.reduce((acc, ci, i) => acc + 0.5 * ci * (theta[i]! - a[i]!) ** 2, 0);
    const first = loss();
    for (let k = 0; k < 3000; k++) {
      for (let i = 0; i < 4; i++) g[i] = c[i]! * (theta[i]! - a[i]!);
      adamStep(s, theta, g, k < 2000 ? 0.05 : 0.005);
    }
    expect(loss()).toBeLessThan(1e-6 * first);
    for (let i = 0; i < 4; i++) expect(theta[i]).toBeCloseTo(a[i]!, 2);
    expect(s.t).toBe(3000);
  });

  it('moves each parameter by about the learning rate on its first step, whatever the gradient scale', () => {
    const theta = new Float64Array(3);
    const s = createAdam(3);
    adamStep(s, theta, Float64Array.of(1e-4, 1, -1e4), 0.1);
    expect(theta[0]).toBeCloseTo(-0.1, 3);
    expect(theta[1]).toBeCloseTo(-0.1, 6);
    expect(theta[2]).toBeCloseTo(0.1, 6);
  });
});

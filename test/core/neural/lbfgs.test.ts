import { describe, expect, it } from 'vitest';
import { lbfgsInit, lbfgsStep, type Objective } from '../../../src/core/neural/lbfgs';

describe('L-BFGS', () => {
  it('finds the minimum (1, 1) of the Rosenbrock function from (−1.2, 1)', () => {
    const f: Objective = (x, g) => {
      const a = x[0]!, b = x[1]!;
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const st = lbfgsInit(f, Float64Array.of(-1.2, 1));
    for (let k = 0; k < 200 && !st.stopped; k++) lbfgsStep(f, st);
    expect(st.stopped).toBe('converged');
    expect(st.theta[0]).toBeCloseTo(1, 6);
    expect(st.theta[1]).toBeCloseTo(1, 6);
  });

  it('backtracks out of regions where the objective cannot be evaluated (NaN)', () => {
    // f = (x − 3)², undefined for x > 3.5: a full step from 0 would land at 6
    const f: Objective = (x, g) => {
      if (x[0]! > 3.5) return NaN;
      g[0] = 2 * (x[0]! - 3);
      return (x[0]! - 3) ** 2;
    };
    const st = lbfgsInit(f, Float64Array.of(0));
    for (let k = 0; k < 50 && !st.stopped; k++) lbfgsStep(f, st);
    expect(st.theta[0]).toBeCloseTo(3, 8);
  });
});

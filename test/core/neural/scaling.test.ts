import { describe, expect, it } from 'vitest';
import { dataScales } from '../../../src/core/neural/scaling';
import type { Dataset } from '../../../src/core/types';

describe('data scales of the neural ODE', () => {
  it('gives each state its mean, std and speed, and the median spacing, over all trajectories', () => {
    // x = 3t on irregular times, y = −0.5t: speeds 3 and 0.5 whatever the spacing
    const t1 = Float64Array.of(0, 0.1, 0.5, 0.6, 2);
    const t2 = Float64Array.of(1, 1.2, 1.3);
    const rows = (t: Float64Array) => Float64Array.from({ length: 2 * t.length }, (_, q) => (q % 2 === 0 ? 3 : -0.5) * t[q >> 1]!);
    const ds: Dataset = { stateNames: ['x', 'y'], trajectories: [{ t: t1, y: rows(t1) }, { t: t2, y: rows(t2) }] };
    const s = dataScales(ds);
    expect(s.rate[0]).toBeCloseTo(3, 12);
    expect(s.rate[1]).toBeCloseTo(0.5, 12);
    const all = [...t1, ...t2];
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    const std = Math.sqrt(all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length);
    expect(s.mean[0]).toBeCloseTo(3 * mean, 12);
    expect(s.std[1]).toBeCloseTo(0.5 * std, 12);
    // spacings 0.1, 0.4, 0.1, 1.4, 0.2, 0.1 → median (0.1 + 0.2) / 2
    expect(s.medianSpacing).toBeCloseTo(0.15, 12);
  });

  it('never divides by zero: a constant state gets std 1 and rate 1', () => {
    const ds: Dataset = { stateNames: ['c'], trajectories: [{ t: Float64Array.of(0, 1, 2), y: Float64Array.of(4, 4, 4) }] };
    const s = dataScales(ds);
    expect(s.std[0]).toBe(1);
    expect(s.rate[0]).toBe(1);
  });
});

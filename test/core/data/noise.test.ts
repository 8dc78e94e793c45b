import { describe, expect, it } from 'vitest';
import { addNoise, stateStd } from '../../../src/core/data/noise';
import type { Dataset } from '../../../src/core/types';

/** Element-wise equality (toEqual on long typed arrays is slow). */
const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Two trajectories of two states with very different scales. */
function dataset(): Dataset {
  const mk = (n: number, phase: number) => {
    const t = Float64Array.from({ length: n }, (_, i) => i * 0.01);
    const y = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      y[2 * i] = 3 * Math.sin(t[i]! + phase);
      y[2 * i + 1] = 100 + 0.01 * Math.cos(2 * t[i]!);
    }
    return { t, y };
  };
  return { stateNames: ['x', 'y'], trajectories: [mk(30_000, 0), mk(20_000, 1)] };
}

describe('addNoise', () => {
  it('adds noise of std fraction × the state std, per state, over all trajectories', () => {
    const ds = dataset();
    const std = stateStd(ds);
    const noisy = addNoise(ds, 0.1, 11);
    const n = 50_000;
    for (let j = 0; j < 2; j++) {
      let s = 0, ss = 0;
      ds.trajectories.forEach((tr, k) => {
        for (let i = 0; i < tr.t.length; i++) {
          const e = noisy.trajectories[k]!.y[2 * i + j]! - tr.y[2 * i + j]!;
          s += e; ss += e * e;
        }
      });
      const sd = Math.sqrt(ss / n - (s / n) ** 2);
      // The sample std of n normals has relative standard error ≈ 1/√(2n) ≈ 0.3 %.
      expect(sd / (0.1 * std[j]!)).toBeGreaterThan(0.985);
      expect(sd / (0.1 * std[j]!)).toBeLessThan(1.015);
      expect(Math.abs(s / n)).toBeLessThan(4 * 0.1 * std[j]! / Math.sqrt(n));
    }
  });

  it('computes the pooled population std', () => {
    const ds: Dataset = { stateNames: ['x'], trajectories: [{ t: Float64Array.of(0, 1), y: Float64Array.of(1, 3) }, { t: Float64Array.of(0), y: Float64Array.of(5) }] };
    expect(stateStd(ds)[0]).toBeCloseTo(Math.sqrt(8 / 3), 14);
  });

  it('never mutates its input and returns new arrays, copies for fraction 0', () => {
    const ds = dataset();
    const before = ds.trajectories.map((tr) => Float64Array.from(tr.y));
    const noisy = addNoise(ds, 0.5, 1);
    ds.trajectories.forEach((tr, k) => expect(same(tr.y, before[k]!)).toBe(true));
    expect(same(noisy.trajectories[0]!.y, ds.trajectories[0]!.y)).toBe(false);
    const copy = addNoise(ds, 0, 1);
    copy.trajectories.forEach((tr, k) => {
      expect(same(tr.y, ds.trajectories[k]!.y)).toBe(true);
      expect(same(tr.t, ds.trajectories[k]!.t)).toBe(true);
      expect(tr.y === ds.trajectories[k]!.y || tr.t === ds.trajectories[k]!.t).toBe(false);
    });
    expect(noisy.stateNames === ds.stateNames).toBe(false);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const ds = dataset();
    const a = addNoise(ds, 0.05, 4).trajectories[1]!.y;
    expect(same(a, addNoise(ds, 0.05, 4).trajectories[1]!.y)).toBe(true);
    expect(same(a, addNoise(ds, 0.05, 5).trajectories[1]!.y)).toBe(false);
  });

  it('leaves a constant state unchanged (its std is 0)', () => {
    const ds: Dataset = { stateNames: ['c'], trajectories: [{ t: Float64Array.of(0, 1, 2), y: Float64Array.of(2, 2, 2) }] };
    expect(addNoise(ds, 0.3, 0).trajectories[0]!.y).toEqual(Float64Array.of(2, 2, 2));
  });

  it('rejects a negative or non-finite fraction', () => {
    expect(() => addNoise(dataset(), -0.1, 0)).toThrow(RangeError);
    expect(() => addNoise(dataset(), NaN, 0)).toThrow(RangeError);
  });
});

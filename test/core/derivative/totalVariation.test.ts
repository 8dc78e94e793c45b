import { describe, expect, it } from 'vitest';
import { finiteDifference } from '../../../src/core/derivative/finiteDifference';
import { checkTv, totalVariation, type TvSettings } from '../../../src/core/derivative/totalVariation';
import { jitteredGrid, lorenz, maxError, relRms, sample, uniformGrid, withNoise } from './helpers';

const tv = (alpha = 1, iterations = 20): TvSettings => ({ method: 'tv', alpha, iterations });

function run(t: Float64Array, y: Float64Array, m: number, s: TvSettings = tv()): Float64Array {
  const r = totalVariation(t, y, m, s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function fd(t: Float64Array, y: Float64Array, m: number): Float64Array {
  const r = finiteDifference(t, y, m);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('totalVariation on noisy smooth signals', () => {
  it.each([
    ['uniform', uniformGrid(1000, 0, 10)],
    ['irregular', jitteredGrid(1000, 0, 10, 0.4, 9)],
  ])('beats finite differences by a large factor on noisy sin, %s grid', (_name, t) => {
    const noisy = withNoise(sample(t, [Math.sin]), 1, 0.01, 1);
    const truth = Float64Array.from(t, Math.cos);
    const eTv = relRms(run(t, noisy, 1), truth, 1, 0);
    const eFd = relRms(fd(t, noisy, 1), truth, 1, 0);
    expect(eTv).toBeLessThan(0.05);
    expect(eTv * 10).toBeLessThan(eFd);
  });

  it('beats finite differences on every state of noisy Lorenz data', () => {
    const { t, y, dydt } = lorenz(2500, 0.004);
    const noisy = withNoise(y, 3, 0.02, 7);
    const est = run(t, noisy, 3);
    const raw = fd(t, noisy, 3);
    for (let j = 0; j < 3; j++) {
      const eTv = relRms(est, dydt, 3, j);
      expect(eTv, `state ${j}`).toBeLessThan(0.1);
      expect(eTv * 5, `state ${j}`).toBeLessThan(relRms(raw, dydt, 3, j));
    }
  });

  it('stays accurate on clean data', () => {
    const t = uniformGrid(500, 0, 6);
    const est = run(t, sample(t, [Math.sin]), 1);
    expect(relRms(est, Float64Array.from(t, Math.cos), 1, 0)).toBeLessThan(0.01);
  });
});

describe('totalVariation on nonsmooth data', () => {
  // slopes +2, −1, +0.5 with kinks at 0.3 and 0.7
  const f = (x: number) => (x < 0.3 ? 2 * x : x < 0.7 ? 0.6 - (x - 0.3) : 0.2 + 0.5 * (x - 0.7));
  const df = (x: number) => (x < 0.3 ? 2 : x < 0.7 ? -1 : 0.5);

  it('recovers the piecewise-constant derivative of a noisy piecewise-linear signal', () => {
    const t = uniformGrid(500, 0, 1);
    const noisy = withNoise(sample(t, [f]), 1, 0.005, 3);
    const est = run(t, noisy, 1);
    const raw = fd(t, noisy, 1);
    let worstTv = 0;
    let worstFd = 0;
    for (let i = 0; i < t.length; i++) {
      const x = t[i]!;
      if (Math.abs(x - 0.3) < 0.05 || Math.abs(x - 0.7) < 0.05) continue;
      worstTv = Math.max(worstTv, Math.abs(est[i]! - df(x)));
      worstFd = Math.max(worstFd, Math.abs(raw[i]! - df(x)));
    }
    expect(worstTv).toBeLessThan(0.1);
    expect(worstTv * 10).toBeLessThan(worstFd);
    // The kinks stay sharp: 0.02 on either side of a kink the estimate is already near the new slope.
    const at = (x: number) => est[Math.round(x * 499)]!;
    expect(Math.abs(at(0.27) - 2)).toBeLessThan(0.25);
    expect(Math.abs(at(0.33) + 1)).toBeLessThan(0.25);
  });

  it('returns a constant derivative for a straight line and zero for a constant', () => {
    const t = jitteredGrid(200, 0, 5, 0.3, 4);
    const est = run(t, sample(t, [(x) => 3 - 0.5 * x, () => 4.2]), 2);
    for (let i = 0; i < t.length; i++) {
      expect(est[2 * i]).toBeCloseTo(-0.5, 6);
      expect(est[2 * i + 1]).toBe(0);
    }
  });
});

describe('totalVariation scaling of α', () => {
  const t = uniformGrid(800, 0, 8);
  const noisy = withNoise(sample(t, [Math.sin]), 1, 0.02, 5);
  const base = run(t, noisy, 1);

  it('is equivariant to the units of y (α is relative to the noise level)', () => {
    const scaled = run(t, noisy.map((v) => 1000 * v), 1);
    expect(maxError(scaled.map((v) => v / 1000), base)).toBeLessThan(1e-6);
  });

  it('is equivariant to the units of t and to a time shift', () => {
    const slow = run(t.map((x) => 60 * x + 7), noisy, 1);
    expect(maxError(slow.map((v) => v * 60), base)).toBeLessThan(1e-6);
  });

  it('smooths more as α grows', () => {
    const tvOf = (u: Float64Array) => u.reduce((s, v, i) => (i > 0 ? s + Math.abs(v - u[i - 1]!) : 0), 0);
    const variations = [0.1, 1, 10].map((a) => tvOf(run(t, noisy, 1, tv(a))));
    expect(variations[0]!).toBeGreaterThan(variations[1]!);
    expect(variations[1]!).toBeGreaterThan(variations[2]!);
  });
});

describe('totalVariation inputs', () => {
  it('treats states as independent columns', () => {
    const t = uniformGrid(300, 0, 3);
    const y = withNoise(sample(t, [Math.sin, Math.exp, (x) => x * x]), 3, 0.02, 2);
    const joint = run(t, y, 3);
    for (let j = 0; j < 3; j++) {
      const single = run(t, Float64Array.from({ length: 300 }, (_, i) => y[3 * i + j]!), 1);
      for (let i = 0; i < 300; i++) expect(joint[3 * i + j]).toBe(single[i]);
    }
  });

  it('rejects bad settings with advice', () => {
    expect(checkTv({ alpha: 0, iterations: 20 }, 100)).toMatch(/α = 0 is out of range/);
    expect(checkTv({ alpha: Number.NaN, iterations: 20 }, 100)).toMatch(/out of range/);
    expect(checkTv({ alpha: 1e5, iterations: 20 }, 100)).toMatch(/from 0.0001 to 10000/);
    expect(checkTv({ alpha: 1, iterations: 0 }, 100)).toMatch(/iterations = 0 .*whole number from 1/);
    expect(checkTv({ alpha: 1, iterations: 2.5 }, 100)).toMatch(/whole number/);
    expect(checkTv({ alpha: 1, iterations: 20 }, 3)).toMatch(/at least 4 samples/);
    expect(checkTv({ alpha: 1, iterations: 20 }, 4)).toBeNull();
    expect(totalVariation(uniformGrid(3, 0, 1), new Float64Array(3), 1, tv()).ok).toBe(false);
  });

});

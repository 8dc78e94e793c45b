import { describe, expect, it } from 'vitest';
import { irregularTimes, sampleFromStarts, sampleSystem, type SampleOptions } from '../../../src/core/data/generate';
import { defaultParams, getSystem, systems, type DynamicalSystem } from '../../../src/core/systems/registry';
import { conformanceCsv } from '../../fixtures/paths';


const lorenz = getSystem('lorenz')!;
const defaults = (sys: DynamicalSystem): SampleOptions => ({ params: defaultParams(sys), x0: [...sys.x0], tEnd: sys.tEnd, dt: sys.dt });

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function errorOf(r: { ok: boolean; error?: string }): string {
  expect(r.ok).toBe(false);
  return r.error ?? '';
}

describe('sampleSystem', () => {
  it('samples uniformly: round(tEnd/dt) + 1 samples at i·dt, row 0 = x0', () => {
    const ds = must(sampleSystem(lorenz, { ...defaults(lorenz), tEnd: 1, dt: 0.3 }));
    const tr = ds.trajectories[0]!;
    expect(Array.from(tr.t)).toEqual([0, 0.3, 0.6, 0.8999999999999999]); // round(3.33) + 1, i·dt
    expect(Array.from(tr.y.subarray(0, 3))).toEqual(lorenz.x0);
    expect(ds.stateNames).toEqual(['x', 'y', 'z']);
    expect(tr.y.every(Number.isFinite)).toBe(true);
  });

  it.each(['lotka_volterra', 'van_der_pol'])('reproduces the whole %s conformance trajectory within 1e-7', (id) => {
    const sys = getSystem(id)!;
    const rows = conformanceCsv(`${id}_clean`).trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const tr = must(sampleSystem(sys, defaults(sys))).trajectories[0]!;
    expect(tr.t.length).toBe(rows.length);
    const m = sys.stateNames.length;
    let worst = 0;
    rows.forEach((r, i) => {
      expect(tr.t[i]).toBeCloseTo(r[0]!, 12);
      for (let j = 0; j < m; j++) worst = Math.max(worst, Math.abs(tr.y[i * m + j]! - r[j + 1]!));
    });
    expect(worst).toBeLessThan(1e-7);
  });

  it('samples every registered system at its defaults', () => {
    for (const sys of systems) {
      const r = sampleSystem(sys, defaults(sys));
      expect(r.ok, `${sys.id}: ${r.ok ? '' : r.error}`).toBe(true);
    }
  });

  it('draws irregular times: seeded, strictly increasing, from 0 within [0, tEnd], same count', () => {
    const o = { ...defaults(lorenz), tEnd: 2, dt: 0.01, irregular: true, seed: 17 };
    const a = must(sampleSystem(lorenz, o)).trajectories[0]!;
    const b = must(sampleSystem(lorenz, o)).trajectories[0]!;
    const c = must(sampleSystem(lorenz, { ...o, seed: 18 })).trajectories[0]!;
    expect(a.t.length).toBe(201);
    expect(a.t[0]).toBe(0);
    for (let i = 1; i < a.t.length; i++) expect(a.t[i]!).toBeGreaterThan(a.t[i - 1]!);
    expect(a.t[a.t.length - 1]!).toBeLessThanOrEqual(2);
    expect(Array.from(a.t)).toEqual(Array.from(b.t));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(c.t)).not.toEqual(Array.from(a.t));
    // The states at irregular times lie on the same trajectory as the uniform samples.
    const u = must(sampleSystem(lorenz, { ...o, irregular: false })).trajectories[0]!;
    const k = a.t.findIndex((t) => t > 1);
    const j = Math.round(a.t[k]! / 0.01);
    expect(Math.abs(a.y[3 * k]! - u.y[3 * j]!)).toBeLessThan(Math.abs(a.t[k]! - u.t[j]!) * 200 + 1e-9);
  });

  it('irregular times are uniform on [0, tEnd] and strictly increasing even when draws collide', () => {
    const t = irregularTimes(50_001, 10, 3);
    let mean = 0;
    for (let i = 1; i < t.length; i++) { expect(t[i]! > t[i - 1]!).toBe(true); mean += t[i]!; }
    mean /= t.length - 1;
    expect(Math.abs(mean - 5)).toBeLessThan(4 * 10 / Math.sqrt(12 * 50_000));
    // A span of 40 denormals forces repeated draws: still strictly increasing.
    const tiny = irregularTimes(6, 40 * 5e-324, 1);
    for (let i = 1; i < tiny.length; i++) expect(tiny[i]! > tiny[i - 1]!).toBe(true);
    // Two representable values cannot hold five distinct times: a bug, reported, not a hang.
    expect(() => irregularTimes(6, 1e-323, 1)).toThrow(RangeError);
  });

  it('returns clear errors for bad input', () => {
    const d = defaults(lorenz);
    expect(errorOf(sampleSystem(lorenz, { ...d, tEnd: 0 }))).toMatch(/end time must be a positive number/);
    expect(errorOf(sampleSystem(lorenz, { ...d, tEnd: NaN }))).toMatch(/end time/);
    expect(errorOf(sampleSystem(lorenz, { ...d, tEnd: 1e-320, dt: 1e-323, irregular: true }))).toMatch(/too short to sample/);
    expect(errorOf(sampleSystem(lorenz, { ...d, dt: -0.1 }))).toMatch(/sample step must be a positive number/);
    expect(errorOf(sampleSystem(lorenz, { ...d, dt: 20 }))).toMatch(/longer than the time span/);
    expect(errorOf(sampleSystem(lorenz, { ...d, tEnd: 100, dt: 1e-4 }))).toMatch(/1,000,001 samples; the limit is 200,000\. Increase dt/);
    expect(errorOf(sampleSystem(lorenz, { ...d, x0: [1, 2] }))).toMatch(/3 states \(x, y, z\) but 2 initial values/);
    expect(errorOf(sampleSystem(lorenz, { ...d, x0: [1, NaN, 2] }))).toMatch(/initial value of y is not a finite number/);
    expect(errorOf(sampleSystem(lorenz, { ...d, params: { ...d.params, rho: Infinity } }))).toMatch(/Rayleigh number ρ is not a finite number/);
  });

  it('accepts exactly the sample limit', () => {
    const lin = getSystem('linear_oscillator')!;
    expect(sampleSystem(lin, { ...defaults(lin), tEnd: 199_999 * 1e-3, dt: 1e-3 }).ok).toBe(true);
    expect(sampleSystem(lin, { ...defaults(lin), tEnd: 200_000 * 1e-3, dt: 1e-3 }).ok).toBe(false);
  });

  it('returns the divergence message when the system blows up', () => {
    const duff = getSystem('duffing')!;
    // Negative cubic stiffness: a softening spring that throws a large swing to infinity.
    const e = errorOf(sampleSystem(duff, { ...defaults(duff), params: { delta: 0, alpha: 1, beta: -5 }, x0: [2, 0] }));
    expect(e).toMatch(/^The simulation of Duffing oscillator diverged at t = [\d.]+ \(state (x|y) reached/);
    expect(e).toMatch(/Choose other parameters or initial values, or a shorter time span\.$/);
  });

  it('fills in missing parameters with their defaults', () => {
    const a = must(sampleSystem(lorenz, { ...defaults(lorenz), params: {}, tEnd: 1 })).trajectories[0]!;
    const b = must(sampleSystem(lorenz, { ...defaults(lorenz), tEnd: 1 })).trajectories[0]!;
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
  });
});

describe('sampleFromStarts', () => {
  const sys = getSystem('rational_oscillator')!;
  it('samples count trajectories from seeded starts in the box', () => {
    const o = { params: defaultParams(sys), count: 8, box: [[-0.5, 0.5], [-0.5, 0.5]] as [number, number][], tEnd: 10, dt: 0.1, seed: 42 };
    const a = sampleFromStarts(sys, o), b = sampleFromStarts(sys, o);
    if (!a.ok || !b.ok) throw new Error('setup');
    expect(a.value.trajectories).toHaveLength(8);
    for (const tr of a.value.trajectories) {
      expect(tr.t.length).toBe(101);
      expect(Math.abs(tr.y[0]!)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(tr.y[1]!)).toBeLessThanOrEqual(0.5);
    }
    expect(a.value.trajectories.map((t) => t.y[0])).toEqual(b.value.trajectories.map((t) => t.y[0]));
    const c = sampleFromStarts(sys, { ...o, seed: 43 });
    expect(c.ok && c.value.trajectories[0]!.y[0]).not.toBe(a.value.trajectories[0]!.y[0]);
  });

  it('refuses a box of the wrong size and a bad count', () => {
    const o = { params: defaultParams(sys), count: 2, box: [[0, 1]] as [number, number][], tEnd: 1, dt: 0.1, seed: 1 };
    expect(sampleFromStarts(sys, o)).toEqual({ ok: false, error: 'The box has 1 intervals for 2 states: give one [low, high] per state.' });
    const bad = sampleFromStarts(sys, { ...o, box: [[0, 1], [0, 1]], count: 0 });
    expect(!bad.ok && bad.error).toMatch(/number of trajectories/);
  });
});

import { describe, expect, it } from 'vitest';
import { finiteDifference } from '../../../src/core/derivative/finiteDifference';
import {
  defaultDerivative, derivativeMethods, differentiate, validateDerivative, type DerivativeSettings,
} from '../../../src/core/derivative/registry';
import { jitteredGrid, relRms, sample, uniformGrid, withNoise } from './helpers';

const all: DerivativeSettings[] = [defaultDerivative.fd, defaultDerivative.savgol, defaultDerivative.tv];

describe('derivative registry metadata', () => {
  it('lists every method once, with a label, a description and its parameters', () => {
    expect(derivativeMethods.map((m) => m.id)).toEqual(['fd', 'savgol', 'tv', 'smoothed-fd']);
    for (const m of derivativeMethods) {
      expect(m.label.length).toBeGreaterThan(3);
      expect(m.description.length).toBeGreaterThan(30);
      const defaults = defaultDerivative[m.id] as unknown as Record<string, unknown>;
      expect(Object.keys(defaults).sort()).toEqual(['method', ...m.params.map((p) => p.id)].sort());
      for (const p of m.params) {
        const v = defaults[p.id] as number;
        expect(v, `${m.id}.${p.id}`).toBeGreaterThanOrEqual(p.min);
        expect(v, `${m.id}.${p.id}`).toBeLessThanOrEqual(p.max);
      }
    }
  });

  it('has defaults that validate and slider ends that validate', () => {
    for (const s of all) expect(validateDerivative(s, 500).ok).toBe(true);
    expect(validateDerivative({ method: 'savgol', window: 101, order: 8 }, 500).ok).toBe(true);
    expect(validateDerivative({ method: 'savgol', window: 3, order: 1 }, 500).ok).toBe(true);
    expect(validateDerivative({ method: 'tv', alpha: 0.01, iterations: 1 }, 500).ok).toBe(true);
    expect(validateDerivative({ method: 'tv', alpha: 100, iterations: 100 }, 500).ok).toBe(true);
  });

  it('freezes the defaults', () => {
    expect(Object.isFrozen(defaultDerivative)).toBe(true);
    expect(Object.isFrozen(defaultDerivative.tv)).toBe(true);
  });
});

describe('validateDerivative', () => {
  it.each([
    [{ method: 'fd' }, 2, /at least 3 samples/],
    [{ method: 'savgol', window: 8, order: 3 }, 100, /odd/],
    [{ method: 'savgol', window: 5, order: 5 }, 100, /too short for order 5/],
    [{ method: 'savgol', window: 51, order: 3 }, 40, /longer than the trajectory/],
    [{ method: 'savgol', window: 11, order: 12 }, 100, /order = 12 is out of range/],
    [{ method: 'tv', alpha: -1, iterations: 20 }, 100, /α = -1 is out of range/],
    [{ method: 'tv', alpha: 1, iterations: 1e6 }, 100, /iterations = 1000000 is out of range/],
    [{ method: 'spline' } as unknown as DerivativeSettings, 100, /Unknown derivative method 'spline': use one of fd, savgol, tv/],
  ] as [DerivativeSettings, number, RegExp][])('rejects %o with %i samples', (s, n, message) => {
    const r = validateDerivative(s, n);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('differentiate', () => {
  it('dispatches to finite differences bit for bit', () => {
    const t = jitteredGrid(50, 0, 3, 0.3, 1);
    const y = sample(t, [Math.sin, Math.cos]);
    const a = differentiate(t, y, 2, { method: 'fd' });
    const b = finiteDifference(t, y, 2);
    expect(a.ok && b.ok && Array.from(a.value)).toEqual(b.ok && Array.from(b.value));
  });

  it.each(all)('estimates the derivative of a mildly noisy sine with %o', (s) => {
    const t = uniformGrid(600, 0, 12);
    const y = withNoise(sample(t, [Math.sin, (x) => 2 * Math.cos(0.5 * x)]), 2, 0.001, 3);
    const r = differentiate(t, y, 2, s);
    if (!r.ok) throw new Error(r.error);
    const truth = sample(t, [Math.cos, (x) => -Math.sin(0.5 * x)]);
    expect(relRms(r.value, truth, 2, 0)).toBeLessThan(0.1);
    expect(relRms(r.value, truth, 2, 1)).toBeLessThan(0.1);
  });

  it('reports settings problems', () => {
    const t = uniformGrid(20, 0, 1);
    const r = differentiate(t, new Float64Array(20), 1, { method: 'savgol', window: 31, order: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/longer than the trajectory/);
  });

  it.each([
    ['times out of order', [0, 0.2, 0.1, 0.3], [1, 2, 3, 4], 1, /strictly increasing.*sample 3 \(t = 0.1\).*sample 2 \(t = 0.2\)/],
    ['repeated times', [0, 0.1, 0.1, 0.3], [1, 2, 3, 4], 1, /strictly increasing/],
    ['a NaN time', [0, Number.NaN, 0.2, 0.3], [1, 2, 3, 4], 1, /Time at sample 2 is not a finite number/],
    ['a missing value', [0, 0.1, 0.2], [1, 2, 3, Number.NaN, 5, 6], 2, /State 2 is not a finite number at sample 2/],
    ['a ragged matrix', [0, 0.1, 0.2], [1, 2, 3, 4, 5], 2, /5 values but 3 times × 2 states need 6/],
    ['no states', [0, 0.1, 0.2], [], 0, /number of states/],
  ] as [string, number[], number[], number, RegExp][])('rejects %s', (_name, t, y, m, message) => {
    const r = differentiate(Float64Array.from(t), Float64Array.from(y), m, { method: 'fd' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

/**
 * PySINDy's SmoothedFiniteDifference: scipy's savgol_filter(mode='interp') smoothing, then
 * order-2 finite differences. Checked by property against an independent, straightforward
 * implementation (a least-squares polynomial fit per sample, solved by normal equations here),
 * by exactness on polynomials, and against values printed by scipy itself.
 */
import { describe, expect, it } from 'vitest';
import { finiteDifference } from '../../../src/core/derivative/finiteDifference';
import { defaultDerivative, differentiate, validateDerivative } from '../../../src/core/derivative/registry';
import {
  checkSmoothedFd, orthonormalBasis, savgolSmooth, smoothedFiniteDifference, type SmoothedFdSettings,
} from '../../../src/core/derivative/smoothedFiniteDifference';
import { jitteredGrid, lorenz, maxError, relRms, rng, uniformGrid, withNoise } from './helpers';

const sfd = (window: number, order: number): SmoothedFdSettings => ({ method: 'smoothed-fd', window, order });

/** Solve the small dense SPD system A x = b (A: k × k) by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    for (let r = c + 1; r < k; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let j = c; j <= k; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = m[r]![k]!;
    for (let j = r + 1; j < k; j++) s -= m[r]![j]! * x[j]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * The textbook definition, one sample at a time: fit Σ_a c_a u^a (u = index − window centre,
 * divided by the half-width) to the window's samples by the normal equations, evaluate at the
 * sample. Interior samples use the window centred on them; the first/last ⌊W/2⌋ use the first/last
 * window (scipy's mode='interp').
 */
function referenceSmooth(y: number[], W: number, P: number): number[] {
  const n = y.length;
  const h = (W - 1) / 2;
  const s = Math.max(h, 1);
  return y.map((_, i) => {
    const lo = i < h ? 0 : i >= n - h ? n - W : i - h;
    const u = Array.from({ length: W }, (_, j) => (j - h) / s);
    const gram = Array.from({ length: P + 1 }, (_, a) => Array.from({ length: P + 1 }, (_, b) => u.reduce((acc, v) => acc + v ** (a + b), 0)));
    const rhs = Array.from({ length: P + 1 }, (_, a) => u.reduce((acc, v, j) => acc + v ** a * y[lo + j]!, 0));
    const c = solve(gram, rhs);
    const at = (i - lo - h) / s;
    return c.reduce((acc, ca, a) => acc + ca * at ** a, 0);
  });
}

function noisySignal(n: number, seed: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => Math.sin(0.07 * i) + 0.5 * Math.cos(0.013 * i * i / 40) + 0.2 * (r() - 0.5));
}

describe('savgolSmooth (scipy savgol_filter, mode="interp")', () => {
  it.each([[3, 0], [3, 1], [5, 2], [7, 3], [11, 3], [11, 4], [15, 5], [21, 6]])(
    'matches a per-sample least-squares fit by normal equations to 1e-10 (window %i, order %i)', (W, P) => {
      const y = noisySignal(60, W * 31 + P);
      const ref = referenceSmooth(y, W, P);
      const got = savgolSmooth(Float64Array.from(y), y.length, 1, W, P);
      expect(maxError(got, Float64Array.from(ref))).toBeLessThan(1e-10);
    });

  it.each([[5, 2], [7, 3], [11, 3], [11, 5], [25, 8], [41, 12]])(
    'reproduces polynomials of degree ≤ order exactly, interior and ends (window %i, order %i)', (W, P) => {
      const n = 80;
      for (let d = 0; d <= P; d++) {
        // a polynomial of degree d in the sample index with mixed-sign coefficients, scaled to O(1)
        const poly = (i: number) => { let v = 0; for (let k = 0; k <= d; k++) v += ((-1) ** k / (k + 1)) * ((i - 30) / 40) ** k; return v; };
        const y = Float64Array.from({ length: n }, (_, i) => poly(i));
        const got = savgolSmooth(y, n, 1, W, P);
        expect(maxError(got, y), `degree ${d}`).toBeLessThan(1e-11);
      }
    });

  it('does not reproduce a polynomial of degree order + 2 (it really smooths)', () => {
    const n = 40;
    const y = Float64Array.from({ length: n }, (_, i) => ((i - 20) / 10) ** 5);
    expect(maxError(savgolSmooth(y, n, 1, 11, 3), y)).toBeGreaterThan(1e-3);
  });

  it('smooths each column on its own (row-major with several states)', () => {
    const a = noisySignal(50, 1);
    const b = noisySignal(50, 2).map((v) => 3 * v - 1);
    const both = Float64Array.from(a.flatMap((v, i) => [v, b[i]!]));
    const got = savgolSmooth(both, 50, 2, 11, 3);
    const alone = [savgolSmooth(Float64Array.from(a), 50, 1, 11, 3), savgolSmooth(Float64Array.from(b), 50, 1, 11, 3)];
    for (let i = 0; i < 50; i++) {
      expect(got[2 * i]).toBe(alone[0]![i]);
      expect(got[2 * i + 1]).toBe(alone[1]![i]);
    }
  });

  it('is the identity with window 1, and with order = window − 1 (the polynomial interpolates)', () => {
    const y = Float64Array.from(noisySignal(30, 5));
    expect(maxError(savgolSmooth(y, 30, 1, 1, 0), y)).toBe(0);
    expect(maxError(savgolSmooth(y, 30, 1, 5, 4), y)).toBeLessThan(1e-12);
  });

  /** scipy.signal.savgol_filter(y, W, P) on y_i = sin(0.3 i) + 0.1·((7i) mod 5), i = 0 … 24 (scipy 1.17.1). */
  const SCIPY_Y = Array.from({ length: 25 }, (_, i) => Math.sin(0.3 * i) + 0.1 * ((7 * i) % 5));
  const SCIPY: [number, number, number[]][] = [
    [11, 3, [0.06959568149954615, 0.46389568634716133, 0.7767117891147146, 1.006973792252883, 1.1536114982123435, 1.2155547094437762, 1.152336456521012, 1.0040488242344323, 0.8689345839866772, 0.6095479417238663, 0.3780960694462768, 0.04573872685158538, -0.2728389156415808, -0.46418258718525784, -0.6607152742010324, -0.7158443613159762, -0.774160478097444, -0.7454577406650906, -0.5473034002214866, -0.34691314057611555, -0.07924970238592277, 0.21448424876494743, 0.5159491034921072, 0.806805252411179, 1.0687130861377816]],
    [7, 2, [0.05423670381834963, 0.47863239436960386, 0.8017396524873881, 1.023558478171703, 1.0860579116837665, 1.160818225154173, 1.1705834645474982, 1.0936493736941753, 0.9160562893831843, 0.5830902350311011, 0.3073136652286507, 0.04278304173627611, -0.20770385910599662, -0.4426037448767407, -0.711511546259032, -0.807586941618367, -0.7928256399120658, -0.6893781806765851, -0.5273171737708071, -0.3916968841713416, -0.11181227982480826, 0.21675754324107238, 0.5070717964944446, 0.7959785184046043, 1.083477708971552]],
  ];
  it.each(SCIPY)('agrees with values printed by scipy to 1e-12 (window %i, order %i)', (W, P, expected) => {
    const got = savgolSmooth(Float64Array.from(SCIPY_Y), 25, 1, W, P);
    expect(maxError(got, Float64Array.from(expected))).toBeLessThan(1e-12);
  });

  it('builds an orthonormal basis even at high degree', () => {
    const W = 101;
    const P = 30;
    const q = orthonormalBasis(W, P);
    let worst = 0;
    for (let a = 0; a <= P; a++) {
      for (let b = 0; b <= P; b++) {
        let dot = 0;
        for (let j = 0; j < W; j++) dot += q[a * W + j]! * q[b * W + j]!;
        worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('smoothedFiniteDifference (PySINDy SmoothedFiniteDifference)', () => {
  it('is exactly "smooth, then order-2 finite differences" on a noisy signal, computed independently', () => {
    const { t, y } = lorenz(400, 0.01);
    const noisy = withNoise(y, 3, 0.05, 9);
    const got = smoothedFiniteDifference(t, noisy, 3, sfd(11, 3));
    if (!got.ok) throw new Error(got.error);
    const smooth = new Float64Array(noisy.length);
    for (let j = 0; j < 3; j++) {
      const col = referenceSmooth(Array.from({ length: 400 }, (_, i) => noisy[3 * i + j]!), 11, 3);
      col.forEach((v, i) => { smooth[3 * i + j] = v; });
    }
    const fd = finiteDifference(t, smooth, 3);
    if (!fd.ok) throw new Error(fd.error);
    // derivatives of O(100): 1e-10 relative to their size
    expect(maxError(got.value, fd.value)).toBeLessThan(1e-8);
  });

  it('smooths by sample index on irregular times, as scipy does, and differences with the true times', () => {
    const t = jitteredGrid(120, 0, 6, 0.4, 3);
    const y = Float64Array.from(t, (x) => Math.sin(x) + 0.05 * Math.cos(37 * x));
    const got = smoothedFiniteDifference(t, y, 1, sfd(9, 2));
    if (!got.ok) throw new Error(got.error);
    const fd = finiteDifference(t, Float64Array.from(referenceSmooth(Array.from(y), 9, 2)), 1);
    if (!fd.ok) throw new Error(fd.error);
    expect(maxError(got.value, fd.value)).toBeLessThan(1e-9);
  });

  it('is exact for quadratics on a uniform grid (smoothing keeps them, differences are exact)', () => {
    const t = uniformGrid(50, -1, 3);
    const y = Float64Array.from(t, (x) => 2 - x + 0.75 * x * x);
    const got = smoothedFiniteDifference(t, y, 1, sfd(11, 3));
    if (!got.ok) throw new Error(got.error);
    expect(maxError(got.value, Float64Array.from(t, (x) => -1 + 1.5 * x))).toBeLessThan(1e-10);
  });

  it('beats plain finite differences on noisy data (what it is for)', () => {
    const { t, y, dydt } = lorenz(2000, 0.005);
    const noisy = withNoise(y, 3, 0.01, 4);
    const plain = finiteDifference(t, noisy, 3);
    const smoothed = smoothedFiniteDifference(t, noisy, 3, sfd(11, 3));
    if (!plain.ok || !smoothed.ok) throw new Error('differentiation failed');
    for (let j = 0; j < 3; j++) expect(relRms(smoothed.value, dydt, 3, j)).toBeLessThan(0.5 * relRms(plain.value, dydt, 3, j));
  });
});

describe('smoothed-fd in the derivative registry', () => {
  it('defaults to PySINDy\'s smoother_kws: window_length 11, polyorder 3', () => {
    expect(defaultDerivative['smoothed-fd']).toEqual({ method: 'smoothed-fd', window: 11, order: 3 });
  });

  it('differentiate dispatches to it', () => {
    const { t, y } = lorenz(200, 0.01);
    const a = differentiate(t, y, 3, defaultDerivative['smoothed-fd']);
    const b = smoothedFiniteDifference(t, y, 3, sfd(11, 3));
    if (!a.ok || !b.ok) throw new Error('differentiation failed');
    expect(Array.from(a.value)).toEqual(Array.from(b.value));
  });

  it.each([
    [sfd(10, 3), 100, /odd/],
    [sfd(0, 0), 100, /odd/],
    [sfd(11, 11), 100, /order = 11 .*0 to 10/],
    [sfd(11, -1), 100, /order/],
    [sfd(11, 2.5), 100, /order/],
    [sfd(11, 3), 9, /longer than the trajectory \(9 samples\).*at most 9/],
    [sfd(1, 0), 2, /at least 3 samples/],
  ])('refuses %o with %i samples, saying what to use', (s, n, pattern) => {
    const problem = checkSmoothedFd(s, n);
    expect(problem).toMatch(pattern);
    const v = validateDerivative(s, n);
    expect(v.ok).toBe(false);
    const t = uniformGrid(n, 0, 1);
    const r = differentiate(t, new Float64Array(n), 1, s);
    expect(r.ok).toBe(false);
  });
});

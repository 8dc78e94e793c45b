import { describe, expect, it } from 'vitest';
import { finiteDifference } from '../../../src/core/derivative/finiteDifference';
import { checkSavgol, isUniform, savitzkyGolay, type SavgolSettings } from '../../../src/core/derivative/savitzkyGolay';
import { jitteredGrid, logLogSlope, maxError, relRms, sample, uniformGrid, withNoise } from './helpers';

const sg = (window: number, order: number): SavgolSettings => ({ method: 'savgol', window, order });

function run(t: Float64Array, y: Float64Array, m: number, s: SavgolSettings): Float64Array {
  const r = savitzkyGolay(t, y, m, s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/**
 * scipy.signal.savgol_filter(y, window, order, deriv=1, delta=0.1, mode='interp') on
 * y_i = sin(0.3 i) + 0.1·((7i) mod 5), i = 0 … 19 (scipy 1.17).
 */
const SCIPY_Y = Array.from({ length: 20 }, (_, i) => Math.sin(0.3 * i) + 0.1 * ((i * 7) % 5));
const SCIPY_W7_O2 = [4.750399067679893, 3.737514743345192, 2.724630419010492, 1.711746094675789, 1.0127306685376767, 0.04786985015074866, -0.3983137567743898, -1.5040613917105616, -1.9525024193905751, -2.4019133987838117, -2.812149785559868, -2.448231924673053, -2.5607650070301506, -1.9215992953034142, -1.2861640193273411, -0.7112207198189919, 0.4502070910041339, 1.2841200258645618, 2.1180329607249915, 2.9519458955854208];
const SCIPY_W9_O4 = [8.76529917407026, 4.0778173549579, 1.6799707694402466, 0.8377645192438687, 0.8172037060953599, 0.16146295751552853, -0.05017410786809329, -1.5564555674177014, -2.4651767983317425, -2.9626546671850464, -3.0044509575670157, -2.3193419036054066, -2.726179242768306, -2.430968421107523, -1.7275699698423028, -0.6788163777268776, 0.711214468645745, 1.7900277113590672, 2.16931075886812, 1.4607510196279594];

describe('savitzkyGolay matches scipy savgol_filter(deriv=1, mode="interp")', () => {
  it.each([
    [7, 2, SCIPY_W7_O2],
    [9, 4, SCIPY_W9_O4],
  ])('window %i, order %i, including the edges', (w, p, expected) => {
    const t = Float64Array.from({ length: 20 }, (_, i) => 0.1 * i);
    const out = run(t, Float64Array.from(SCIPY_Y), 1, sg(w, p));
    for (let i = 0; i < 20; i++) expect(out[i]).toBeCloseTo(expected[i]!, 9);
  });
});

describe('savitzkyGolay is exact for polynomials up to its order', () => {
  const grids: [string, Float64Array][] = [
    ['uniform', uniformGrid(50, -1, 2)],
    ['irregular', jitteredGrid(50, -1, 2, 0.4, 11)],
  ];
  for (const [name, t] of grids) {
    it.each([[5, 2], [7, 3], [9, 4], [13, 6]])(`window %i, order %i, ${name} grid`, (w, p) => {
      // p(x) = Σ_k c_k x^k with c_k = (−1)^k/(k+1)
      const poly = (x: number) => { let s = 0; for (let k = 0; k <= p; k++) s += ((-1) ** k / (k + 1)) * x ** k; return s; };
      const dpoly = (x: number) => { let s = 0; for (let k = 1; k <= p; k++) s += ((k * (-1) ** k) / (k + 1)) * x ** (k - 1); return s; };
      const out = run(t, sample(t, [poly]), 1, sg(w, p));
      expect(maxError(out, Float64Array.from(t, dpoly))).toBeLessThan(1e-9);
    });
  }
});

describe('savitzkyGolay with the window as long as the data', () => {
  it.each([
    ['uniform', uniformGrid(9, 0, 1)],
    ['irregular', jitteredGrid(9, 0, 1, 0.3, 3)],
  ])('fits one polynomial to all samples, %s grid', (_name, t) => {
    const out = run(t, sample(t, [(x) => x ** 3 - x]), 1, sg(9, 3));
    expect(maxError(out, Float64Array.from(t, (x) => 3 * x * x - 1))).toBeLessThan(1e-10);
  });
});

describe('savitzkyGolay order of accuracy (window fixed in samples)', () => {
  it.each([[5, 2], [7, 3], [9, 4]])('window %i, order %i: error slope ≈ order on sin(t)', (w, p) => {
    for (const jitter of [0, 0.3]) {
      const hs: number[] = [];
      const errs: number[] = [];
      for (const n of [80, 160, 320, 640, 1280]) {
        const t = jitter ? jitteredGrid(n, 0, 4, jitter, n) : uniformGrid(n, 0, 4);
        hs.push(4 / (n - 1));
        errs.push(maxError(run(t, sample(t, [Math.sin]), 1, sg(w, p)), Float64Array.from(t, Math.cos)));
      }
      const slope = logLogSlope(hs, errs);
      expect(slope, `jitter ${jitter}`).toBeGreaterThan(p - 0.2);
      expect(slope, `jitter ${jitter}`).toBeLessThan(p + 0.3);
    }
  });
});

describe('savitzkyGolay smooths noise', () => {
  it.each([
    ['uniform', uniformGrid(1000, 0, 10)],
    ['irregular', jitteredGrid(1000, 0, 10, 0.4, 5)],
  ])('error on noisy sin is far below finite differences, %s grid', (_name, t) => {
    const clean = sample(t, [Math.sin]);
    const noisy = withNoise(clean, 1, 0.01, 42);
    const truth = Float64Array.from(t, Math.cos);
    const fd = finiteDifference(t, noisy, 1);
    if (!fd.ok) throw new Error(fd.error);
    const eSg = relRms(run(t, noisy, 1, sg(31, 3)), truth, 1, 0);
    const eFd = relRms(fd.value, truth, 1, 0);
    expect(eSg * 5).toBeLessThan(eFd);
    expect(eSg).toBeLessThan(0.05);
  });
});

describe('savitzkyGolay settings and grids', () => {
  it('rejects bad windows and orders with advice', () => {
    expect(checkSavgol({ window: 10, order: 3 }, 100)).toMatch(/odd.*11/);
    expect(checkSavgol({ window: 5, order: 4 }, 100)).toMatch(/too short for order 4: use at least 7/);
    expect(checkSavgol({ window: 3, order: 2 }, 100)).toMatch(/at least 5/);
    expect(checkSavgol({ window: 21, order: 3 }, 20)).toMatch(/longer than the trajectory \(20 samples\).*at most 19/);
    expect(checkSavgol({ window: 11, order: 0 }, 100)).toMatch(/order = 0 is out of range/);
    expect(checkSavgol({ window: 11, order: 2.5 }, 100)).toMatch(/whole number/);
    expect(checkSavgol({ window: 21, order: 9 }, 100)).toMatch(/from 1 to 8/);
    expect(checkSavgol({ window: 5, order: 3 }, 5)).toBeNull();
    const r = savitzkyGolay(uniformGrid(10, 0, 1), new Float64Array(10), 1, sg(11, 3));
    expect(r.ok).toBe(false);
  });

  it('detects uniform grids up to rounding', () => {
    expect(isUniform(Float64Array.from({ length: 1000 }, (_, i) => i * 0.001))).toBe(true);
    expect(isUniform(jitteredGrid(100, 0, 1, 0.01, 1))).toBe(false);
  });

  it('gives the same result on the uniform and per-point paths', () => {
    const t = uniformGrid(200, 0, 3);
    const tNudged = Float64Array.from(t);
    tNudged[100]! += 1e-7; // breaks exact uniformity: the per-point path runs
    expect(isUniform(tNudged)).toBe(false);
    const fs = [Math.sin, (x: number) => Math.exp(-x)];
    const a = run(t, sample(t, fs), 2, sg(9, 3));
    const b = run(tNudged, sample(tNudged, fs), 2, sg(9, 3));
    expect(maxError(a, b)).toBeLessThan(1e-4);
  });

  it('treats states as independent columns', () => {
    const t = jitteredGrid(60, 0, 2, 0.3, 2);
    const fs = [Math.sin, Math.exp, (x: number) => x ** 3];
    const joint = run(t, sample(t, fs), 3, sg(7, 2));
    fs.forEach((f, j) => {
      const single = run(t, sample(t, [f]), 1, sg(7, 2));
      for (let i = 0; i < t.length; i++) expect(joint[i * 3 + j]).toBeCloseTo(single[i]!, 12);
    });
  });
});

import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import {
  buildLibrary, featureNames, firstNonFinite, firstNonFiniteColumns, MAX_FEATURES, type Library, type LibrarySettings,
} from '../../../src/core/library/library';

const XYZ = ['x', 'y', 'z'];
const settings = (over: Partial<LibrarySettings> = {}): LibrarySettings => ({ degree: 2, bias: true, fourier: 0, custom: [], ...over });

function build(states: string[], s: LibrarySettings): Library {
  const r = buildLibrary(states, s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function errorOf(states: string[], s: LibrarySettings): string {
  const r = buildLibrary(states, s);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(s)}`);
  return r.error;
}

/** Smooth pseudo-random states in [−2, 2]: y: n × m row-major. */
function states(n: number, m: number): Float64Array {
  return Float64Array.from({ length: n * m }, (_, k) => 2 * Math.sin(12.9898 * k + 78.233 * Math.cos(k)));
}

describe('buildLibrary', () => {
  it('puts polynomial, then Fourier, then custom terms, with LaTeX for each', () => {
    const lib = build(['x', 'y'], settings({ degree: 2, fourier: 1, custom: ['exp(-x)', 'x / (1 + y^2)'] }));
    expect(lib.names).toEqual(['1', 'x', 'y', 'x^2', 'x*y', 'y^2', 'sin(x)', 'cos(x)', 'sin(y)', 'cos(y)', 'exp(-x)', 'x/(1+y^2)']);
    expect(lib.latex).toEqual(['1', 'x', 'y', 'x^{2}', 'x y', 'y^{2}', '\\sin(x)', '\\cos(x)', '\\sin(y)', '\\cos(y)',
      '\\exp\\left(-x\\right)', '\\frac{x}{1 + y^{2}}']);
    expect(lib.nStates).toBe(2);
    expect(lib.nFeatures).toBe(12);
  });

  it('evaluates every feature like mathjs evaluating its canonical name', () => {
    const custom = ['exp(-x)', 'x/(1+y^2)', 'sin(x)*z', 'abs(x)', 'tanh(y)', '2^-x', 'atan(z)*cosh(x/2)', 'sqrt(1+x^2)', 'log(1+y^2)'];
    const lib = build(XYZ, settings({ degree: 3, fourier: 2, custom }));
    const n = 120;
    const y = states(n, 3);
    const theta = lib.evaluate(y, n);
    expect(theta.length).toBe(n * lib.nFeatures);
    for (let i = 0; i < n; i++) {
      const scope = { x: y[3 * i]!, y: y[3 * i + 1]!, z: y[3 * i + 2]! };
      lib.names.forEach((name, k) => {
        expect(theta[i * lib.nFeatures + k], `${name} at row ${i}`).toBeCloseTo(evaluate(name, scope) as number, 11);
      });
    }
  });

  it('evaluateRow gives exactly the rows of evaluate', () => {
    const lib = build(XYZ, settings({ degree: 4, fourier: 3, custom: ['exp(-x)*y', 'x/(2+z)', '-pi*x^2*exp(y)'] }));
    const n = 40;
    const p = lib.nFeatures;
    const y = states(n, 3);
    const theta = lib.evaluate(y, n);
    const row = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      lib.evaluateRow(y.subarray(3 * i, 3 * i + 3), row);
      expect(Array.from(row)).toEqual(Array.from(theta.subarray(i * p, (i + 1) * p)));
    }
  });

  it('writes into a given output (e.g. a slice of a stacked Θ) and checks its size', () => {
    const lib = build(['x', 'y'], settings({ custom: ['sin(x)*y'] }));
    const p = lib.nFeatures;
    const big = new Float64Array(10 * p).fill(-1);
    const slice = big.subarray(3 * p, 8 * p);
    expect(lib.evaluate(states(5, 2), 5, slice)).toBe(slice);
    expect(big[3 * p - 1]).toBe(-1);
    expect(big[8 * p]).toBe(-1);
    expect(big[3 * p]).toBe(1);
    expect(() => lib.evaluate(states(5, 2), 5, new Float64Array(4 * p))).toThrow(RangeError);
  });

  it.each<[Partial<LibrarySettings>, string]>([
    [{ degree: 7 }, 'degree 7'],
    [{ degree: -1 }, 'from 0 to 6'],
    [{ degree: 2.5 }, 'whole number'],
    [{ degree: Number.NaN }, 'degree NaN'],
    [{ degree: '2' as unknown as number }, 'degree 2 is not supported'],
    [{ fourier: 11 }, 'Fourier frequency 11'],
    [{ fourier: -1 }, 'Fourier frequency -1'],
    [{ bias: 'yes' as unknown as boolean }, 'constant-term'],
    [{ custom: 'x*y' as unknown as string[] }, 'list of expressions'],
    [{ custom: [3 as unknown as string] }, 'list of expressions'],
    [{ custom: Array.from({ length: 21 }, (_, k) => `x^${k + 3}`) }, 'limit is 20'],
    [{ degree: 0, bias: false }, 'library is empty'],
    [{ custom: ['x*w'] }, "Unknown symbol 'w'"],
    [{ custom: ['exp(x)', 'import("fs")'] }, "Custom term 2: Function 'import'"],
  ])('rejects %o with a message containing %j', (over, fragment) => {
    expect(errorOf(XYZ, settings(over))).toContain(fragment);
  });

  it(`caps the number of terms at ${MAX_FEATURES}`, () => {
    const six = ['a', 'b', 'c', 'd', 'f', 'g'];
    expect(errorOf(six, settings({ degree: 6 }))).toContain('924 terms (924 polynomial, 0 Fourier, 0 custom)');
    expect(build(six, settings({ degree: 4 })).nFeatures).toBe(210);
  });

  it('rejects unusable state names', () => {
    expect(errorOf([], settings())).toContain('no states');
    expect(errorOf(['x', 'x'], settings())).toContain("'x' appears twice");
    expect(errorOf(['x pos'], settings())).toContain("'x pos'");
  });
});

describe('duplicate and redundant custom terms', () => {
  it.each<[string[], Partial<LibrarySettings>, string]>([
    [['x*y'], { degree: 2 }, "Custom term 'x*y' (x*y) is already in the library"],
    [['y x'], { degree: 2 }, "Custom term 'y x' is the same as the term 'x*y'"],
    [['x x'], { degree: 2 }, "is the same as the term 'x^2'"],
    [['sin(2*x)'], { fourier: 2 }, "(sin(2*x)) is already in the library"],
    [['exp(x)', 'exp( x )'], {}, 'repeats custom term 1'],
    [['2*y'], {}, "is a multiple of the term 'y'"],
    [['-x^2'], {}, "is a multiple of the term 'x^2'"],
    [['pi'], {}, "is a multiple of the term '1'"],
    [['x - x'], {}, 'is zero everywhere'],
    [['sqrt(x^2)', 'abs(x)'], {}, "Custom term 'abs(x)' is the same as the term 'sqrt(x^2)'"],
  ])('%j is rejected (%o)', (custom, over, fragment) => {
    expect(errorOf(XYZ, settings({ ...over, custom }))).toContain(fragment);
  });

  it('accepts terms that are new for these settings', () => {
    expect(build(XYZ, settings({ degree: 1, custom: ['x*y'] })).names).toContain('x*y');
    expect(build(XYZ, settings({ bias: false, custom: ['pi'] })).names).toContain('pi');
    expect(build(XYZ, settings({ custom: ['log(x)', 'abs(x)', 'x*abs(x)'] })).nFeatures).toBe(13);
  });
});

describe('featureNames and firstNonFinite', () => {
  it('featureNames lists the names or gives the same error', () => {
    expect(featureNames(['x', 'y'], settings({ degree: 1, fourier: 1 }))).toEqual({
      ok: true, value: ['1', 'x', 'y', 'sin(x)', 'cos(x)', 'sin(y)', 'cos(y)'],
    });
    expect(featureNames(['x'], settings({ degree: 9 })).ok).toBe(false);
  });

  it('firstNonFinite finds the first NaN or ±Infinity in row-major order', () => {
    const lib = build(['x', 'y'], settings({ degree: 1, custom: ['log(x)', '1/y'] }));
    const y = Float64Array.from([1, 1, 2, 0, -1, 3]); // rows (1,1), (2,0), (−1,3)
    const theta = lib.evaluate(y, 3);
    expect(firstNonFinite(theta, 3, lib.nFeatures)).toEqual({ row: 1, col: 4 });
    expect(lib.names[4]).toBe('1/y');
    theta[1 * 5 + 4] = 0.5;
    expect(firstNonFinite(theta, 3, 5)).toEqual({ row: 2, col: 3 });
    expect(firstNonFinite(Float64Array.from([1, 2, -3, 0]), 2, 2)).toBeNull();
    expect(firstNonFinite(Float64Array.from([1, -Infinity]), 1, 2)).toEqual({ row: 0, col: 1 });
  });

  it('firstNonFiniteColumns reports the entry firstNonFinite reports on the row-major copy', () => {
    const rows = Float64Array.from([1, 2, 3, 4, NaN, 6, Infinity, 8, 9, 10, 11, -Infinity]); // 4 × 3
    const cols = Float64Array.from({ length: 12 }, (_, k) => rows[(k % 4) * 3 + Math.floor(k / 4)]!);
    expect(firstNonFiniteColumns(cols, 4, 3)).toEqual(firstNonFinite(rows, 4, 3));
    expect(firstNonFiniteColumns(cols, 4, 3)).toEqual({ row: 1, col: 1 });
    expect(firstNonFiniteColumns(Float64Array.from([1, 2, 3, 4, 5]), 5, 1)).toBeNull();
  });
});

describe('Library.evaluateColumns', () => {
  it('writes Θ by columns, bit for bit the row-major Θ, for every kind of block and at a row offset', () => {
    const lib = build(XYZ, settings({ degree: 3, fourier: 2, custom: ['exp(-x)', 'x / (1 + y^2)'] }));
    const n = 37; const p = lib.nFeatures;
    const y = states(n, 3);
    const rows = lib.evaluate(y, n);
    const ld = n + 5; // a column store of two stacked trajectories: this one at rows 5 … 41
    const cols = lib.evaluateColumns(y, n, new Float64Array(p * ld).fill(-7), ld, 5);
    for (let a = 0; a < p; a++) {
      for (let i = 0; i < 5; i++) expect(cols[a * ld + i]).toBe(-7);
      for (let i = 0; i < n; i++) expect(Object.is(cols[a * ld + 5 + i], rows[i * p + a])).toBe(true);
    }
    expect(() => lib.evaluateColumns(y, n, new Float64Array(p * n), n, 1)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { polynomialBlock, polynomialCount, symbolLatex } from '../../../src/core/library/polynomial';

/** Deterministic uniform numbers in [lo, hi) (a small LCG; tests only). */
function randomArray(len: number, seed: number, lo = -2, hi = 2): Float64Array {
  let s = seed >>> 0;
  const out = new Float64Array(len);
  for (let k = 0; k < len; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[k] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return out;
}

/** Naive value of a canonical monomial name ('x^2*y') at one state row. */
function naiveMonomial(name: string, states: string[], row: Float64Array): number {
  if (name === '1') return 1;
  return name.split('*').reduce((acc, factor) => {
    const [sym, exp] = factor.split('^');
    return acc * row[states.indexOf(sym!)]! ** Number(exp ?? 1);
  }, 1);
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

describe('polynomial terms', () => {
  it("follow PySINDy's order for x, y, z up to degree 2", () => {
    const b = polynomialBlock(['x', 'y', 'z'], 2, true);
    expect(b.names).toEqual(['1', 'x', 'y', 'z', 'x^2', 'x*y', 'x*z', 'y^2', 'y*z', 'z^2']);
  });

  it("follow PySINDy's order for x, y up to degree 3", () => {
    const b = polynomialBlock(['x', 'y'], 3, true);
    expect(b.names).toEqual(['1', 'x', 'y', 'x^2', 'x*y', 'y^2', 'x^3', 'x^2*y', 'x*y^2', 'y^3']);
  });

  it('have LaTeX names with braces around exponents and a bare 1 for the bias', () => {
    const b = polynomialBlock(['x', 'y'], 3, true);
    expect(b.latex).toEqual(['1', 'x', 'y', 'x^{2}', 'x y', 'y^{2}', 'x^{3}', 'x^{2} y', 'x y^{2}', 'y^{3}']);
  });

  it('drop the constant without bias, and are empty for degree 0 without bias', () => {
    expect(polynomialBlock(['x', 'y'], 1, false).names).toEqual(['x', 'y']);
    expect(polynomialBlock(['x', 'y'], 0, true).names).toEqual(['1']);
    expect(polynomialBlock(['x', 'y'], 0, false).names).toEqual([]);
  });

  it('count C(m + d, d) monomials, as polynomialCount predicts without listing them', () => {
    for (let m = 1; m <= 5; m++) {
      for (let d = 0; d <= 6; d++) {
        const states = Array.from({ length: m }, (_, k) => `x${k}`);
        for (const bias of [true, false]) {
          const names = polynomialBlock(states, d, bias).names;
          expect(names.length).toBe(binomial(m + d, d) - (bias ? 0 : 1));
          expect(polynomialCount(m, d, bias)).toBe(names.length);
          expect(new Set(names).size).toBe(names.length);
        }
      }
    }
  });

  it('evaluate every monomial like the naive product of powers', () => {
    const states = ['x', 'y', 'z'];
    const n = 257;
    const p0 = 3; // write into a wider Θ at column 3 to check strides and offsets
    const b = polynomialBlock(states, 4, true);
    const k = b.names.length;
    const p = p0 + k + 2;
    const y = randomArray(n * 3, 7);
    const out = new Float64Array(n * p).fill(-999);
    b.fill(y, n, out, p, p0);
    for (let i = 0; i < n; i++) {
      const row = y.subarray(i * 3, i * 3 + 3);
      for (let a = 0; a < k; a++) {
        const want = naiveMonomial(b.names[a]!, states, row);
        expect(out[i * p + p0 + a]).toBeCloseTo(want, 12);
      }
      for (const c of [0, 1, 2, p - 2, p - 1]) expect(out[i * p + c]).toBe(-999);
    }
  });

  it('evaluate one row (fillRow) exactly as fill does, across fill\'s blocks of rows', () => {
    const b = polynomialBlock(['x', 'y', 'z', 'w'], 5, false);
    const k = b.names.length;
    const n = 600;
    const y = randomArray(4 * n, 11);
    const theta = new Float64Array(n * k);
    b.fill(y, n, theta, k, 0);
    const row = new Float64Array(k + 1);
    for (let i = 0; i < n; i++) {
      b.fillRow(y.subarray(4 * i, 4 * i + 4), row, 1);
      expect(Array.from(row.subarray(1))).toEqual(Array.from(theta.subarray(i * k, (i + 1) * k)));
    }
  });
});

describe('symbolLatex', () => {
  it.each([
    ['x', 'x'], ['theta', '\\theta'], ['Omega', '\\Omega'], ['x1', 'x_{1}'], ['x_1', 'x_{1}'],
    ['omega_2', '\\omega_{2}'], ['pos', '\\mathrm{pos}'], ['x_dot', 'x_{\\mathrm{dot}}'], ['_a', '\\mathrm{\\_a}'],
  ])('%s → %s', (name, tex) => {
    expect(symbolLatex(name)).toBe(tex);
  });
});

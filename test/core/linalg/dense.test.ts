import { describe, expect, it } from 'vitest';
import { allFinite, crossOfColumns, crossProduct, gram, gramOfColumns, toColumns, toRows } from '../../../src/core/linalg/dense';
import { normalEquations, normalEquationsOfColumns, normalEquationsOfRows } from '../../../src/core/optimize/problem';

/** Deterministic, irregular entries of mixed sign and magnitude. */
function matrix(n: number, p: number, seed: number): Float64Array {
  return Float64Array.from({ length: n * p }, (_, k) => Math.sin(seed + k * k * 0.37) * (1 + (k % 7)));
}

function naiveGram(theta: Float64Array, n: number, p: number): Float64Array {
  const g = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += theta[i * p + a]! * theta[i * p + b]!;
    g[a * p + b] = s;
  }
  return g;
}

describe('dense kernels', () => {
  it('toColumns stores column c of a row-major matrix contiguously at c·n', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6]); // 2 × 3
    expect(Array.from(toColumns(a, 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    const out = new Float64Array(8).fill(-1);
    toColumns(a, 2, 3, out, 2);
    expect(Array.from(out)).toEqual([-1, -1, 1, 4, 2, 5, 3, 6]);
    // columns of length ld = 3 (room for a third row)
    expect(Array.from(toColumns(a, 2, 3, new Float64Array(9), 0, 3))).toEqual([1, 4, 0, 2, 5, 0, 3, 6, 0]);
  });

  it('toRows undoes toColumns, across the transpose blocks', () => {
    const n = 301; const p = 7;
    const a = Float64Array.from({ length: n * p }, (_, k) => Math.sin(k));
    expect(Array.from(toRows(toColumns(a, n, p), n, p))).toEqual(Array.from(a));
  });

  // Every width from 1 to 11 covers full and partial 2 × 4 tiles on and off the diagonal.
  it.each(Array.from({ length: 11 }, (_, k) => k + 1))('ΘᵀΘ with %i columns equals the sequential sums exactly and is symmetric', (p) => {
    const n = 37;
    const theta = matrix(n, p, p);
    const want = naiveGram(theta, n, p);
    const g = gram(theta, n, p);
    expect(Array.from(g)).toEqual(Array.from(want));
    expect(Array.from(gramOfColumns(toColumns(theta, n, p), n, p))).toEqual(Array.from(want));
  });

  it('normal equations: ΘᵀΘ, ΘᵀẎ and the column store of [Θ | Ẏ]', () => {
    const n = 50; const p = 7; const m = 3;
    const theta = matrix(n, p, 1);
    const y = matrix(n, m, 2);
    const ne = normalEquations(theta, y, n, p, m);
    expect(Array.from(ne.gram)).toEqual(Array.from(naiveGram(theta, n, p)));
    const c = crossProduct(theta, y, n, p, m);
    for (let a = 0; a < p; a++) for (let j = 0; j < m; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += theta[i * p + a]! * y[i * m + j]!;
      expect(ne.cross[a * m + j]).toBe(s);
      expect(c[a * m + j]).toBe(s);
    }
    const cols = ne.columns!;
    expect(cols.length).toBe(n * (p + m));
    for (let i = 0; i < n; i += 7) {
      for (let a = 0; a < p; a++) expect(cols[a * n + i]).toBe(theta[i * p + a]);
      for (let j = 0; j < m; j++) expect(cols[(p + j) * n + i]).toBe(y[i * m + j]);
    }
  });

  // Widths 1 … 6 of Ẏ cover 2 × 4, 2 × 2 and 2 × 1 tiles; odd p pairs the last row with itself.
  it.each([[7, 1], [7, 2], [8, 3], [5, 4], [9, 6]])('ΘᵀẎ of separate column stores (p = %i, m = %i): the sequential sums exactly', (p, m) => {
    const n = 41;
    const theta = matrix(n, p, 3);
    const y = matrix(n, m, 4);
    const c = new Float64Array(p * m).fill(NaN);
    crossOfColumns(toColumns(theta, n, p), n, p, toColumns(y, n, m), m, c);
    for (let a = 0; a < p; a++) for (let j = 0; j < m; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += theta[i * p + a]! * y[i * m + j]!;
      expect(c[a * m + j]).toBe(s);
    }
  });

  it('normal equations from Θ by columns: the same G and ΘᵀẎ bit for bit, Θ kept without a copy', () => {
    const n = 64; const p = 9; const m = 3;
    const theta = matrix(n, p, 5);
    const y = matrix(n, m, 6);
    const thetaCols = toColumns(theta, n, p);
    const a = normalEquations(theta, y, n, p, m);
    const b = normalEquationsOfColumns(thetaCols, y, n, p, m);
    expect(Array.from(b.gram)).toEqual(Array.from(a.gram));
    expect(Array.from(b.cross)).toEqual(Array.from(a.cross));
    expect(b.columns).toBe(thetaCols);
    expect(Array.from(b.targetColumns!)).toEqual(Array.from(a.targetColumns!));
    expect(Array.from(a.targetColumns!)).toEqual(Array.from(toColumns(y, n, m)));
  });

  it('allFinite finds any NaN or ±Infinity, at every position modulo its 4 sums and in the tail', () => {
    const a = Float64Array.from({ length: 11 }, (_, k) => k - 5);
    expect(allFinite(a)).toBe(true);
    for (const bad of [NaN, Infinity, -Infinity]) {
      for (let k = 0; k < a.length; k++) {
        const b = a.slice(); b[k] = bad;
        expect(allFinite(b)).toBe(false);
        expect(allFinite(b, k)).toBe(true); // only the first k entries
      }
    }
  });

  // p from 1 to 11 and m from 1 to 6 cover every tile width on both kernels.
  it.each([[1, 1], [2, 2], [5, 3], [7, 4], [10, 3], [11, 6]])('normal equations of row-major Θ (p = %i, m = %i): the column-store numbers, bit for bit', (p, m) => {
    const n = 53;
    const theta = matrix(n, p, 7);
    const y = matrix(n, m, 8);
    const rows = normalEquationsOfRows(theta, y, n, p, m);
    const cols = normalEquations(theta, y, n, p, m);
    expect(Array.from(rows.gram)).toEqual(Array.from(cols.gram));
    expect(Array.from(rows.cross)).toEqual(Array.from(cols.cross));
    expect(rows.columns).toBeUndefined();
  });
});

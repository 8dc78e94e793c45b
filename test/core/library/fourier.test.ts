import { describe, expect, it } from 'vitest';
import { fourierBlock } from '../../../src/core/library/fourier';

describe('Fourier terms', () => {
  it("follow PySINDy's order: frequency, then state, sine before cosine", () => {
    const b = fourierBlock(['x', 'y'], 2);
    expect(b.names).toEqual(['sin(x)', 'cos(x)', 'sin(y)', 'cos(y)', 'sin(2*x)', 'cos(2*x)', 'sin(2*y)', 'cos(2*y)']);
    expect(b.latex).toEqual(['\\sin(x)', '\\cos(x)', '\\sin(y)', '\\cos(y)', '\\sin(2 x)', '\\cos(2 x)', '\\sin(2 y)', '\\cos(2 y)']);
  });

  it('are empty for K = 0 and leave Θ untouched', () => {
    const b = fourierBlock(['x'], 0);
    expect(b.names).toEqual([]);
    const out = new Float64Array(4).fill(7);
    b.fill(Float64Array.from([1, 2]), 2, out, 2, 0);
    b.fillRow(Float64Array.from([1]), out, 0);
    expect(Array.from(out)).toEqual([7, 7, 7, 7]);
  });

  it('match sin(k·s), cos(k·s) up to K = 10 (the angle-addition recurrence stays accurate)', () => {
    const m = 3;
    const K = 10;
    const n = 200;
    const b = fourierBlock(['x', 'y', 'z'], K);
    const p = b.names.length + 1;
    const y = Float64Array.from({ length: n * m }, (_, k) => 20 * Math.sin(1.7 * k + 0.3)); // values in [−20, 20]
    const out = new Float64Array(n * p);
    b.fill(y, n, out, p, 1);
    for (let i = 0; i < n; i++) {
      for (let k = 1; k <= K; k++) {
        for (let s = 0; s < m; s++) {
          const col = 1 + 2 * ((k - 1) * m + s);
          const v = y[i * m + s]!;
          expect(Math.abs(out[i * p + col]! - Math.sin(k * v))).toBeLessThan(1e-13);
          expect(Math.abs(out[i * p + col + 1]! - Math.cos(k * v))).toBeLessThan(1e-13);
        }
      }
    }
  });

  it('evaluate one row (fillRow) exactly as fill does', () => {
    const b = fourierBlock(['x', 'y'], 4);
    const p = b.names.length;
    const y = Float64Array.from([0.3, -1.2, 2.5, 0.01]);
    const theta = new Float64Array(2 * p);
    b.fill(y, 2, theta, p, 0);
    const row = new Float64Array(p);
    for (let i = 0; i < 2; i++) {
      b.fillRow(y.subarray(2 * i, 2 * i + 2), row, 0);
      expect(Array.from(row)).toEqual(Array.from(theta.subarray(i * p, (i + 1) * p)));
    }
  });
});

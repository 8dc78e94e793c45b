import { describe, expect, it } from 'vitest';
import { r2PerState, r2PerStateColumns } from '../../../src/core/model/metrics';

describe('r2PerState', () => {
  it('equals 1 − SS_res/SS_tot of the dense prediction Θξ_j, for sparse and dense coefficient rows', () => {
    const n = 120; const p = 6; const m = 3;
    const theta = Float64Array.from({ length: n * p }, (_, k) => Math.sin(0.7 * k) + (k % p === 0 ? 1 : 0));
    const target = Float64Array.from({ length: n * m }, (_, k) => Math.cos(0.3 * k) * (1 + (k % m)));
    // state 0: two terms; state 1: every term; state 2: none (prediction 0).
    const coef = Float64Array.from([0, 0.5, 0, 0, -1.25, 0, 0.1, 0.2, -0.3, 0.4, -0.5, 0.6, 0, 0, 0, 0, 0, 0]);
    const r2 = r2PerState(theta, target, coef, n, p, m);
    for (let j = 0; j < m; j++) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += target[i * m + j]! / n;
      let ssRes = 0; let ssTot = 0;
      for (let i = 0; i < n; i++) {
        let pred = 0;
        for (let a = 0; a < p; a++) pred += theta[i * p + a]! * coef[j * p + a]!;
        ssRes += (target[i * m + j]! - pred) ** 2;
        ssTot += (target[i * m + j]! - mean) ** 2;
      }
      expect(r2[j]).toBeCloseTo(1 - ssRes / ssTot, 12);
    }
  });

  it('is 1 for an exact fit and 1 for a constant target fitted exactly', () => {
    const theta = Float64Array.from([1, 0, 1, 1, 1, 2, 1, 3]); // 4 × 2: [1, t]
    const y = Float64Array.from([3, 2, 5, 2, 7, 2, 9, 2]); // 4 × 2: ẏ₀ = 3 + 2t, ẏ₁ = 2
    const r2 = r2PerState(theta, y, Float64Array.from([3, 2, 2, 0]), 4, 2, 2);
    expect(r2[0]).toBeCloseTo(1, 14);
    expect(r2[1]).toBe(1);
  });

  it('r2PerStateColumns gives the same numbers, bit for bit, from the column store [Θ | Ẏ]', () => {
    const n = 97; const p = 5; const m = 2;
    const theta = Float64Array.from({ length: n * p }, (_, k) => Math.sin(1.3 * k) * (1 + (k % p)));
    const target = Float64Array.from({ length: n * m }, (_, k) => Math.cos(0.37 * k) + (k % m));
    const columns = new Float64Array(n * (p + m));
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < p; a++) columns[a * n + i] = theta[i * p + a]!;
      for (let j = 0; j < m; j++) columns[(p + j) * n + i] = target[i * m + j]!;
    }
    const coef = Float64Array.from([0.3, 0, -1.7, 0, 2e-3, 0, 0, 0, 0, 0]);
    expect(r2PerStateColumns(columns, coef, n, p, m)).toEqual(r2PerState(theta, target, coef, n, p, m));
  });
});

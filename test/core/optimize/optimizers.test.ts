import { describe, expect, it } from 'vitest';
import { optimize, optimizerDefaults, validateOptimizer, type OptimizerSettings } from '../../../src/core/optimize/registry';
import { stlsq, stlsqFinish, stlsqInit, stlsqStep } from '../../../src/core/optimize/stlsq';
import { lasso } from '../../../src/core/optimize/lasso';
import { makeProblem, normalEquations } from '../../../src/core/optimize/problem';
import { sparseProblem } from './helpers';

const TRUE = [
  [0, 1.5, 0, 0, -2, 0, 0, 0],
  [0, 0, 0, 3, 0, 0, 0.5, 0],
];

const all: OptimizerSettings[] = [
  { ...optimizerDefaults.stlsq, threshold: 0.2 },
  { ...optimizerDefaults.lasso, alpha: 0.01 },
  { ...optimizerDefaults.sr3, threshold: 0.2 },
  { ...optimizerDefaults.sr3, threshold: 0.05, regularizer: 'l1' },
];

describe.each(all)('optimizer %o on a known sparse problem', (s) => {
  it('recovers the support and the coefficients', () => {
    const prob = sparseProblem(400, 8, TRUE, 0.01, 3);
    const r = optimize(prob, s);
    expect(r.status).toBe('ok');
    for (let j = 0; j < 2; j++) {
      for (let a = 0; a < 8; a++) {
        const c = r.coefficients[j * 8 + a]!;
        const t = TRUE[j]![a]!;
        expect(c !== 0, `support of state ${j}, feature ${a}`).toBe(t !== 0);
        expect(Math.abs(c - t)).toBeLessThan(0.01);
      }
    }
  });

  it('is invariant to column scaling when normalised', () => {
    const prob = sparseProblem(400, 8, TRUE, 0.01, 5, true);
    const scaled = Float64Array.from(prob.theta);
    for (let i = 0; i < 400; i++) scaled[i * 8 + 3] = scaled[i * 8 + 3]! * 1000;
    const p2 = makeProblem(scaled, prob.target, 400, 8, 2, normalEquations(scaled, prob.target, 400, 8, 2), true);
    const a = optimize(prob, s);
    const b = optimize(p2, s);
    for (let k = 0; k < 16; k++) expect(a.coefficients[k] !== 0).toBe(b.coefficients[k] !== 0);
    expect(b.coefficients[8 + 3]! * 1000).toBeCloseTo(a.coefficients[8 + 3]!, 6);
  });
});

describe('all terms pruned', () => {
  it.each([
    { ...optimizerDefaults.stlsq, threshold: 100 },
    { ...optimizerDefaults.sr3, threshold: 100 },
    { ...optimizerDefaults.lasso, alpha: 1e5 },
  ] as OptimizerSettings[])('%o returns all_pruned with advice, not an exception', (s) => {
    const prob = sparseProblem(200, 8, TRUE, 0.01, 7);
    const r = optimize(prob, s);
    expect(r.status).toBe('all_pruned');
    expect(r.message).toMatch(/removed every term\. Lower/);
    expect(r.suggested).toBeGreaterThan(0);
    expect(Array.from(r.coefficients).every((c) => c === 0)).toBe(true);
    // The advice works: the suggested value keeps at least one term.
    const retry = s.method === 'lasso' ? { ...s, alpha: r.suggested! } : { ...s, threshold: r.suggested! };
    expect(optimize(prob, retry).status).not.toBe('all_pruned');
  });
});

describe('STLSQ', () => {
  it('keeps every iterate, the support only shrinks, and stepping equals running', () => {
    const prob = sparseProblem(300, 8, TRUE, 0.3, 11);
    const s = { ...optimizerDefaults.stlsq, threshold: 0.3 };
    const st = stlsqInit(prob);
    const counts: number[] = [];
    while (!st.done) {
      stlsqStep(prob, s, st);
      counts.push(Array.from(st.history.at(-1)!).filter((c) => c !== 0).length);
    }
    for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeLessThanOrEqual(counts[k - 1]!);
    expect(counts[0]).toBeLessThan(16);
    const stepped = stlsqFinish(prob, s, st);
    const direct = stlsq(prob, s);
    expect(Array.from(stepped.coefficients)).toEqual(Array.from(direct.coefficients));
    expect(direct.history.length).toBe(counts.length);
  });

  it('refits the support by plain least squares (no ridge shrinkage left)', () => {
    const prob = sparseProblem(300, 8, TRUE, 0, 13);
    const r = stlsq(prob, { ...optimizerDefaults.stlsq, threshold: 0.2, alpha: 50 });
    // Noise-free data: least squares on the right support is exact, whatever the ridge.
    expect(r.coefficients[1]).toBeCloseTo(1.5, 10);
    expect(r.coefficients[4]).toBeCloseTo(-2, 10);
  });
});

describe('LASSO', () => {
  it('matches the closed form soft threshold on an orthogonal design', () => {
    // Θ with orthogonal columns, ΘᵀΘ = n·I: ξ_k = S(θ_kᵀy/n, α) exactly.
    const n = 64;
    const p = 4;
    const theta = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      theta[i * p] = 1;
      theta[i * p + 1] = i % 2 ? 1 : -1;
      theta[i * p + 2] = i % 4 < 2 ? 1 : -1;
      theta[i * p + 3] = i % 8 < 4 ? 1 : -1;
    }
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = 0.7 * theta[i * p]! - 0.05 * theta[i * p + 1]! + 2 * theta[i * p + 3]! + 0.01 * Math.sin(i);
    const prob = makeProblem(theta, y, n, p, 1, normalEquations(theta, y, n, p, 1), false);
    const alpha = 0.1;
    const r = lasso(prob, { ...optimizerDefaults.lasso, alpha, unbias: false });
    for (let k = 0; k < p; k++) {
      let z = 0;
      for (let i = 0; i < n; i++) z += theta[i * p + k]! * y[i]!;
      z /= n;
      const expected = Math.sign(z) * Math.max(Math.abs(z) - alpha, 0);
      expect(r.coefficients[k]).toBeCloseTo(expected, 12);
    }
    expect(r.coefficients[1]).toBe(0);
  });

  it.each([1e-4, 1e-3, 1e-2, 0.1])('reaches the exact optimum (KKT conditions) on strongly correlated columns, α = %s', (alpha) => {
    // Columns 1, t, t², t³, t⁴ on t ∈ [1, 3]: nearly collinear, where plain coordinate descent
    // needs thousands of sweeps. At the optimum, with q = Θᵀ(y − Θξ)/n:
    // q_k = α·sign(ξ_k) where ξ_k ≠ 0 and |q_k| ≤ α where ξ_k = 0.
    const n = 200;
    const p = 5;
    const theta = new Float64Array(n * p);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = 1 + (2 * i) / (n - 1);
      for (let a = 0; a < p; a++) theta[i * p + a] = t ** a;
      y[i] = Math.exp(t) - 3 * Math.sin(2 * t);
    }
    const prob = makeProblem(theta, y, n, p, 1, normalEquations(theta, y, n, p, 1), false);
    const r = lasso(prob, { ...optimizerDefaults.lasso, alpha, unbias: false });
    expect(r.status).toBe('ok');
    expect(r.iterations).toBeLessThan(200);
    const xi = r.coefficients;
    for (let k = 0; k < p; k++) {
      let q = 0;
      for (let i = 0; i < n; i++) {
        let res = y[i]!;
        for (let a = 0; a < p; a++) res -= theta[i * p + a]! * xi[a]!;
        q += (theta[i * p + k]! * res) / n;
      }
      if (xi[k] !== 0) expect(Math.abs(q - alpha * Math.sign(xi[k]!))).toBeLessThan(1e-6 * alpha);
      else expect(Math.abs(q)).toBeLessThanOrEqual(alpha * (1 + 1e-6));
    }
  });
});

describe('validation', () => {
  it.each([
    [{ ...optimizerDefaults.stlsq, threshold: -1 }, /threshold/],
    [{ ...optimizerDefaults.stlsq, alpha: NaN }, /Ridge α/],
    [{ ...optimizerDefaults.lasso, alpha: 0 }, /LASSO α/],
    [{ ...optimizerDefaults.sr3, nu: 0 }, /SR3 ν/],
    [{ ...optimizerDefaults.stlsq, maxIter: 0.5 }, /iteration limit/],
  ] as [OptimizerSettings, RegExp][])('rejects %o', (s, re) => {
    const r = validateOptimizer(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });
});

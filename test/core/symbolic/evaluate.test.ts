import { describe, expect, it } from 'vitest';
import { binary, constant, evalExpr, exprToString, unary, variable, type Expr } from '../../../src/core/model/expr';
import { checkData, programLoss } from '../../../src/core/symbolic/dataset';
import { createEvaluator, evaluate } from '../../../src/core/symbolic/evaluate';
import { createJacobianWork, evaluateJacobian } from '../../../src/core/symbolic/jacobian';
import { createProgram, loadProgram, withConstants } from '../../../src/core/symbolic/program';
import { close, columns, randomTrees, row } from './helpers';

const names = ['x', 'y', 'z'];
const x = variable(0);

function evalColumns(e: Expr, X: Float64Array[]): { ok: boolean; out: Float64Array } {
  const n = X[0]!.length;
  const out = new Float64Array(n);
  const ok = evaluate(loadProgram(createProgram(4), e), X, out, createEvaluator(n, 2));
  return { ok, out };
}

describe('evaluate (columns)', () => {
  it('agrees with the pointwise evaluation on random trees, and says false whenever the output is not finite', () => {
    const X = columns(3, 64, 1, -2, 2);
    let finite = 0, nonFinite = 0;
    for (const e of randomTrees(300, 2)) {
      const { ok, out } = evalColumns(e, X);
      const pointwise = Array.from({ length: 64 }, (_, i) => evalExpr(e, row(X, i)));
      if (pointwise.every(Number.isFinite)) {
        finite++;
        pointwise.forEach((v, i) => expect(close(out[i]!, v), exprToString(e, names)).toBe(true));
      } else if (!ok) nonFinite++;
      // a non-finite output always fails; a hidden one (a/∞, exp(−∞)) fails too
      if (pointwise.some((v) => !Number.isFinite(v))) expect(ok, exprToString(e, names)).toBe(false);
    }
    expect(finite).toBeGreaterThan(100);
    expect(nonFinite).toBeGreaterThan(5);
  });

  it('has PySR\'s safe semantics: sqrt and log of negatives, division by zero and overflow make the loss +∞', () => {
    const X = [Float64Array.of(-1, 0.5, 2)];
    const cases: Expr[] = [
      unary('sqrt', x), unary('log', x), binary('/', constant(1), binary('-', x, constant(0.5))), unary('exp', binary('*', constant(1000), x)),
      // hidden ones: 1 / (1/0) = 0 and exp(−∞) = 0 at the point x = 0.5
      binary('/', constant(1), binary('/', constant(1), binary('-', x, constant(0.5)))),
      unary('exp', unary('neg', binary('/', constant(1), unary('square', binary('-', x, constant(0.5)))))),
    ];
    const p = checkData({ X, y: Float64Array.of(0, 0, 0), varNames: ['x'] });
    if (!p.ok) throw new Error(p.error);
    for (const e of cases) {
      expect(evalColumns(e, X).ok, exprToString(e, ['x'])).toBe(false);
      expect(programLoss(loadProgram(createProgram(4), e), p.value, createEvaluator(3), new Float64Array(3))).toBe(Infinity);
    }
    expect(evalColumns(unary('sqrt', unary('square', x)), X).ok).toBe(true);
  });

  it('handles constant-only trees and a bare variable', () => {
    const X = columns(1, 5, 3);
    expect([...evalColumns(binary('*', constant(2), constant(3)), X).out]).toEqual([6, 6, 6, 6, 6]);
    expect([...evalColumns(x, X).out]).toEqual([...X[0]!]);
  });
});

describe('evaluateJacobian', () => {
  it('matches central differences of the output with respect to each constant', () => {
    const X = columns(3, 20, 4, 0.2, 1.5);
    let checked = 0;
    for (const e of randomTrees(150, 5)) {
      const p = loadProgram(createProgram(4), e);
      const K = p.nConsts;
      if (K === 0) continue;
      const value = new Float64Array(20), jac = new Float64Array(K * 20);
      if (!evaluateJacobian(p, X, value, jac, createJacobianWork(20))) continue;
      const c = p.consts.slice(0, K);
      for (let j = 0; j < K; j++) {
        const h = 1e-6 * Math.max(1, Math.abs(c[j]!));
        const up = c.slice(), dn = c.slice();
        up[j]! += h; dn[j]! -= h;
        const fu = evalColumns(withConstants(e, up), X), fd = evalColumns(withConstants(e, dn), X);
        if (!fu.ok || !fd.ok) continue;
        for (let i = 0; i < 20; i++) {
          const fdiff = (fu.out[i]! - fd.out[i]!) / (2 * h);
          expect(Math.abs(jac[j * 20 + i]! - fdiff), exprToString(e, names)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fdiff)));
        }
        checked++;
      }
      expect([...value]).toEqual([...evalColumns(e, X).out]);
    }
    expect(checked).toBeGreaterThan(50);
  });
});

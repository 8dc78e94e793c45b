import { describe, expect, it } from 'vitest';
import { binary, constant, evalExpr, exprComplexity, exprToString, unary, variable, type Expr } from '../../../src/core/model/expr';
import { simplify } from '../../../src/core/symbolic/simplify';
import { close, columns, randomTrees, row } from './helpers';

const x = variable(0), y = variable(1);
const c = constant;
const names = ['x', 'y', 'z'];
const s = (e: Expr) => exprToString(simplify(e), names);

describe('simplify: rules', () => {
  it('folds constants', () => {
    expect(s(binary('+', binary('*', c(2), c(3)), x))).toBe('x + 6');
    expect(s(unary('neg', c(2)))).toBe('-2');
    expect(s(unary('cos', c(0)))).toBe('1');
  });

  it('leaves a non-finite fold alone', () => {
    expect(s(binary('/', c(1), c(0)))).toBe('1 / 0');
  });

  it('removes identities', () => {
    expect(s(binary('+', x, c(0)))).toBe('x');
    expect(s(binary('*', c(1), x))).toBe('x');
    expect(s(binary('/', x, c(1)))).toBe('x');
    expect(s(binary('*', x, c(0)))).toBe('0');
    expect(s(binary('-', binary('+', x, y), binary('+', x, y)))).toBe('0');
    expect(s(binary('-', c(0), x))).toBe('-x');
    expect(s(unary('neg', unary('neg', x)))).toBe('x');
    expect(s(binary('-', x, unary('neg', y)))).toBe('x + y');
    expect(s(binary('+', x, unary('neg', y)))).toBe('x - y');
  });

  it('merges constants through + and ×', () => {
    expect(s(binary('*', c(2), binary('*', c(3), x)))).toBe('6 * x');
    expect(s(binary('*', binary('*', x, c(3)), c(2)))).toBe('6 * x');
    expect(s(binary('+', c(1), binary('+', x, c(2))))).toBe('x + 3');
    expect(s(binary('+', binary('-', x, c(2)), c(5)))).toBe('x + 3');
    expect(s(binary('-', c(1), binary('+', c(2), x)))).toBe('-1 - x');
    expect(s(binary('*', c(4), binary('/', x, c(2))))).toBe('2 * x');
    expect(s(binary('/', binary('*', c(3), x), c(2)))).toBe('1.5 * x');
    expect(s(binary('*', c(2), unary('neg', x)))).toBe('-2 * x');
  });

  it('recurses through nested merges bottom-up', () => {
    const e = binary('*', c(2), binary('*', c(3), binary('*', c(4), unary('sin', binary('+', c(1), binary('+', c(1), x))))));
    expect(s(e)).toBe('24 * sin(x + 2)');
  });
});

describe('simplify: properties on random trees', () => {
  const trees = randomTrees(1500, 11);
  const X = columns(3, 12, 12, -2, 2);

  it('never increases the node count', () => {
    for (const e of trees) expect(exprComplexity(simplify(e))).toBeLessThanOrEqual(exprComplexity(e));
  });

  it('never changes the value where the original is finite', () => {
    let compared = 0, shrunk = 0;
    for (const e of trees) {
      const t = simplify(e);
      if (exprComplexity(t) < exprComplexity(e)) shrunk++;
      for (let i = 0; i < 12; i++) {
        const v = evalExpr(e, row(X, i));
        if (!Number.isFinite(v)) continue;
        const w = evalExpr(t, row(X, i));
        expect(close(v, w, 1e-8), `${exprToString(e, names)} → ${exprToString(t, names)} at ${row(X, i).join(', ')}`).toBe(true);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5000);
    expect(shrunk).toBeGreaterThan(100);
  });

  it('is idempotent in size (a second pass finds at most little more)', () => {
    let again = 0;
    for (const e of trees) if (exprComplexity(simplify(simplify(e))) < exprComplexity(simplify(e))) again++;
    expect(again).toBeLessThan(trees.length * 0.02);
  });
});

describe('simplify: cancelling terms', () => {
  it('drops a term added and subtracted', () => {
    const frac = binary('/', x, binary('+', c(1), x));
    expect(s(binary('-', binary('-', x, frac), x))).toBe('-(x / (x + 1))');
    expect(s(binary('-', binary('+', x, y), y))).toBe('x');
    expect(s(binary('+', binary('-', x, y), y))).toBe('x');
    expect(s(binary('-', x, binary('+', x, y)))).toBe('-y');
    expect(s(binary('-', x, binary('-', x, y)))).toBe('y');
  });
});

describe('simplify: factors', () => {
  it('turns −1· into a minus sign and cancels a factor divided out', () => {
    expect(s(binary('*', x, c(-1)))).toBe('-x');
    expect(s(binary('/', binary('*', x, c(-1)), binary('+', x, c(1))))).toBe('-x / (x + 1)');
    expect(s(binary('/', binary('*', unary('neg', binary('/', x, y)), y), y))).toBe('-(x / y)');
    expect(s(binary('/', y, y))).toBe('1');
    expect(s(binary('*', binary('/', x, y), y))).toBe('x');
    expect(s(binary('+', binary('*', unary('sin', x), c(-1)), binary('*', y, c(-0.25))))).toBe('-0.25 * y - sin(x)');
  });
});

import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/data/rng';
import {
  BINARY_OPS, UNARY_OPS, binary, compileExprs, constant, evalExpr, exprComplexity, exprToLatex, exprToString, unary, variable,
  type Expr,
} from '../../../src/core/model/expr';
import { randomTree } from '../../../src/core/symbolic/tree';

const x = variable(0), y = variable(1);
const names = ['x', 'y', 'z'];
const alphabet = { nVars: 3, binary: BINARY_OPS, unary: UNARY_OPS };

/** Random trees over every operator, with a few negative constants and nested unary minus. */
function trees(count: number, seed: number): Expr[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => randomTree(1 + Math.floor(rng() * 8), rng, alphabet));
}

/** The relative closeness of two finite values (both non-finite counts as agreeing). */
function agree(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return !Number.isFinite(a) && !Number.isFinite(b);
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('exprToString', () => {
  it('prints minimal parentheses in mathjs syntax', () => {
    expect(exprToString(binary('/', y, binary('+', constant(1), y)), names)).toBe('y / (1 + y)');
    expect(exprToString(binary('-', binary('*', x, binary('-', constant(28), variable(2))), y), names)).toBe('x * (28 - z) - y');
    expect(exprToString(binary('-', unary('neg', unary('sin', x)), binary('*', constant(0.25), y)), names)).toBe('-sin(x) - 0.25 * y');
    expect(exprToString(unary('square', binary('+', x, y)), names)).toBe('(x + y)^2');
    expect(exprToString(unary('square', constant(-3)), names)).toBe('(-3)^2');
    expect(exprToString(binary('*', x, constant(-3)), names)).toBe('x * (-3)');
    expect(exprToString(binary('-', x, binary('-', y, x)), names)).toBe('x - (y - x)');
    expect(exprToString(unary('neg', unary('neg', x)), names)).toBe('-(-x)');
  });

  it('keeps every digit of a constant', () => {
    const c = 0.1 + 0.2;
    expect(Number(exprToString(constant(c), names))).toBe(c);
    expect(evaluate(exprToString(constant(1e-300), names))).toBe(1e-300);
  });

  it('round-trips through mathjs to the same values on random trees', () => {
    const rng = createRng(5);
    let compared = 0;
    for (const e of trees(400, 1)) {
      const text = exprToString(e, names);
      const scope = { x: rng() * 2 - 0.5, y: rng() * 2 - 0.5, z: rng() * 2 - 0.5 };
      const mine = evalExpr(e, [scope.x, scope.y, scope.z]);
      const theirs = evaluate(text, { ...scope }) as unknown;
      // mathjs answers sqrt/log of negatives with complex numbers, where we give NaN
      if (typeof theirs !== 'number') { expect(Number.isNaN(mine)).toBe(true); continue; }
      expect(agree(mine, theirs), `${text}: ${mine} vs ${theirs}`).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });
});

describe('exprComplexity', () => {
  it('counts every node once (PySR default)', () => {
    expect(exprComplexity(x)).toBe(1);
    expect(exprComplexity(binary('/', y, binary('+', constant(1), y)))).toBe(5);
    expect(exprComplexity(binary('+', unary('sin', binary('*', x, constant(2.1))), y))).toBe(6);
  });
});

describe('exprToLatex', () => {
  it('writes fractions, functions and rounded constants', () => {
    const latex = ['x', 'y'];
    expect(exprToLatex(binary('/', y, binary('+', constant(1), y)), latex)).toBe('\\frac{y}{1 + y}');
    expect(exprToLatex(binary('-', unary('neg', unary('sin', x)), binary('*', constant(0.25), y)), latex)).toBe('-\\sin x - 0.25\\,y');
    expect(exprToLatex(binary('*', constant(2.6666666), unary('square', binary('+', x, y))), latex)).toBe('2.667\\,\\left(x + y\\right)^{2}');
    expect(exprToLatex(unary('exp', unary('neg', x)), latex)).toBe('e^{-x}');
  });
});

describe('compileExprs', () => {
  it('evaluates several expressions at once, as evalExpr does, without allocating per call', () => {
    const es = trees(50, 2);
    const f = compileExprs(es, 3);
    const rng = createRng(9);
    const state = new Float64Array(3), out = new Float64Array(es.length);
    for (let trial = 0; trial < 20; trial++) {
      for (let j = 0; j < 3; j++) state[j] = rng() * 3 - 1;
      f(state, out);
      es.forEach((e, k) => expect(agree(out[k]!, evalExpr(e, state)), exprToString(e, names)).toBe(true));
    }
  });

  it('serves as an ODE right-hand side (Lorenz)', () => {
    const [X, Y, Z] = [variable(0), variable(1), variable(2)];
    const f = compileExprs([
      binary('*', constant(10), binary('-', Y, X)),
      binary('-', binary('*', X, binary('-', constant(28), Z)), Y),
      binary('-', binary('*', X, Y), binary('*', constant(8 / 3), Z)),
    ], 3);
    const out = new Float64Array(3);
    f(Float64Array.of(1, 2, 3), out);
    expect([...out]).toEqual([10, 1 * 25 - 2, 2 - 8]);
  });

  it('rejects a variable outside the state (a bug in the caller)', () => {
    expect(() => compileExprs([variable(3)], 3)).toThrow(RangeError);
  });
});

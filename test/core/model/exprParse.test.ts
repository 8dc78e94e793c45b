/**
 * Formula text → expression tree (src/core/model/exprParse.ts): the inverse of exprToString on
 * random trees over every operator (the same tree, up to a minus sign folded into a constant,
 * and bit-identical values), library feature names, and the texts it must refuse.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/data/rng';
import { BINARY_OPS, UNARY_OPS, evalExpr, exprEquals, exprToString, type Expr } from '../../../src/core/model/expr';
import { parseFormula } from '../../../src/core/model/exprParse';
import { randomTree } from '../../../src/core/symbolic/tree';

const names = ['x', 'y', 'z'];
const alphabet = { nVars: 3, binary: BINARY_OPS, unary: UNARY_OPS };

/** −c for a constant c printed as '-c': the parser reads it as the constant −c. */
function foldNegConst(e: Expr): Expr {
  switch (e.kind) {
    case 'const': case 'var': return e;
    case 'unary': {
      const a = foldNegConst(e.arg);
      return e.op === 'neg' && a.kind === 'const' ? { kind: 'const', value: -a.value } : { ...e, arg: a };
    }
    case 'binary': return { ...e, left: foldNegConst(e.left), right: foldNegConst(e.right) };
  }
}

const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe('parseFormula', () => {
  it('reads back what exprToString printed: the same tree and bit-identical values, on random trees', () => {
    const rng = createRng(11);
    for (let k = 0; k < 500; k++) {
      const e = randomTree(1 + Math.floor(rng() * 10), rng, alphabet);
      const text = exprToString(e, names);
      const r = parseFormula(text, names);
      expect(r.ok, text).toBe(true);
      if (!r.ok) continue;
      expect(exprEquals(foldNegConst(r.value), foldNegConst(e)), text).toBe(true);
      const at = [rng() * 4 - 2, rng() * 4 - 2, rng() * 4 - 2];
      expect(same(evalExpr(r.value, at), evalExpr(e, at)), text).toBe(true);
    }
  });

  it('reads library feature names, whole powers and constants', () => {
    const at = [1.5, -2, 0.25];
    const value = (t: string): number => { const r = parseFormula(t, names); if (!r.ok) throw new Error(r.error); return evalExpr(r.value, at); };
    expect(value('x*y')).toBe(-3);
    expect(value('x^2')).toBe(2.25);
    expect(value('y^3')).toBe(-8);
    expect(value('x^5')).toBeCloseTo(1.5 ** 5, 12);
    expect(value('x^-2')).toBeCloseTo(1 / 2.25, 12);
    expect(value('-x^2')).toBe(-2.25);
    expect(value('sin(2*x)')).toBe(Math.sin(3));
    expect(value('-10*x + 10*y')).toBe(-35);
    expect(value('x*(28 - z) - y')).toBe(1.5 * 27.75 + 2);
    expect(value('2*pi + e')).toBe(2 * Math.PI + Math.E);
    expect(value('1.5e-3 * z')).toBe(1.5e-3 * 0.25);
  });

  it('lets the state names shadow the constants pi and e', () => {
    const r = parseFormula('e * 2', ['e', 'f']);
    expect(r.ok && evalExpr(r.value, [3, 0])).toBe(6);
  });

  it('refuses what is not a formula, naming the problem', () => {
    const refused: [string, RegExp][] = [
      ['tan(x)', /Unknown name 'tan'/],
      ['x^0.5', /whole powers/],
      ['x^y', /whole powers/],
      ['(x + y', /not closed/],
      ['x + ', /ends too early/],
      ['x y', /Unexpected 'y'/],
      ['x; y', /Cannot read the formula at ';/],
      ['sin x', /function: call it/],
      ['w + 1', /Unknown name 'w'.*x, y, z/],
      ['', /empty/],
      ['('.repeat(300) + 'x' + ')'.repeat(300), /nested more than/],
    ];
    for (const [text, why] of refused) {
      const r = parseFormula(text, names);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error, text).toMatch(why);
    }
    expect(parseFormula('x+'.repeat(20_000) + 'x', names).ok).toBe(false);
  });
});

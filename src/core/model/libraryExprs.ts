/**
 * A library model ẏ_j = Σ_k ξ_jk θ_k(y) as expression trees ξ_j1·θ_1(y) + ξ_j2·θ_2(y) + … over
 * its nonzero coefficients, so what works on expressions (the solver-based fine-tuning of
 * constants, `neural/expressionField.ts`) works on SINDy's models too. The terms' own numbers
 * (the 2 of sin(2*x), a custom term's constants) are listed in `frozen`: only the coefficients
 * are parameters, and `coefficientsFrom` writes fitted ones back into the matrix.
 *
 * The terms are read back from the library's canonical names with the custom-term parser (a
 * whitelist; nothing is evaluated). Terms with functions the expression trees do not have (tan,
 * abs, tanh, sinh, cosh, atan) or powers other than whole numbers give null: the caller says
 * that this model cannot be fine-tuned and keeps it as it is.
 */
import { parseTerm } from '../library/expression';
import type { Expr as TermExpr } from '../library/expressionCompile';
import type { Library } from '../library/library';
import { binary, constant, unary, variable, type Expr, type UnaryOp } from './expr';

export interface LibraryExprs {
  /** one expression per state (the constant 0 for an equation without terms) */
  exprs: Expr[];
  /** the terms' own constants (not parameters) */
  frozen: Set<Expr>;
  /** position in the m × p coefficient matrix of each parameter, in the expressions' order */
  positions: number[];
}

const UNARY: ReadonlySet<string> = new Set<UnaryOp>(['sin', 'cos', 'exp', 'log', 'sqrt']);

/** The model's equations as sums of coefficient × term, or null (with the term) if a term cannot be translated. */
export function libraryExprs(library: Library, coefficients: Float64Array, stateNames: string[]): { ok: true; value: LibraryExprs } | { ok: false; term: string } {
  const p = library.nFeatures;
  const frozen = new Set<Expr>();
  const terms = new Map<number, Expr>();
  const positions: number[] = [];
  const exprs: Expr[] = [];
  for (let j = 0; j < stateNames.length; j++) {
    let sum: Expr | null = null;
    for (let k = 0; k < p; k++) {
      const c = coefficients[j * p + k]!;
      if (c === 0) continue;
      let term = terms.get(k);
      if (!term) {
        const name = library.names[k]!;
        const t = name === '1' ? constant(1) : termExpr(name, stateNames, frozen);
        if (!t) return { ok: false, term: name };
        term = t;
        terms.set(k, term);
      }
      positions.push(j * p + k);
      const product = library.names[k] === '1' ? constant(c) : binary('*', constant(c), term);
      sum = sum ? binary('+', sum, product) : product;
    }
    if (sum) exprs.push(sum);
    else {
      const zero = constant(0);
      frozen.add(zero);
      exprs.push(zero);
    }
  }
  return { ok: true, value: { exprs, frozen, positions } };
}

/**
 * A library term's canonical name ('x^2*y', 'sin(2*x)', a custom term) as an expression tree,
 * its numbers added to `frozen`; null if it uses what the trees do not have.
 */
export function termExpr(name: string, stateNames: string[], frozen: Set<Expr> = new Set()): Expr | null {
  const parsed = parseTerm(name, stateNames);
  return parsed.ok ? translate(parsed.value.expr, frozen) : null;
}

/** A copy of the coefficient matrix with the fitted parameters written at their positions. */
export function coefficientsFrom(coefficients: Float64Array, positions: readonly number[], theta: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(coefficients);
  positions.forEach((at, q) => { out[at] = theta[q]!; });
  return out;
}

/** A parsed library term as an expression tree; its constants go into `frozen`. */
function translate(e: TermExpr, frozen: Set<Expr>): Expr | null {
  const num = (v: number): Expr => { const c = constant(v); frozen.add(c); return c; };
  switch (e.kind) {
    case 'num': return num(e.value);
    case 'state': return variable(e.index);
    case 'neg': { const a = translate(e.arg, frozen); return a && unary('neg', a); }
    case 'call': {
      if (!UNARY.has(e.fn)) return null;
      const a = translate(e.arg, frozen);
      return a && unary(e.fn as UnaryOp, a);
    }
    case 'binary': {
      const l = translate(e.left, frozen);
      if (!l) return null;
      if (e.op === '^') return e.right.kind === 'num' ? power(l, e.right.value, num) : null;
      const r = translate(e.right, frozen);
      return r && binary(e.op, l, r);
    }
  }
}

/** base^n for a whole number n (|n| ≤ 16): square, cube, repeated products, 1/… for n < 0. */
function power(base: Expr, n: number, num: (v: number) => Expr): Expr | null {
  if (!Number.isInteger(n) || Math.abs(n) > 16) return null;
  if (n === 0) return num(1);
  const k = Math.abs(n);
  let p: Expr = k === 2 ? unary('square', base) : k === 3 ? unary('cube', base) : base;
  if (k > 3) for (let i = 1; i < k; i++) p = binary('*', p, base);
  return n > 0 ? p : binary('/', num(1), p);
}

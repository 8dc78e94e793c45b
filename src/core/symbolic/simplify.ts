/**
 * Algebraic simplification, bottom-up, never increasing the node count (used as a mutation and
 * on every member after each iteration, as SymbolicRegression.jl's simplify_tree + combine_operators):
 * - constant folding: an operator whose operands are all constants becomes one constant
 *   (kept unfolded if the result is not finite, so a bad candidate stays visibly bad);
 * - identities: x + 0, 0 + x, x − 0, x·1, 1·x, x/1 → x; x·0, 0·x → 0; 0 − x → −x; x − x → 0;
 *   −(−x) → x; c·(−x) → (−c)·x; x + (−y) → x − y; x − (−y) → x + y;
 * - merging constants through an operator of the same kind:
 *   c₁ + (c₂ + x) → (c₁+c₂) + x,  c₁ + (c₂ − x) → (c₁+c₂) − x,  c₁ + (x − c₂) → (c₁−c₂) + x,
 *   c₁ − (c₂ + x) → (c₁−c₂) − x,  c₁ − (c₂ − x) → (c₁−c₂) + x,
 *   c₁·(c₂·x) → (c₁c₂)·x,  c₁·(x/c₂) → (c₁/c₂)·x,  c₁/(c₂·x) → (c₁/c₂)/x,  (c₁·x)/c₂ → (c₁/c₂)·x,
 *   with either operand order of + and · (x + c is treated as c + x).
 * On points where the original is finite the value is unchanged up to rounding; x·0 → 0 and
 * x − x → 0 drop a NaN/∞ that x alone would produce, which is the point of simplifying.
 */
import { applyBinary, applyUnary, exprEquals, type Expr } from '../model/expr';

const C = (value: number): Expr => ({ kind: 'const', value });
const isC = (e: Expr): e is { kind: 'const'; value: number } => e.kind === 'const';
/** e is the constant v (not a type guard: false does not mean "not a constant") */
const isV = (e: Expr, v: number): boolean => e.kind === 'const' && e.value === v;

export function simplify(e: Expr): Expr {
  switch (e.kind) {
    case 'const': case 'var': return e;
    case 'unary': return simplifyUnary(e.op, simplify(e.arg));
    case 'binary': return simplifyBinary(e.op, simplify(e.left), simplify(e.right));
  }
}

function simplifyUnary(op: Extract<Expr, { kind: 'unary' }>['op'], a: Expr): Expr {
  if (isC(a)) {
    const v = applyUnary(op, a.value);
    if (Number.isFinite(v)) return C(v);
  }
  if (op === 'neg' && a.kind === 'unary' && a.op === 'neg') return a.arg;
  return { kind: 'unary', op, arg: a };
}

type BinOp = Extract<Expr, { kind: 'binary' }>['op'];

function simplifyBinary(op: BinOp, l: Expr, r: Expr): Expr {
  if (isC(l) && isC(r)) {
    const v = applyBinary(op, l.value, r.value);
    if (Number.isFinite(v)) return C(v);
    return { kind: 'binary', op, left: l, right: r };
  }
  switch (op) {
    case '+': {
      if (isV(l, 0)) return r;
      if (isV(r, 0)) return l;
      if (r.kind === 'unary' && r.op === 'neg') return simplifyBinary('-', l, r.arg);
      if (l.kind === 'unary' && l.op === 'neg') return simplifyBinary('-', r, l.arg);
      // put the constant on the left: c + x
      const [c, x] = isC(r) ? [r, l] : [l, r];
      if (isC(c)) return mergeAdd(c.value, x) ?? { kind: 'binary', op, left: l, right: r };
      return { kind: 'binary', op, left: l, right: r };
    }
    case '-': {
      if (isV(r, 0)) return l;
      if (isV(l, 0)) return simplifyUnary('neg', r);
      if (exprEquals(l, r)) return C(0);
      if (r.kind === 'unary' && r.op === 'neg') return simplifyBinary('+', l, r.arg);
      if (isC(r)) return mergeAdd(-r.value, l) ?? { kind: 'binary', op, left: l, right: r };
      if (isC(l)) return mergeSub(l.value, r) ?? { kind: 'binary', op, left: l, right: r };
      return { kind: 'binary', op, left: l, right: r };
    }
    case '*': {
      if (isV(l, 1)) return r;
      if (isV(r, 1)) return l;
      if (isV(l, 0) || isV(r, 0)) return C(0);
      const [c, x] = isC(r) ? [r, l] : [l, r];
      if (isC(c)) return mergeMul(c.value, x) ?? { kind: 'binary', op, left: l, right: r };
      return { kind: 'binary', op, left: l, right: r };
    }
    case '/': {
      if (isV(r, 1)) return l;
      if (isC(r) && r.value !== 0) {
        const m = mergeMul(1 / r.value, l);
        if (m) return m;
      }
      if (isC(l) && r.kind === 'binary' && r.op === '*') {
        const [c2, x] = isC(r.left) ? [r.left, r.right] : isC(r.right) ? [r.right, r.left] : [null, null];
        if (c2 && x && isC(c2)) {
          const v = l.value / c2.value;
          if (Number.isFinite(v)) return { kind: 'binary', op: '/', left: C(v), right: x };
        }
      }
      return { kind: 'binary', op, left: l, right: r };
    }
  }
}

/** c + x, merging c into x when x is c₂ + y, y + c₂, c₂ − y or y − c₂; null if nothing merges. */
function mergeAdd(c: number, x: Expr): Expr | null {
  if (c === 0) return x;
  if (x.kind === 'unary' && x.op === 'neg') return { kind: 'binary', op: '-', left: C(c), right: x.arg };
  if (x.kind !== 'binary') return null;
  const { op, left, right } = x;
  if (op === '+') {
    if (isC(left)) return finite(c + left.value, (v) => add(v, right));
    if (isC(right)) return finite(c + right.value, (v) => add(v, left));
  } else if (op === '-') {
    if (isC(left)) return finite(c + left.value, (v) => ({ kind: 'binary', op: '-', left: C(v), right }));
    if (isC(right)) return finite(c - right.value, (v) => add(v, left));
  }
  return null;
}

/** c − x, merging as mergeAdd; null if nothing merges. */
function mergeSub(c: number, x: Expr): Expr | null {
  if (x.kind === 'unary' && x.op === 'neg') return add(c, x.arg);
  if (x.kind !== 'binary') return null;
  const { op, left, right } = x;
  if (op === '+') {
    if (isC(left)) return finite(c - left.value, (v) => ({ kind: 'binary', op: '-', left: C(v), right }));
    if (isC(right)) return finite(c - right.value, (v) => ({ kind: 'binary', op: '-', left: C(v), right: left }));
  } else if (op === '-') {
    if (isC(left)) return finite(c - left.value, (v) => add(v, right));
    if (isC(right)) return finite(c + right.value, (v) => ({ kind: 'binary', op: '-', left: C(v), right: left }));
  }
  return null;
}

/** c · x, merging c into x when x is c₂·y, y·c₂, y/c₂, c₂/y or −y; null if nothing merges. */
function mergeMul(c: number, x: Expr): Expr | null {
  if (c === 1) return x;
  if (x.kind === 'unary' && x.op === 'neg') return mul(-c, x.arg);
  if (x.kind !== 'binary') return null;
  const { op, left, right } = x;
  if (op === '*') {
    if (isC(left)) return finite(c * left.value, (v) => mul(v, right));
    if (isC(right)) return finite(c * right.value, (v) => mul(v, left));
  } else if (op === '/') {
    if (isC(right)) return finite(c / right.value, (v) => mul(v, left));
    if (isC(left)) return finite(c * left.value, (v) => ({ kind: 'binary', op: '/', left: C(v), right }));
  }
  return null;
}

function add(c: number, x: Expr): Expr {
  return c === 0 ? x : { kind: 'binary', op: '+', left: C(c), right: x };
}

function mul(c: number, x: Expr): Expr {
  if (c === 1) return x;
  if (c === 0) return C(0);
  return { kind: 'binary', op: '*', left: C(c), right: x };
}

function finite(v: number, make: (v: number) => Expr): Expr | null {
  return Number.isFinite(v) ? make(v) : null;
}

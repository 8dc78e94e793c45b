/**
 * Algebraic simplification, bottom-up, never increasing the node count (used as a mutation and
 * on every member after each iteration, as SymbolicRegression.jl's simplify_tree + combine_operators):
 * - constant folding: an operator whose operands are all constants becomes one constant
 *   (kept unfolded if the result is not finite, so a bad candidate stays visibly bad);
 * - identities: x + 0, 0 + x, x − 0, x·1, 1·x, x/1 → x; x·0, 0·x → 0; 0 − x → −x; x − x → 0;
 *   −(−x) → x; −(a − b) → b − a; −(c·x) → (−c)·x; c·(−x) → (−c)·x; x + (−y) → x − y; x − (−y) → x + y;
 * - cancelling terms: (a − b) + b → a, (a + b) − b → a, (a − b) − a → −b, a − (a + b) → −b, …;
 *   (a·b)/b → a, (a/b)·b → a, x/x → 1; (−1)·x → −x;
 * - merging constants through an operator of the same kind:
 *   c₁ + (c₂ + x) → (c₁+c₂) + x,  c₁ + (c₂ − x) → (c₁+c₂) − x,  c₁ + (x − c₂) → (c₁−c₂) + x,
 *   c₁ − (c₂ + x) → (c₁−c₂) − x,  c₁ − (c₂ − x) → (c₁−c₂) + x,
 *   c₁·(c₂·x) → (c₁c₂)·x,  c₁·(x/c₂) → (c₁/c₂)·x,  c₁/(c₂·x) → (c₁/c₂)/x,  (c₁·x)/c₂ → (c₁/c₂)·x,
 *   with either operand order of + and · (x + c is treated as c + x).
 * On points where the original is finite the value is unchanged up to rounding; x·0 → 0,
 * x − x → 0 and x/x → 1 drop a NaN/∞ (or a 0/0 where x = 0) that the original would produce at
 * isolated points, which is the point of simplifying.
 */
import { applyBinary, applyUnary, exprComplexity, exprEquals, type Expr } from '../model/expr';

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
  if (op === 'neg') {
    if (a.kind === 'unary' && a.op === 'neg') return a.arg;
    // −(a − b) → b − a; −(c·x) → (−c)·x
    if (a.kind === 'binary' && a.op === '-') return { kind: 'binary', op: '-', left: a.right, right: a.left };
    const merged = mergeMul(-1, a);
    if (merged && exprComplexity(merged) <= exprComplexity(a)) return merged;
  }
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
      // (a − b) + b → a, b + (a − b) → a
      if (l.kind === 'binary' && l.op === '-' && exprEquals(l.right, r)) return l.left;
      if (r.kind === 'binary' && r.op === '-' && exprEquals(r.right, l)) return r.left;
      // put the constant on the left: c + x
      const [c, x] = isC(r) ? [r, l] : [l, r];
      if (isC(c)) return mergeAdd(c.value, x) ?? add(c.value, x);
      return { kind: 'binary', op, left: l, right: r };
    }
    case '-': {
      if (isV(r, 0)) return l;
      if (isV(l, 0)) return simplifyUnary('neg', r);
      if (exprEquals(l, r)) return C(0);
      if (r.kind === 'unary' && r.op === 'neg') return simplifyBinary('+', l, r.arg);
      const cancelled = cancelSub(l, r);
      if (cancelled) return cancelled;
      if (isC(r)) return mergeAdd(-r.value, l) ?? add(-r.value, l);
      if (isC(l)) return mergeSub(l.value, r) ?? { kind: 'binary', op, left: l, right: r };
      return { kind: 'binary', op, left: l, right: r };
    }
    case '*': {
      if (isV(l, 1)) return r;
      if (isV(r, 1)) return l;
      if (isV(l, 0) || isV(r, 0)) return C(0);
      if (isV(l, -1)) return simplifyUnary('neg', r);
      if (isV(r, -1)) return simplifyUnary('neg', l);
      // (a / b)·b → a, b·(a / b) → a
      if (l.kind === 'binary' && l.op === '/' && exprEquals(l.right, r)) return l.left;
      if (r.kind === 'binary' && r.op === '/' && exprEquals(r.right, l)) return r.left;
      const [c, x] = isC(r) ? [r, l] : [l, r];
      if (isC(c)) return mergeMul(c.value, x) ?? mul(c.value, x); // the constant first: 2 * x
      return { kind: 'binary', op, left: l, right: r };
    }
    case '/': {
      if (isV(r, 1)) return l;
      if (exprEquals(l, r)) return C(1);
      // (a·b)/b → a, (b·a)/b → a
      if (l.kind === 'binary' && l.op === '*') {
        if (exprEquals(l.right, r)) return l.left;
        if (exprEquals(l.left, r)) return l.right;
      }
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

/** l − r when one side holds the other as a term: (a + b) − b → a, (a − b) − a → −b, a − (a + b) → −b, a − (a − b) → b. */
function cancelSub(l: Expr, r: Expr): Expr | null {
  if (l.kind === 'binary' && (l.op === '+' || l.op === '-')) {
    if (l.op === '+' && exprEquals(l.right, r)) return l.left;
    if (l.op === '+' && exprEquals(l.left, r)) return l.right;
    if (l.op === '-' && exprEquals(l.left, r)) return simplifyUnary('neg', l.right);
  }
  if (r.kind === 'binary' && (r.op === '+' || r.op === '-')) {
    if (r.op === '+' && exprEquals(r.left, l)) return simplifyUnary('neg', r.right);
    if (r.op === '+' && exprEquals(r.right, l)) return simplifyUnary('neg', r.left);
    if (r.op === '-' && exprEquals(r.left, l)) return r.right;
  }
  return null;
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

/** x + c, written x − |c| for a negative c (reads as people write it: z − 28). */
function add(c: number, x: Expr): Expr {
  if (c === 0) return x;
  return c < 0 ? { kind: 'binary', op: '-', left: x, right: C(-c) } : { kind: 'binary', op: '+', left: x, right: C(c) };
}

function mul(c: number, x: Expr): Expr {
  if (c === 1) return x;
  if (c === -1) return simplifyUnary('neg', x);
  if (c === 0) return C(0);
  return { kind: 'binary', op: '*', left: C(c), right: x };
}

function finite(v: number, make: (v: number) => Expr): Expr | null {
  return Number.isFinite(v) ? make(v) : null;
}

/**
 * Tree surgery on immutable `Expr` trees, by preorder index (node 0 is the root; a node's left
 * subtree follows it, then its right subtree). Replacing a node copies only the path from the
 * root to it; every other subtree is shared, so a mutation costs O(depth) allocations.
 * Also the random building blocks of mutations: leaves, operators, random trees.
 */
import { exprComplexity, type BinaryOp, type Expr, type UnaryOp } from '../model/expr';
import { gaussian, type Rng } from '../data/rng';

/** What random trees may contain. */
export interface Alphabet {
  nVars: number;
  binary: readonly BinaryOp[];
  unary: readonly UnaryOp[];
}

/** The k-th node in preorder (k < complexity). */
export function nodeAt(e: Expr, k: number): Expr {
  let node = e;
  for (;;) {
    if (k === 0) return node;
    k--;
    if (node.kind === 'unary') { node = node.arg; continue; }
    if (node.kind !== 'binary') throw new RangeError('nodeAt: index beyond the tree');
    const nl = exprComplexity(node.left);
    if (k < nl) node = node.left;
    else { k -= nl; node = node.right; }
  }
}

/** A copy of e with its k-th node (preorder) replaced by sub. */
export function replaceAt(e: Expr, k: number, sub: Expr): Expr {
  if (k === 0) return sub;
  if (e.kind === 'unary') return { kind: 'unary', op: e.op, arg: replaceAt(e.arg, k - 1, sub) };
  if (e.kind !== 'binary') throw new RangeError('replaceAt: index beyond the tree');
  const nl = exprComplexity(e.left);
  if (k - 1 < nl) return { kind: 'binary', op: e.op, left: replaceAt(e.left, k - 1, sub), right: e.right };
  return { kind: 'binary', op: e.op, left: e.left, right: replaceAt(e.right, k - 1 - nl, sub) };
}

/** Preorder indices of the nodes for which pred holds. */
export function indicesWhere(e: Expr, pred: (node: Expr) => boolean): number[] {
  const out: number[] = [];
  let k = 0;
  const walk = (x: Expr): void => {
    if (pred(x)) out.push(k);
    k++;
    if (x.kind === 'unary') walk(x.arg);
    else if (x.kind === 'binary') { walk(x.left); walk(x.right); }
  };
  walk(e);
  return out;
}

export function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)]!;
}

/** A variable (probability ½) or a standard-normal constant (SymbolicRegression.jl's make_random_leaf). */
export function randomLeaf(rng: Rng, a: Alphabet): Expr {
  if (rng() < 0.5) return { kind: 'const', value: gaussian(rng) };
  return { kind: 'var', index: Math.floor(rng() * a.nVars) };
}

/** Whether a new operator node should be unary: in proportion to the number of operators of each arity. */
export function drawUnary(rng: Rng, a: Alphabet): boolean {
  return rng() < a.unary.length / (a.unary.length + a.binary.length);
}

/** An operator node over `child`: unary(child), or binary with child on a random side and a random leaf on the other. */
export function wrapInOperator(rng: Rng, a: Alphabet, child: Expr): Expr {
  if (drawUnary(rng, a)) return { kind: 'unary', op: pick(rng, a.unary), arg: child };
  const op = pick(rng, a.binary);
  const leaf = randomLeaf(rng, a);
  return rng() < 0.5 ? { kind: 'binary', op, left: child, right: leaf } : { kind: 'binary', op, left: leaf, right: child };
}

/** A leaf replaced by a random operator whose operands are random leaves (SymbolicRegression.jl's append_random_op). */
export function appendRandomOp(e: Expr, rng: Rng, a: Alphabet): Expr {
  const leaves = indicesWhere(e, (x) => x.kind === 'const' || x.kind === 'var');
  const k = pick(rng, leaves);
  const node: Expr = drawUnary(rng, a)
    ? { kind: 'unary', op: pick(rng, a.unary), arg: randomLeaf(rng, a) }
    : { kind: 'binary', op: pick(rng, a.binary), left: randomLeaf(rng, a), right: randomLeaf(rng, a) };
  return replaceAt(e, k, node);
}

/** A random tree grown from one leaf by `nAppends` appended operators. */
export function randomTree(nAppends: number, rng: Rng, a: Alphabet): Expr {
  let e = randomLeaf(rng, a);
  for (let i = 0; i < nAppends; i++) e = appendRandomOp(e, rng, a);
  return e;
}

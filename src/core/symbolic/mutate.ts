/**
 * Mutations and crossover (as SymbolicRegression.jl's Mutate + MutationFunctions): each mutation is
 * a small pure function Expr → Expr | null (null: not applicable to this tree), chosen by weight
 * from the options' table after zeroing those that cannot apply (no constant to perturb, no
 * operator to change, no room to grow). A structural result that breaks maxsize or maxdepth is
 * retried up to 10 times, then the mutation fails and the parent is kept.
 * 'optimize' (constant fitting) needs the data; mutate() reports it and the island runs it.
 */
import { exprComplexity, exprDepth, type Expr } from '../model/expr';
import type { Rng } from '../data/rng';
import type { MutationWeights, SymbolicOptions } from './options';
import { simplify } from './simplify';
import { appendRandomOp, indicesWhere, nodeAt, pick, randomTree, replaceAt, wrapInOperator, type Alphabet } from './tree';

export type MutationName = keyof MutationWeights;

export interface MutationContext {
  rng: Rng;
  options: SymbolicOptions;
  alphabet: Alphabet;
  /** annealing temperature in [0, 1] (1 without annealing): scales constant perturbations */
  temperature: number;
}

const isLeaf = (x: Expr) => x.kind === 'const' || x.kind === 'var';
const isOp = (x: Expr) => x.kind === 'unary' || x.kind === 'binary';

/** Multiply or divide a random constant by a factor in [1, 1 + perturbation·T + 0.1]; rarely negate it. */
export function mutateConstant(e: Expr, ctx: MutationContext): Expr | null {
  const ks = indicesWhere(e, (x) => x.kind === 'const');
  if (ks.length === 0) return null;
  const k = pick(ctx.rng, ks);
  const node = nodeAt(e, k) as { kind: 'const'; value: number };
  const maxChange = ctx.options.perturbationFactor * ctx.temperature + 1.1;
  const factor = Math.pow(maxChange, ctx.rng());
  let v = ctx.rng() < 0.5 ? node.value * factor : node.value / factor;
  if (ctx.rng() < ctx.options.probabilityNegateConstant) v = -v;
  return replaceAt(e, k, { kind: 'const', value: v });
}

/** Replace a random operator by another of the same arity. */
export function mutateOperator(e: Expr, ctx: MutationContext): Expr | null {
  const ks = indicesWhere(e, isOp);
  if (ks.length === 0) return null;
  const k = pick(ctx.rng, ks);
  const node = nodeAt(e, k);
  if (node.kind === 'unary') {
    if (ctx.alphabet.unary.length === 0) return null;
    return replaceAt(e, k, { kind: 'unary', op: pick(ctx.rng, ctx.alphabet.unary), arg: node.arg });
  }
  if (node.kind !== 'binary') return null;
  return replaceAt(e, k, { kind: 'binary', op: pick(ctx.rng, ctx.alphabet.binary), left: node.left, right: node.right });
}

/** Swap the operands of a random binary operator. */
export function swapOperands(e: Expr, ctx: MutationContext): Expr | null {
  const ks = indicesWhere(e, (x) => x.kind === 'binary');
  if (ks.length === 0) return null;
  const k = pick(ctx.rng, ks);
  const node = nodeAt(e, k) as Extract<Expr, { kind: 'binary' }>;
  return replaceAt(e, k, { kind: 'binary', op: node.op, left: node.right, right: node.left });
}

/**
 * A tree rotation at a random binary node with a binary child:
 * op₁(op₂(a, b), c) → op₂(a, op₁(b, c)) (right rotation) or op₁(a, op₂(b, c)) → op₂(op₁(a, b), c).
 */
export function rotateTree(e: Expr, ctx: MutationContext): Expr | null {
  const ks = indicesWhere(e, (x) => x.kind === 'binary' && (x.left.kind === 'binary' || x.right.kind === 'binary'));
  if (ks.length === 0) return null;
  const k = pick(ctx.rng, ks);
  const n = nodeAt(e, k) as Extract<Expr, { kind: 'binary' }>;
  const useLeft = n.left.kind === 'binary' && (n.right.kind !== 'binary' || ctx.rng() < 0.5);
  if (useLeft) {
    const p = n.left as Extract<Expr, { kind: 'binary' }>;
    return replaceAt(e, k, { kind: 'binary', op: p.op, left: p.left, right: { kind: 'binary', op: n.op, left: p.right, right: n.right } });
  }
  const p = n.right as Extract<Expr, { kind: 'binary' }>;
  return replaceAt(e, k, { kind: 'binary', op: p.op, left: { kind: 'binary', op: n.op, left: n.left, right: p.left }, right: p.right });
}

/** Grow at the edge: a leaf becomes a random operator over random leaves, or the root gets a new operator above it. */
export function addNode(e: Expr, ctx: MutationContext): Expr | null {
  if (ctx.rng() < 0.5) return appendRandomOp(e, ctx.rng, ctx.alphabet);
  return wrapInOperator(ctx.rng, ctx.alphabet, e);
}

/** Insert a random operator above a random node (the node becomes one of its operands). */
export function insertNode(e: Expr, ctx: MutationContext): Expr | null {
  const k = Math.floor(ctx.rng() * exprComplexity(e));
  return replaceAt(e, k, wrapInOperator(ctx.rng, ctx.alphabet, nodeAt(e, k)));
}

/** Remove a random operator, keeping one of its operands in its place. */
export function deleteNode(e: Expr, ctx: MutationContext): Expr | null {
  const ks = indicesWhere(e, isOp);
  if (ks.length === 0) return null;
  const k = pick(ctx.rng, ks);
  const node = nodeAt(e, k);
  if (node.kind === 'unary') return replaceAt(e, k, node.arg);
  if (node.kind !== 'binary') return null;
  return replaceAt(e, k, ctx.rng() < 0.5 ? node.left : node.right);
}

/** A fresh random tree, no larger than the current one. */
export function randomize(e: Expr, ctx: MutationContext): Expr | null {
  const size = exprComplexity(e);
  return randomTree(Math.floor(ctx.rng() * Math.max(1, size / 2)), ctx.rng, ctx.alphabet);
}

const STRUCTURAL: Partial<Record<MutationName, (e: Expr, ctx: MutationContext) => Expr | null>> = {
  mutateConstant, mutateOperator, swapOperands, rotateTree, addNode, insertNode, deleteNode, randomize,
  simplify: (e) => simplify(e),
  doNothing: (e) => e,
};

export function fitsLimits(e: Expr, options: SymbolicOptions): boolean {
  return exprComplexity(e) <= options.maxsize && exprDepth(e) <= options.maxdepth;
}

/** Counts of the node kinds that decide which mutations apply. */
function census(e: Expr, into: { consts: number; binary: number; size: number }): void {
  into.size++;
  if (e.kind === 'const') into.consts++;
  else if (e.kind === 'unary') census(e.arg, into);
  else if (e.kind === 'binary') { into.binary++; census(e.left, into); census(e.right, into); }
}

/** The mutation weights that can apply to e (SymbolicRegression.jl's condition_mutation_weights!). */
export function applicableWeights(e: Expr, options: SymbolicOptions): MutationWeights {
  const w = { ...options.mutationWeights };
  const c = { consts: 0, binary: 0, size: 0 };
  census(e, c);
  if (isLeaf(e)) {
    w.mutateOperator = 0; w.swapOperands = 0; w.deleteNode = 0; w.rotateTree = 0; w.simplify = 0;
  }
  if (c.consts === 0) { w.mutateConstant = 0; w.optimize = 0; }
  if (c.binary === 0) { w.swapOperands = 0; w.rotateTree = 0; }
  if (c.size >= options.maxsize) { w.addNode = 0; w.insertNode = 0; }
  return w;
}

const MUTATION_NAMES = Object.freeze(Object.keys({
  mutateConstant: 0, mutateOperator: 0, swapOperands: 0, rotateTree: 0, addNode: 0, insertNode: 0,
  deleteNode: 0, simplify: 0, randomize: 0, doNothing: 0, optimize: 0,
} satisfies MutationWeights) as MutationName[]);

/** Draw a mutation name with probability proportional to its weight. */
export function drawMutation(w: MutationWeights, rng: Rng): MutationName {
  let total = 0;
  for (const name of MUTATION_NAMES) total += w[name];
  let u = rng() * total;
  for (const name of MUTATION_NAMES) {
    u -= w[name];
    if (u < 0 && w[name] > 0) return name;
  }
  return 'doNothing';
}

export interface MutationOutcome {
  name: MutationName;
  /** the child, or null when the mutation failed (the parent is kept, as PySR's skip_mutation_failures) */
  expr: Expr | null;
}

/** One mutation of e chosen by weight; 'optimize' comes back with expr = e for the caller to fit. */
export function mutate(e: Expr, ctx: MutationContext): MutationOutcome {
  const name = drawMutation(applicableWeights(e, ctx.options), ctx.rng);
  if (name === 'optimize') return { name, expr: e };
  const f = STRUCTURAL[name]!;
  for (let attempt = 0; attempt < 10; attempt++) {
    const child = f(e, ctx);
    if (child === null) return { name, expr: null };
    if (fitsLimits(child, ctx.options)) return { name, expr: child };
  }
  return { name, expr: null };
}

/** Swap a random subtree of a with a random subtree of b; null if no pair within the limits was found in 10 tries. */
export function crossover(a: Expr, b: Expr, ctx: MutationContext): [Expr, Expr] | null {
  const na = exprComplexity(a), nb = exprComplexity(b);
  for (let attempt = 0; attempt < 10; attempt++) {
    const ka = Math.floor(ctx.rng() * na), kb = Math.floor(ctx.rng() * nb);
    const sa = nodeAt(a, ka), sb = nodeAt(b, kb);
    const ca = replaceAt(a, ka, sb), cb = replaceAt(b, kb, sa);
    if (fitsLimits(ca, ctx.options) && fitsLimits(cb, ctx.options)) return [ca, cb];
  }
  return null;
}

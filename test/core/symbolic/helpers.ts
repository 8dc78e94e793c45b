/** Shared fixtures of the symbolic-regression tests: random trees, data columns, closeness. */
import { createRng } from '../../../src/core/data/rng';
import { BINARY_OPS, UNARY_OPS, type Expr } from '../../../src/core/model/expr';
import { randomTree, type Alphabet } from '../../../src/core/symbolic/tree';

export const fullAlphabet: Alphabet = { nVars: 3, binary: BINARY_OPS, unary: UNARY_OPS };

/** count random trees of 1–9 appended operators over every operator. */
export function randomTrees(count: number, seed: number, alphabet: Alphabet = fullAlphabet): Expr[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => randomTree(1 + Math.floor(rng() * 9), rng, alphabet));
}

/** nVars columns of n uniform values in [lo, hi). */
export function columns(nVars: number, n: number, seed: number, lo = -1, hi = 1): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: nVars }, () => Float64Array.from({ length: n }, () => lo + (hi - lo) * rng()));
}

/** Point i of the columns as a row. */
export function row(X: readonly Float64Array[], i: number): number[] {
  return X.map((c) => c[i]!);
}

export function close(a: number, b: number, rel = 1e-9): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

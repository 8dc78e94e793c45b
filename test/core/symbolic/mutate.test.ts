import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/data/rng';
import { BINARY_OPS, UNARY_OPS, binary, constant, exprComplexity, exprDepth, exprEquals, exprToString, variable, type Expr } from '../../../src/core/model/expr';
import {
  addNode, applicableWeights, crossover, deleteNode, drawMutation, insertNode, mutate, mutateConstant, mutateOperator,
  randomize, rotateTree, swapOperands, type MutationContext,
} from '../../../src/core/symbolic/mutate';
import { defaultSymbolicOptions, type SymbolicOptions } from '../../../src/core/symbolic/options';
import { indicesWhere, nodeAt, replaceAt } from '../../../src/core/symbolic/tree';
import { randomTrees } from './helpers';

const options: SymbolicOptions = { ...defaultSymbolicOptions, maxsize: 15, maxdepth: 8, unaryOperators: UNARY_OPS, binaryOperators: BINARY_OPS };
const ctx = (seed: number): MutationContext => ({ rng: createRng(seed), options, alphabet: { nVars: 3, binary: BINARY_OPS, unary: UNARY_OPS }, temperature: 1 });

/** A well-formed tree: known kinds and operators, variables inside the alphabet, finite constants. */
function valid(e: Expr): boolean {
  switch (e.kind) {
    case 'const': return Number.isFinite(e.value);
    case 'var': return Number.isInteger(e.index) && e.index >= 0 && e.index < 3;
    case 'unary': return UNARY_OPS.includes(e.op) && valid(e.arg);
    case 'binary': return BINARY_OPS.includes(e.op) && valid(e.left) && valid(e.right);
  }
}

const trees = randomTrees(300, 21).filter((e) => exprComplexity(e) <= options.maxsize && exprDepth(e) <= options.maxdepth);
const names = ['x', 'y', 'z'];

describe('tree surgery', () => {
  it('replaceAt(e, k, nodeAt(e, k)) gives e back, for every k', () => {
    for (const e of trees.slice(0, 50)) {
      for (let k = 0; k < exprComplexity(e); k++) expect(exprEquals(replaceAt(e, k, nodeAt(e, k)), e)).toBe(true);
    }
  });
});

describe('mutations', () => {
  const each: [string, (e: Expr, c: MutationContext) => Expr | null][] = [
    ['mutateConstant', mutateConstant], ['mutateOperator', mutateOperator], ['swapOperands', swapOperands],
    ['rotateTree', rotateTree], ['addNode', addNode], ['insertNode', insertNode], ['deleteNode', deleteNode], ['randomize', randomize],
  ];
  it.each(each)('%s returns a valid tree (or null when it cannot apply)', (_name, f) => {
    const c = ctx(3);
    let applied = 0;
    for (const e of trees) {
      const child = f(e, c);
      if (child === null) continue;
      applied++;
      expect(valid(child), exprToString(child, names)).toBe(true);
    }
    expect(applied).toBeGreaterThan(trees.length / 4);
  });

  it('mutate() keeps every child within maxsize and maxdepth', () => {
    const c = ctx(4);
    let changed = 0;
    for (let round = 0; round < 5; round++) {
      for (const e of trees) {
        const { expr } = mutate(e, c);
        if (!expr) continue;
        expect(valid(expr)).toBe(true);
        expect(exprComplexity(expr)).toBeLessThanOrEqual(options.maxsize);
        expect(exprDepth(expr)).toBeLessThanOrEqual(options.maxdepth);
        if (!exprEquals(expr, e)) changed++;
      }
    }
    expect(changed).toBeGreaterThan(trees.length * 2);
  });

  it('each mutation does what its name says', () => {
    const c = ctx(5);
    const e = binary('*', constant(2), binary('-', variable(1), variable(0)));
    const k = mutateConstant(e, c)!;
    expect(indicesWhere(k, (n) => n.kind === 'const').length).toBe(1);
    expect(exprEquals(k, e)).toBe(false);
    expect(exprToString(swapOperands(binary('-', variable(0), variable(1)), c)!, names)).toBe('y - x');
    const rotated = rotateTree(binary('+', binary('*', variable(0), variable(1)), variable(2)), c)!;
    expect(exprToString(rotated, names)).toBe('x * (y + z)');
    expect(exprComplexity(deleteNode(e, c)!)).toBeLessThan(exprComplexity(e));
    expect(exprComplexity(insertNode(e, c)!)).toBeGreaterThan(exprComplexity(e));
    expect(exprComplexity(addNode(e, c)!)).toBeGreaterThan(exprComplexity(e));
  });

  it('zeroes the weights of mutations that cannot apply', () => {
    const leaf = variable(0);
    const w = applicableWeights(leaf, options);
    expect(w.mutateConstant).toBe(0);
    expect(w.mutateOperator).toBe(0);
    expect(w.deleteNode).toBe(0);
    const rng = createRng(6);
    for (let i = 0; i < 200; i++) expect(['mutateConstant', 'mutateOperator', 'deleteNode', 'swapOperands', 'rotateTree']).not.toContain(drawMutation(w, rng));
  });

  it('crossover swaps subtrees and keeps both children within the limits', () => {
    const c = ctx(7);
    let swapped = 0;
    for (let i = 0; i + 1 < trees.length; i += 2) {
      const kids = crossover(trees[i]!, trees[i + 1]!, c);
      if (!kids) continue;
      swapped++;
      // the node count is conserved by a swap
      expect(exprComplexity(kids[0]) + exprComplexity(kids[1])).toBe(exprComplexity(trees[i]!) + exprComplexity(trees[i + 1]!));
      for (const k of kids) expect(exprComplexity(k)).toBeLessThanOrEqual(options.maxsize);
    }
    expect(swapped).toBeGreaterThan(trees.length / 4);
  });
});

/**
 * The search's compact form of an expression: a postfix program in typed arrays, written into
 * buffers that are reused from one candidate to the next (no allocation per evaluation).
 *
 *   code[k]: opcode of instruction k (VAR, CONST, or an operator)
 *   arg[k]:  the variable's index for VAR, the constant's slot for CONST
 *   consts:  the constants in the order their leaves appear (left to right), so that
 *            `withConstants(expr, consts)` writes optimised values back into the tree.
 *
 * `Expr` (src/core/model/expr.ts) stays the exchange format; `loadProgram` converts at the boundary.
 */
import { BINARY_OPS, UNARY_OPS, type Expr } from '../model/expr';

export const OP_VAR = 0;
export const OP_CONST = 1;
/** unary operators: OP_UNARY + index in UNARY_OPS (neg, square, cube, sqrt, exp, log, sin, cos) */
export const OP_UNARY = 8;
/** binary operators: OP_BINARY + index in BINARY_OPS (+, −, ×, ÷) */
export const OP_BINARY = 16;

export const OP_NEG = OP_UNARY, OP_SQUARE = OP_UNARY + 1, OP_CUBE = OP_UNARY + 2, OP_SQRT = OP_UNARY + 3;
export const OP_EXP = OP_UNARY + 4, OP_LOG = OP_UNARY + 5, OP_SIN = OP_UNARY + 6, OP_COS = OP_UNARY + 7;
export const OP_ADD = OP_BINARY, OP_SUB = OP_BINARY + 1, OP_MUL = OP_BINARY + 2, OP_DIV = OP_BINARY + 3;

export interface Program {
  code: Int32Array;
  arg: Int32Array;
  consts: Float64Array;
  /** instructions in use (≤ code.length) */
  length: number;
  nConsts: number;
  /** the largest stack depth the program reaches */
  maxStack: number;
}

/** Buffers for programs of up to `capacity` nodes. */
export function createProgram(capacity: number): Program {
  return {
    code: new Int32Array(capacity), arg: new Int32Array(capacity), consts: new Float64Array(capacity),
    length: 0, nConsts: 0, maxStack: 0,
  };
}

/**
 * Write e into p (growing p's buffers only if e is larger than any tree before it).
 * Returns p, so `evaluate(loadProgram(p, e), …)` reads naturally.
 */
export function loadProgram(p: Program, e: Expr): Program {
  p.length = 0; p.nConsts = 0; p.maxStack = 0;
  emit(p, e, 0);
  return p;
}

function push(p: Program, code: number, arg: number): void {
  if (p.length === p.code.length) grow(p);
  p.code[p.length] = code;
  p.arg[p.length] = arg;
  p.length++;
}

function grow(p: Program): void {
  const cap = Math.max(16, p.code.length * 2);
  const code = new Int32Array(cap); code.set(p.code); p.code = code;
  const arg = new Int32Array(cap); arg.set(p.arg); p.arg = arg;
  const consts = new Float64Array(cap); consts.set(p.consts); p.consts = consts;
}

/** depth: stack entries below this subtree's result */
function emit(p: Program, e: Expr, depth: number): void {
  switch (e.kind) {
    case 'var':
      push(p, OP_VAR, e.index);
      break;
    case 'const':
      if (p.nConsts === p.consts.length) grow(p);
      p.consts[p.nConsts] = e.value;
      push(p, OP_CONST, p.nConsts++);
      break;
    case 'unary':
      emit(p, e.arg, depth);
      push(p, OP_UNARY + UNARY_OPS.indexOf(e.op), 0);
      return;
    case 'binary':
      emit(p, e.left, depth);
      emit(p, e.right, depth + 1);
      push(p, OP_BINARY + BINARY_OPS.indexOf(e.op), 0);
      return;
  }
  if (depth + 1 > p.maxStack) p.maxStack = depth + 1;
}

/** A copy of e whose constants, left to right, are values[0…] (the program's const order). */
export function withConstants(e: Expr, values: ArrayLike<number>): Expr {
  let k = 0;
  const walk = (x: Expr): Expr => {
    switch (x.kind) {
      case 'var': return x;
      case 'const': return { kind: 'const', value: values[k++]! };
      case 'unary': return { kind: 'unary', op: x.op, arg: walk(x.arg) };
      case 'binary': {
        const left = walk(x.left);
        return { kind: 'binary', op: x.op, left, right: walk(x.right) };
      }
    }
  };
  return walk(e);
}

/** Number of constant leaves. */
export function countConstants(e: Expr): number {
  switch (e.kind) {
    case 'var': return 0;
    case 'const': return 1;
    case 'unary': return countConstants(e.arg);
    case 'binary': return countConstants(e.left) + countConstants(e.right);
  }
}

/**
 * Column evaluation of a postfix program over the whole data set at once (as DynamicExpressions.jl
 * does): each instruction is one tight loop over n points, so the interpreter's dispatch costs one
 * switch per node, not per node per point. The stack holds either a column or a scalar: variables
 * are pushed as references to the data's columns (no copy), constants as scalars (no fill), and an
 * operator writes its result into the preallocated scratch column of its stack depth (depth 0
 * writes straight into `out`). Nothing is allocated per call once the scratch has grown to the
 * deepest program seen.
 *
 * Non-finite values: NaN and ±∞ propagate through + − × and the unary operators to the output,
 * which is checked. Two operations can hide one — a/±∞ = 0 and exp(−∞) = 0 — so their inputs
 * are checked too (a running `x * 0`, which is NaN exactly when x is not finite). `evaluate`
 * returns false when any value was not finite: the candidate's loss is then +∞ (PySR's semantics).
 */
import {
  OP_ADD, OP_BINARY, OP_CONST, OP_CUBE, OP_DIV, OP_EXP, OP_LOG, OP_MUL, OP_NEG, OP_SIN, OP_SQRT,
  OP_SQUARE, OP_SUB, OP_VAR, type Program,
} from './program';

export interface Evaluator {
  /** points per column */
  n: number;
  /** scratch[d]: the result column of stack depth d (d ≥ 1; depth 0 uses `out`) */
  scratch: Float64Array[];
  /** column at each stack depth (a data column or a scratch column), when isCol[d] = 1 */
  cols: Float64Array[];
  scal: Float64Array;
  isCol: Uint8Array;
}

export function createEvaluator(n: number, depth = 16): Evaluator {
  const ev: Evaluator = { n, scratch: [], cols: [], scal: new Float64Array(0), isCol: new Uint8Array(0) };
  ensureDepth(ev, depth);
  return ev;
}

function ensureDepth(ev: Evaluator, depth: number): void {
  if (ev.scal.length >= depth) return;
  const empty = new Float64Array(0);
  while (ev.scratch.length < depth) { ev.scratch.push(new Float64Array(ev.n)); ev.cols.push(empty); }
  ev.scal = new Float64Array(depth);
  ev.isCol = new Uint8Array(depth);
}

/**
 * out[i] = program(X[0][i], X[1][i], …) for i < ev.n. X: one column per variable (length ≥ n).
 * Returns false if any value along the way was NaN or ±∞ (out then holds garbage).
 */
export function evaluate(p: Program, X: readonly Float64Array[], out: Float64Array, ev: Evaluator): boolean {
  ensureDepth(ev, p.maxStack);
  const n = ev.n, code = p.code, arg = p.arg, consts = p.consts;
  const cols = ev.cols, scal = ev.scal, isCol = ev.isCol, scratch = ev.scratch;
  let sp = -1;
  let chk = 0; // NaN once an input that a/· or exp could hide was not finite
  for (let k = 0; k < p.length; k++) {
    const op = code[k]!;
    if (op === OP_VAR) { sp++; isCol[sp] = 1; cols[sp] = X[arg[k]!]!; continue; }
    if (op === OP_CONST) { sp++; isCol[sp] = 0; scal[sp] = consts[arg[k]!]!; continue; }
    if (op < OP_BINARY) {
      if (isCol[sp] === 0) {
        const a = scal[sp]!;
        if (op === OP_EXP) chk += a * 0;
        scal[sp] = unaryScalar(op, a);
        continue;
      }
      const t = sp === 0 ? out : scratch[sp]!;
      chk += unaryColumn(op, cols[sp]!, t, n);
      cols[sp] = t;
      continue;
    }
    sp--;
    const lc = isCol[sp] === 1, rc = isCol[sp + 1] === 1;
    if (!lc && !rc) {
      const b = scal[sp + 1]!;
      if (op === OP_DIV) chk += b * 0;
      scal[sp] = binaryScalar(op, scal[sp]!, b);
      continue;
    }
    const t = sp === 0 ? out : scratch[sp]!;
    if (lc && rc) chk += binaryCC(op, cols[sp]!, cols[sp + 1]!, t, n);
    else if (lc) chk += binaryCS(op, cols[sp]!, scal[sp + 1]!, t, n);
    else chk += binarySC(op, scal[sp]!, cols[sp + 1]!, t, n);
    isCol[sp] = 1;
    cols[sp] = t;
  }
  if (isCol[0] === 1) {
    const c = cols[0]!;
    if (c !== out) for (let i = 0; i < n; i++) out[i] = c[i]!;
  } else {
    out.fill(scal[0]!, 0, n);
  }
  let s = chk;
  for (let i = 0; i < n; i++) s += out[i]! * 0;
  return s === 0;
}

function unaryScalar(op: number, a: number): number {
  switch (op) {
    case OP_NEG: return -a;
    case OP_SQUARE: return a * a;
    case OP_CUBE: return a * a * a;
    case OP_SQRT: return Math.sqrt(a);
    case OP_EXP: return Math.exp(a);
    case OP_LOG: return Math.log(a);
    case OP_SIN: return Math.sin(a);
    default: return Math.cos(a);
  }
}

function binaryScalar(op: number, a: number, b: number): number {
  switch (op) {
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_MUL: return a * b;
    default: return a / b;
  }
}

/** t = op(a); returns 0, or NaN if exp's input held a non-finite value. */
function unaryColumn(op: number, a: Float64Array, t: Float64Array, n: number): number {
  let chk = 0;
  switch (op) {
    case OP_NEG: for (let i = 0; i < n; i++) t[i] = -a[i]!; break;
    case OP_SQUARE: for (let i = 0; i < n; i++) { const v = a[i]!; t[i] = v * v; } break;
    case OP_CUBE: for (let i = 0; i < n; i++) { const v = a[i]!; t[i] = v * v * v; } break;
    case OP_SQRT: for (let i = 0; i < n; i++) t[i] = Math.sqrt(a[i]!); break;
    case OP_EXP: for (let i = 0; i < n; i++) { const v = a[i]!; chk += v * 0; t[i] = Math.exp(v); } break;
    case OP_LOG: for (let i = 0; i < n; i++) t[i] = Math.log(a[i]!); break;
    case OP_SIN: for (let i = 0; i < n; i++) t[i] = Math.sin(a[i]!); break;
    default: for (let i = 0; i < n; i++) t[i] = Math.cos(a[i]!); break;
  }
  return chk;
}

/** t = a op b (two columns); returns 0, or NaN if a denominator was not finite. */
function binaryCC(op: number, a: Float64Array, b: Float64Array, t: Float64Array, n: number): number {
  let chk = 0;
  switch (op) {
    case OP_ADD: for (let i = 0; i < n; i++) t[i] = a[i]! + b[i]!; break;
    case OP_SUB: for (let i = 0; i < n; i++) t[i] = a[i]! - b[i]!; break;
    case OP_MUL: for (let i = 0; i < n; i++) t[i] = a[i]! * b[i]!; break;
    default: for (let i = 0; i < n; i++) { const d = b[i]!; chk += d * 0; t[i] = a[i]! / d; } break;
  }
  return chk;
}

/** t = a op s (column, scalar) */
function binaryCS(op: number, a: Float64Array, s: number, t: Float64Array, n: number): number {
  switch (op) {
    case OP_ADD: for (let i = 0; i < n; i++) t[i] = a[i]! + s; break;
    case OP_SUB: for (let i = 0; i < n; i++) t[i] = a[i]! - s; break;
    case OP_MUL: for (let i = 0; i < n; i++) t[i] = a[i]! * s; break;
    default: for (let i = 0; i < n; i++) t[i] = a[i]! / s; return s * 0;
  }
  return 0;
}

/** t = s op b (scalar, column) */
function binarySC(op: number, s: number, b: Float64Array, t: Float64Array, n: number): number {
  let chk = 0;
  switch (op) {
    case OP_ADD: for (let i = 0; i < n; i++) t[i] = s + b[i]!; break;
    case OP_SUB: for (let i = 0; i < n; i++) t[i] = s - b[i]!; break;
    case OP_MUL: for (let i = 0; i < n; i++) t[i] = s * b[i]!; break;
    default: for (let i = 0; i < n; i++) { const d = b[i]!; chk += d * 0; t[i] = s / d; } break;
  }
  return chk;
}

/**
 * The model's expression tree, shared by every method that returns formulas (SINDy, symbolic
 * regression, neural-field distillation): constants, state variables, unary and binary operators.
 *
 * - `exprToString(e, names)`: mathjs syntax (`y / (1 + y)`), minimal parentheses, constants in
 *   full precision (JavaScript's shortest round-trip decimal), so `math.evaluate` gives the same
 *   values. square and cube print as `^2`, `^3`; log is the natural logarithm (as in mathjs).
 * - `exprToLatex(e, latexNames)`: for display (constants to 4 significant digits).
 * - `exprComplexity(e)`: the node count (PySR's default complexity).
 * - `compileExprs(exprs, nStates)`: one postfix program for all the expressions over a
 *   preallocated scalar stack → `(y, out) => void`, allocation-free, usable as an ODE right-hand side.
 *
 * Semantics are IEEE double, as in PySR: sqrt and log of a negative number give NaN, log(0) = −∞,
 * division by 0 gives ±∞. Nothing throws; callers treat a non-finite value as a failed candidate.
 */

export type UnaryOp = 'neg' | 'square' | 'cube' | 'sqrt' | 'exp' | 'log' | 'sin' | 'cos';
export type BinaryOp = '+' | '-' | '*' | '/';

export type Expr =
  | { kind: 'const'; value: number }
  /** index: the variable's column (a state's index in a row of y) */
  | { kind: 'var'; index: number }
  | { kind: 'unary'; op: UnaryOp; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr };

export const UNARY_OPS: readonly UnaryOp[] = Object.freeze(['neg', 'square', 'cube', 'sqrt', 'exp', 'log', 'sin', 'cos']);
export const BINARY_OPS: readonly BinaryOp[] = Object.freeze(['+', '-', '*', '/']);

export const constant = (value: number): Expr => ({ kind: 'const', value });
export const variable = (index: number): Expr => ({ kind: 'var', index });
export const unary = (op: UnaryOp, arg: Expr): Expr => ({ kind: 'unary', op, arg });
export const binary = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });

/** A unary operator on one number (IEEE semantics: NaN/±∞ pass through, nothing throws). */
export function applyUnary(op: UnaryOp, a: number): number {
  switch (op) {
    case 'neg': return -a;
    case 'square': return a * a;
    case 'cube': return a * a * a;
    case 'sqrt': return Math.sqrt(a);
    case 'exp': return Math.exp(a);
    case 'log': return Math.log(a);
    case 'sin': return Math.sin(a);
    case 'cos': return Math.cos(a);
  }
}

export function applyBinary(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
  }
}

/** Value of e at one point (vars: the variables' values). Slow path: for tests and one-off use. */
export function evalExpr(e: Expr, vars: ArrayLike<number>): number {
  switch (e.kind) {
    case 'const': return e.value;
    case 'var': return vars[e.index] ?? NaN;
    case 'unary': return applyUnary(e.op, evalExpr(e.arg, vars));
    case 'binary': return applyBinary(e.op, evalExpr(e.left, vars), evalExpr(e.right, vars));
  }
}

/** Number of nodes (every constant, variable and operator counts 1: PySR's default complexity). */
export function exprComplexity(e: Expr): number {
  switch (e.kind) {
    case 'const': case 'var': return 1;
    case 'unary': return 1 + exprComplexity(e.arg);
    case 'binary': return 1 + exprComplexity(e.left) + exprComplexity(e.right);
  }
}

/** Depth of the tree (a leaf has depth 1). */
export function exprDepth(e: Expr): number {
  switch (e.kind) {
    case 'const': case 'var': return 1;
    case 'unary': return 1 + exprDepth(e.arg);
    case 'binary': return 1 + Math.max(exprDepth(e.left), exprDepth(e.right));
  }
}

/** Structural equality (constants compared with ===, so NaN ≠ NaN). */
export function exprEquals(a: Expr, b: Expr): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'const': return a.value === (b as typeof a).value;
    case 'var': return a.index === (b as typeof a).index;
    case 'unary': { const u = b as typeof a; return a.op === u.op && exprEquals(a.arg, u.arg); }
    case 'binary': { const u = b as typeof a; return a.op === u.op && exprEquals(a.left, u.left) && exprEquals(a.right, u.right); }
  }
}

// ---------------------------------------------------------------------------------------------
// Printing. Precedence as in mathjs: + − (1) < * / (2) < unary minus (3) < ^ (4) < atoms (5).

const PREC_ADD = 1, PREC_MUL = 2, PREC_NEG = 3, PREC_POW = 4, PREC_ATOM = 5;

function precedence(e: Expr): number {
  switch (e.kind) {
    case 'const': return e.value < 0 || Object.is(e.value, -0) ? PREC_NEG : PREC_ATOM;
    case 'var': return PREC_ATOM;
    case 'unary':
      if (e.op === 'neg') return PREC_NEG;
      return e.op === 'square' || e.op === 'cube' ? PREC_POW : PREC_ATOM;
    case 'binary': return e.op === '+' || e.op === '-' ? PREC_ADD : PREC_MUL;
  }
}

const paren = (s: string, wrap: boolean): string => (wrap ? `(${s})` : s);

/**
 * mathjs text with minimal parentheses: `x * (28 - z) - y`, `y / (1 + y)`, `-sin(x) - 0.25 * y`.
 * A right operand of equal precedence keeps its parentheses (`a - (b - c)`, and `a + (b + c)` so
 * that the parse has the same tree and the same rounding); a right operand that starts with a
 * minus sign is wrapped (`x * (-3)`, `a - (-0.25 * y)`) for readability.
 */
export function exprToString(e: Expr, names: readonly string[]): string {
  switch (e.kind) {
    case 'const': return numberText(e.value);
    case 'var': return names[e.index] ?? `x${e.index}`;
    case 'unary': {
      const p = precedence(e.arg);
      const a = exprToString(e.arg, names);
      switch (e.op) {
        case 'neg': return `-${paren(a, p <= PREC_NEG)}`;
        case 'square': return `${paren(a, p <= PREC_POW)}^2`;
        case 'cube': return `${paren(a, p <= PREC_POW)}^3`;
        default: return `${e.op}(${a})`;
      }
    }
    case 'binary': {
      const p = precedence(e);
      const l = exprToString(e.left, names);
      const r = exprToString(e.right, names);
      const pl = precedence(e.left), pr = precedence(e.right);
      return `${paren(l, pl < p)} ${e.op} ${paren(r, pr <= p || pr === PREC_NEG || r.startsWith('-'))}`;
    }
  }
}

/** Full precision (shortest round-trip decimal); exponents as mathjs reads them (1e-7, 1.5e+21). */
function numberText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

/** LaTeX for display: `\frac{y}{1 + y}`, `-\sin x - 0.25\,y`, constants to `digits` significant digits. */
export function exprToLatex(e: Expr, latexNames: readonly string[], digits = 4): string {
  switch (e.kind) {
    case 'const': return latexNumber(e.value, digits);
    case 'var': return latexNames[e.index] ?? `x_{${e.index}}`;
    case 'unary': {
      const a = exprToLatex(e.arg, latexNames, digits);
      const p = precedence(e.arg);
      const atom = p === PREC_ATOM && e.arg.kind !== 'unary';
      const lr = (s: string) => `\\left(${s}\\right)`;
      switch (e.op) {
        case 'neg': return `-${p <= PREC_NEG ? lr(a) : a}`;
        case 'square': return `${p <= PREC_POW ? lr(a) : a}^{2}`;
        case 'cube': return `${p <= PREC_POW ? lr(a) : a}^{3}`;
        case 'sqrt': return `\\sqrt{${a}}`;
        case 'exp': return `e^{${a}}`;
        case 'log': return `\\ln${atom ? ` ${a}` : lr(a)}`;
        default: return `\\${e.op}${atom ? ` ${a}` : lr(a)}`; // sin, cos
      }
    }
    case 'binary': {
      const l = exprToLatex(e.left, latexNames, digits);
      const r = exprToLatex(e.right, latexNames, digits);
      if (e.op === '/') return `\\frac{${l}}{${r}}`;
      const p = precedence(e);
      const pl = precedence(e.left), pr = precedence(e.right);
      const lr = (s: string) => `\\left(${s}\\right)`;
      const ls = pl < p ? lr(l) : l;
      const rs = pr <= p || pr === PREC_NEG ? lr(r) : r;
      if (e.op === '*') return `${ls}${/^[\d.]/.test(rs) ? ' \\cdot ' : '\\,'}${rs}`;
      return `${ls} ${e.op} ${rs}`;
    }
  }
}

function latexNumber(v: number, digits: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '\\mathrm{NaN}' : v > 0 ? '\\infty' : '-\\infty';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a >= 1e-3 && a < 1e6 ? String(Number(v.toPrecision(digits))) : v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  const m = /^(.*)e([+-]?\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}

// ---------------------------------------------------------------------------------------------
// Compilation to a postfix program over a scalar stack (ODE right-hand sides).

const OP_CONST = 0, OP_VAR = 1, OP_STORE = 2, OP_UNARY = 16, OP_BINARY = 32;

/**
 * All expressions as one postfix program: out[j] = exprs[j](y). The returned function allocates
 * nothing per call (one switch per node over a preallocated Float64Array stack), so it can be an
 * ODE right-hand side: `const f = compileExprs(es, n); rhs = (_t, y, dy) => f(y, dy)`.
 * A variable index outside [0, nStates) is a bug (the caller built the tree) and throws here.
 */
export function compileExprs(exprs: readonly Expr[], nStates: number): (y: Float64Array, out: Float64Array) => void {
  const code: number[] = [];
  const args: number[] = [];
  let depth = 0, maxDepth = 1;
  const emit = (op: number, arg: number, delta: number) => {
    code.push(op); args.push(arg);
    depth += delta; maxDepth = Math.max(maxDepth, depth);
  };
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'const': emit(OP_CONST, args.length, 1); constants.set(args.length - 1, e.value); return;
      case 'var':
        if (!(e.index >= 0 && e.index < nStates)) throw new RangeError(`compileExprs: variable ${e.index} outside 0…${nStates - 1}`);
        emit(OP_VAR, e.index, 1); return;
      case 'unary': walk(e.arg); emit(OP_UNARY + UNARY_OPS.indexOf(e.op), 0, 0); return;
      case 'binary': walk(e.left); walk(e.right); emit(OP_BINARY + BINARY_OPS.indexOf(e.op), 0, -1); return;
    }
  };
  const constants = new Map<number, number>();
  exprs.forEach((e, j) => { walk(e); emit(OP_STORE, j, -1); });
  const ops = Int32Array.from(code);
  const arg = Int32Array.from(args);
  const values = new Float64Array(ops.length);
  for (const [k, v] of constants) values[k] = v;
  const stack = new Float64Array(maxDepth);
  const len = ops.length;
  return (y, out) => {
    let sp = -1;
    for (let k = 0; k < len; k++) {
      const op = ops[k]!;
      switch (op) {
        case OP_CONST: stack[++sp] = values[k]!; break;
        case OP_VAR: stack[++sp] = y[arg[k]!]!; break;
        case OP_STORE: out[arg[k]!] = stack[sp--]!; break;
        case OP_UNARY: stack[sp] = -stack[sp]!; break;
        case OP_UNARY + 1: { const a = stack[sp]!; stack[sp] = a * a; break; }
        case OP_UNARY + 2: { const a = stack[sp]!; stack[sp] = a * a * a; break; }
        case OP_UNARY + 3: stack[sp] = Math.sqrt(stack[sp]!); break;
        case OP_UNARY + 4: stack[sp] = Math.exp(stack[sp]!); break;
        case OP_UNARY + 5: stack[sp] = Math.log(stack[sp]!); break;
        case OP_UNARY + 6: stack[sp] = Math.sin(stack[sp]!); break;
        case OP_UNARY + 7: stack[sp] = Math.cos(stack[sp]!); break;
        case OP_BINARY: { const b = stack[sp--]!; stack[sp] = stack[sp]! + b; break; }
        case OP_BINARY + 1: { const b = stack[sp--]!; stack[sp] = stack[sp]! - b; break; }
        case OP_BINARY + 2: { const b = stack[sp--]!; stack[sp] = stack[sp]! * b; break; }
        case OP_BINARY + 3: { const b = stack[sp--]!; stack[sp] = stack[sp]! / b; break; }
      }
    }
  };
}

/**
 * Our own evaluator and printer for validated custom terms. expression.ts translates the mathjs
 * parse tree into the small `Expr` tree below (anything it cannot translate is rejected), and
 * this module compiles `Expr` into closures — never mathjs evaluate/compile, never eval or new
 * Function — so a custom term can do nothing but arithmetic on the states. The canonical name
 * and the LaTeX are printed from `Expr` too (linear time; mathjs's toTex is exponential in
 * the nesting of function calls, and we then control every LaTeX command that reaches KaTeX).
 *
 * Two compiled forms:
 * - column: the whole column θ(y_i), i = 0…n−1, one node at a time over Float64Arrays (one buffer
 *   per leaf per call, reused in place by the operators above it; nothing per sample);
 * - scalar: θ(state) for one row as a tree of closures, allocation-free (ODE right-hand sides).
 * Semantics are IEEE double: log(−1), 1/0 and (−8)^(1/3) give NaN/±Inf (mathjs would return
 * complex numbers); the pipeline reports non-finite columns by name.
 */
import { symbolLatex } from './polynomial';

export type FunctionName = 'sin' | 'cos' | 'tan' | 'exp' | 'log' | 'sqrt' | 'abs' | 'tanh' | 'sinh' | 'cosh' | 'atan';
export type BinaryOp = '+' | '-' | '*' | '/' | '^';

export type Expr =
  /** label: the constant's name, for printing */
  | { kind: 'num'; value: number; label?: 'pi' | 'e' }
  /** index: column of the state in a row of y */
  | { kind: 'state'; index: number }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'call'; fn: FunctionName; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr };

/** The whitelisted functions (log is the natural logarithm, as in mathjs). */
export const FUNCTIONS: Readonly<Record<FunctionName, (v: number) => number>> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, exp: Math.exp, log: Math.log, sqrt: Math.sqrt,
  abs: Math.abs, tanh: Math.tanh, sinh: Math.sinh, cosh: Math.cosh, atan: Math.atan,
};

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

export interface CompiledExpr {
  /** θ at every row of y (n × m row-major): a new Float64Array(n) */
  column(y: Float64Array, n: number): Float64Array;
  /** θ at one state row, without allocating */
  scalar(state: Float64Array): number;
}

type ColumnFn = (y: Float64Array, n: number) => Float64Array;
type ScalarFn = (state: Float64Array) => number;

/** a op b for scalars (the same IEEE operations as the column loops). */
function apply(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '^': return Math.pow(a, b);
  }
}

/**
 * Constant folding: a subtree without states is evaluated once (2*pi, 1/2 in x^(1/2)), so the
 * compiled closures only touch the states.
 */
export function fold(e: Expr): Expr {
  switch (e.kind) {
    case 'num': case 'state': return e;
    case 'neg': {
      const a = fold(e.arg);
      return a.kind === 'num' ? { kind: 'num', value: -a.value } : { kind: 'neg', arg: a };
    }
    case 'call': {
      const a = fold(e.arg);
      return a.kind === 'num' ? { kind: 'num', value: FUNCTIONS[e.fn](a.value) } : { kind: 'call', fn: e.fn, arg: a };
    }
    case 'binary': {
      const l = fold(e.left);
      const r = fold(e.right);
      if (l.kind === 'num' && r.kind === 'num') return { kind: 'num', value: apply(e.op, l.value, r.value) };
      return { kind: 'binary', op: e.op, left: l, right: r };
    }
  }
}

/** a[i] ← a[i] op b[i]; one loop per operator so the loop body has no dispatch. */
function combineColumns(op: BinaryOp, a: Float64Array, b: Float64Array, n: number): void {
  switch (op) {
    case '+': for (let i = 0; i < n; i++) a[i] = a[i]! + b[i]!; break;
    case '-': for (let i = 0; i < n; i++) a[i] = a[i]! - b[i]!; break;
    case '*': for (let i = 0; i < n; i++) a[i] = a[i]! * b[i]!; break;
    case '/': for (let i = 0; i < n; i++) a[i] = a[i]! / b[i]!; break;
    case '^': for (let i = 0; i < n; i++) a[i] = Math.pow(a[i]!, b[i]!); break;
  }
}

/** Column form: leaves allocate their column, inner nodes overwrite their first child's. */
function columnOf(e: Expr, m: number): ColumnFn {
  switch (e.kind) {
    case 'num': {
      const v = e.value;
      return (_y, n) => new Float64Array(n).fill(v);
    }
    case 'state': {
      const j = e.index;
      return (y, n) => {
        const c = new Float64Array(n);
        for (let i = 0; i < n; i++) c[i] = y[i * m + j]!;
        return c;
      };
    }
    case 'neg': {
      const a = columnOf(e.arg, m);
      return (y, n) => {
        const c = a(y, n);
        for (let i = 0; i < n; i++) c[i] = -c[i]!;
        return c;
      };
    }
    case 'call': {
      const a = columnOf(e.arg, m);
      const f = FUNCTIONS[e.fn];
      return (y, n) => {
        const c = a(y, n);
        for (let i = 0; i < n; i++) c[i] = f(c[i]!);
        return c;
      };
    }
    case 'binary': {
      const l = columnOf(e.left, m);
      const r = columnOf(e.right, m);
      const op = e.op;
      return (y, n) => {
        const c = l(y, n);
        combineColumns(op, c, r(y, n), n);
        return c;
      };
    }
  }
}

/** Scalar form: one closure per node, specialised per operator (no dispatch at run time). */
function scalarOf(e: Expr): ScalarFn {
  switch (e.kind) {
    case 'num': { const v = e.value; return () => v; }
    case 'state': { const j = e.index; return (s) => s[j]!; }
    case 'neg': { const a = scalarOf(e.arg); return (s) => -a(s); }
    case 'call': { const a = scalarOf(e.arg); const f = FUNCTIONS[e.fn]; return (s) => f(a(s)); }
    case 'binary': {
      const l = scalarOf(e.left);
      const r = scalarOf(e.right);
      switch (e.op) {
        case '+': return (s) => l(s) + r(s);
        case '-': return (s) => l(s) - r(s);
        case '*': return (s) => l(s) * r(s);
        case '/': return (s) => l(s) / r(s);
        case '^': return (s) => Math.pow(l(s), r(s));
      }
    }
  }
}

/** Compiles a validated expression over m states. */
export function compileExpr(e: Expr, m: number): CompiledExpr {
  const folded = fold(e);
  return { column: columnOf(folded, m), scalar: scalarOf(folded) };
}

/** Binding strength, as in mathjs: + − < * / < unary minus < ^ < atoms (numbers, states, calls). */
function precedence(e: Expr): number {
  if (e.kind === 'neg') return 3;
  if (e.kind !== 'binary') return 5;
  return e.op === '^' ? 4 : e.op === '*' || e.op === '/' ? 2 : 1;
}

/**
 * Whether operand `child` of `parent` needs parentheses so that the printed text parses back to
 * the same value: x-(y-z), x/(y*z), (x+y)^2, (x^2)^3, x^(y+1), -(x+y), and a negation anywhere
 * but first (x*(-y), 2^(-x)). ^ is right-associative: 2^3^x = 2^(3^x).
 */
function needsParens(parent: BinaryOp | 'neg', child: Expr, right: boolean): boolean {
  const p = precedence(child);
  if (child.kind === 'neg' && (right || parent === 'neg' || parent === '^')) return true;
  switch (parent) {
    case '+': return false;
    case '-': return right && p <= 1;
    case '*': return p < 2;
    case '/': return right ? p <= 2 : p < 2;
    case 'neg': return p < 3;
    case '^': return right ? p < 4 : p <= 4;
  }
}

/** Canonical name in mathjs syntax with explicit '*' and no spaces: 'x^2*y', 'exp(-x)', 'x/(1+y)'. */
export function exprText(e: Expr, states: readonly string[]): string {
  const sub = (c: Expr, parent: BinaryOp | 'neg', right: boolean): string => {
    const t = exprText(c, states);
    return needsParens(parent, c, right) ? `(${t})` : t;
  };
  switch (e.kind) {
    case 'num': return e.label ?? String(e.value);
    case 'state': return states[e.index]!;
    case 'call': return `${e.fn}(${exprText(e.arg, states)})`;
    case 'neg': return `-${sub(e.arg, 'neg', false)}`;
    case 'binary': return `${sub(e.left, e.op, false)}${e.op}${sub(e.right, e.op, true)}`;
  }
}

const LATEX_CALL: Readonly<Record<FunctionName, (a: string) => string>> = {
  sin: (a) => `\\sin\\left(${a}\\right)`, cos: (a) => `\\cos\\left(${a}\\right)`, tan: (a) => `\\tan\\left(${a}\\right)`,
  exp: (a) => `\\exp\\left(${a}\\right)`, log: (a) => `\\ln\\left(${a}\\right)`, sqrt: (a) => `\\sqrt{${a}}`,
  abs: (a) => `\\left|${a}\\right|`, tanh: (a) => `\\tanh\\left(${a}\\right)`, sinh: (a) => `\\sinh\\left(${a}\\right)`,
  cosh: (a) => `\\cosh\\left(${a}\\right)`, atan: (a) => `\\arctan\\left(${a}\\right)`,
};

/** '1e-7' → '1 \cdot 10^{-7}'; pi → '\pi'. */
function numberLatex(e: { value: number; label?: 'pi' | 'e' }): string {
  if (e.label !== undefined) return e.label === 'pi' ? '\\pi' : 'e';
  const [mantissa, exponent] = String(e.value).split('e');
  return exponent === undefined ? mantissa! : `${mantissa} \\cdot 10^{${exponent.replace('+', '')}}`;
}

/**
 * LaTeX built only from our own templates, numbers and symbolLatex of state names (so nothing
 * like \href or \url can appear): 'x^{2} y', '\frac{x}{1 + y}', '\exp\left(-x\right)'.
 * A product is written by juxtaposition, with \cdot before a number (2 \cdot 3); a base other
 * than a symbol, number or parenthesis is braced so that 10^{-7} or x_{1} get no double script.
 */
export function exprLatex(e: Expr, states: readonly string[]): string {
  const sub = (c: Expr, parent: BinaryOp | 'neg', right: boolean): string => {
    const t = exprLatex(c, states);
    return needsParens(parent, c, right) ? `\\left(${t}\\right)` : t;
  };
  switch (e.kind) {
    case 'num': return numberLatex(e);
    case 'state': return symbolLatex(states[e.index]!);
    case 'call': return LATEX_CALL[e.fn](exprLatex(e.arg, states));
    case 'neg': return `-${sub(e.arg, 'neg', false)}`;
    case 'binary': {
      if (e.op === '/') return `\\frac{${exprLatex(e.left, states)}}{${exprLatex(e.right, states)}}`;
      const l = sub(e.left, e.op, false);
      if (e.op === '^') { // the exponent is braced, so it never needs parentheses
        const r = exprLatex(e.right, states);
        return /^([A-Za-z0-9.]+|\\[A-Za-z]+|\\left\(.*\\right\))$/.test(l) ? `${l}^{${r}}` : `{${l}}^{${r}}`;
      }
      const r = sub(e.right, e.op, true);
      if (e.op === '*') return /^[0-9.]/.test(r) ? `${l} \\cdot ${r}` : `${l} ${r}`;
      return `${l} ${e.op} ${r}`;
    }
  }
}

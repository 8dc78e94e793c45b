/**
 * Formula text (mathjs syntax, as exprToString writes it and as library feature names read)
 * → the model's expression tree (./expr.ts). The inverse of exprToString: constants are read
 * back to the same double (it prints the shortest round-trip decimal) and parentheses keep the
 * tree's shape, so a Pareto front entry's text gives back the formula the search found.
 *
 * The grammar is the small one formulas use, with mathjs's precedence:
 *   sum     := product (('+' | '-') product)*
 *   product := signed (('*' | '/') signed)*
 *   signed  := '-' signed | '+' signed | power            (−x^2 is −(x^2), as in mathjs)
 *   power   := atom ('^' signed)?                          (an integer exponent)
 *   atom    := number | name | name '(' sum ')' | '(' sum ')'
 * Names are the states (they shadow the constants pi and e) and the functions sqrt exp log sin
 * cos; x^n with a whole n becomes square, cube or products. Nothing is evaluated: untrusted text
 * gives a tree or a message, never code. Text and nesting are capped.
 */
import { err, ok, type Result } from '../types';
import { binary, constant, unary, variable, type Expr, type UnaryOp } from './expr';

export const MAX_FORMULA_LENGTH = 20_000;
const MAX_NESTING = 200;
/** Largest |n| of x^n turned into products (library degrees stay far below). */
const MAX_POWER = 64;

const FUNCTIONS: ReadonlySet<string> = new Set<UnaryOp>(['sqrt', 'exp', 'log', 'sin', 'cos']);
const CONSTANTS: ReadonlyMap<string, number> = new Map([['pi', Math.PI], ['e', Math.E], ['NaN', NaN], ['Infinity', Infinity]]);

type Token = { kind: 'num'; value: number } | { kind: 'name'; text: string } | { kind: 'op'; text: string };

const TOKEN = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/^()]))/y;

function tokenize(text: string): Result<Token[]> {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) return err(`Cannot read the formula at '${text.slice(at, at + 12).trim()}': use numbers, state names, + - * / ^, parentheses and sqrt exp log sin cos.`);
    if (m[1] !== undefined) out.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ kind: 'name', text: m[2] });
    else out.push({ kind: 'op', text: m[3]! });
    at = TOKEN.lastIndex;
  }
  return ok(out);
}

class Parser {
  private k = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[], private readonly states: ReadonlyMap<string, number>) {}

  parse(): Result<Expr> {
    const e = this.sum();
    if (!e.ok) return e;
    const rest = this.tokens[this.k];
    return rest ? err(`Unexpected '${show(rest)}' in the formula.`) : e;
  }

  private peekOp(...ops: string[]): string | null {
    const t = this.tokens[this.k];
    return t?.kind === 'op' && ops.includes(t.text) ? t.text : null;
  }

  private nested<T>(f: () => Result<T>): Result<T> {
    if (++this.depth > MAX_NESTING) return err(`The formula is nested more than ${MAX_NESTING} levels deep.`);
    const r = f();
    this.depth--;
    return r;
  }

  private sum(): Result<Expr> {
    return this.nested(() => {
      let left = this.product();
      for (let op = this.peekOp('+', '-'); op && left.ok; op = this.peekOp('+', '-')) {
        this.k++;
        const right = this.product();
        if (!right.ok) return right;
        left = ok(binary(op as '+' | '-', left.value, right.value));
      }
      return left;
    });
  }

  private product(): Result<Expr> {
    let left = this.signed();
    for (let op = this.peekOp('*', '/'); op && left.ok; op = this.peekOp('*', '/')) {
      this.k++;
      const right = this.signed();
      if (!right.ok) return right;
      left = ok(binary(op as '*' | '/', left.value, right.value));
    }
    return left;
  }

  private signed(): Result<Expr> {
    return this.nested(() => {
      const op = this.peekOp('-', '+');
      if (!op) return this.power();
      this.k++;
      const next = this.tokens[this.k];
      // '-2.5' is the constant −2.5 (as exprToString prints a negative constant), unless a power follows.
      const after = this.tokens[this.k + 1];
      if (op === '-' && next?.kind === 'num' && !(after?.kind === 'op' && after.text === '^')) { this.k++; return ok(constant(-next.value)); }
      const arg = this.signed();
      return !arg.ok || op === '+' ? arg : ok(unary('neg', arg.value));
    });
  }

  private power(): Result<Expr> {
    const base = this.atom();
    if (!base.ok || !this.peekOp('^')) return base;
    this.k++;
    const exponent = this.signed();
    if (!exponent.ok) return exponent;
    const n = exponent.value.kind === 'const' ? exponent.value.value : NaN;
    if (!Number.isInteger(n) || Math.abs(n) > MAX_POWER) return err(`Only whole powers up to ${MAX_POWER} can be read (x^2, x^3); use sqrt for x^0.5.`);
    return ok(integerPower(base.value, n));
  }

  private atom(): Result<Expr> {
    const t = this.tokens[this.k++];
    if (!t) return err('The formula ends too early.');
    if (t.kind === 'num') return ok(constant(t.value));
    if (t.kind === 'op') {
      if (t.text !== '(') return err(`Unexpected '${t.text}' in the formula.`);
      const inner = this.sum();
      if (!inner.ok) return inner;
      if (!this.peekOp(')')) return err('A parenthesis is not closed in the formula.');
      this.k++;
      return inner;
    }
    const index = this.states.get(t.text);
    if (index !== undefined) return ok(variable(index));
    if (FUNCTIONS.has(t.text)) {
      if (!this.peekOp('(')) return err(`'${t.text}' is a function: call it on an argument.`);
      this.k++;
      const arg = this.sum();
      if (!arg.ok) return arg;
      if (!this.peekOp(')')) return err(`The argument of ${t.text} is not closed.`);
      this.k++;
      return ok(unary(t.text as UnaryOp, arg.value));
    }
    const c = CONSTANTS.get(t.text);
    if (c !== undefined) return ok(constant(c));
    return err(`Unknown name '${t.text.slice(0, 30)}' in the formula: use the states ${[...this.states.keys()].join(', ')} and sqrt, exp, log, sin, cos.`);
  }
}

/** x^n as square, cube or products of them; 1/x^|n| for negative n. */
function integerPower(x: Expr, n: number): Expr {
  if (n < 0) return binary('/', constant(1), integerPower(x, -n));
  if (n === 0) return constant(1);
  if (n === 1) return x;
  if (n === 2) return unary('square', x);
  if (n === 3) return unary('cube', x);
  const half = integerPower(x, Math.floor(n / 2));
  const sq = unary('square', half);
  return n % 2 === 0 ? sq : binary('*', sq, x);
}

function show(t: Token): string {
  return t.kind === 'num' ? String(t.value) : t.text;
}

/** A formula over the named states, or a message naming what cannot be read. */
export function parseFormula(text: string, stateNames: readonly string[]): Result<Expr> {
  if (text.length > MAX_FORMULA_LENGTH) return err(`The formula is ${text.length} characters long; at most ${MAX_FORMULA_LENGTH} can be read.`);
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  if (tokens.value.length === 0) return err('The formula is empty.');
  return new Parser(tokens.value, new Map(stateNames.map((n, k) => [n, k]))).parse();
}

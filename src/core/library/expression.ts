/**
 * Custom library terms typed by the user in mathjs syntax ('exp(-x)', 'x/(1+y)', 'sin(x)*y').
 * The text is untrusted (it may come from a shared link), so it is parsed once with a trimmed
 * mathjs (parse only — nothing that can evaluate) and the parse tree is translated node by node
 * into our own `Expr` (expressionCompile.ts). Translation is the whitelist: numbers, state
 * names, pi, e, ( ), + − * / ^, unary ±, and calls of sin cos tan exp log sqrt abs tanh sinh
 * cosh atan. Every other node (assignment, function definition, property access, indexing,
 * objects, matrices, strings, ranges, conditionals, comparisons, unknown symbols or functions
 * such as import/evaluate) is rejected with a message naming the offending piece.
 */
import {
  create, isConstantNode, isFunctionNode, isOperatorNode, isParenthesisNode, isSymbolNode,
  parseDependencies, type MathNode,
} from 'mathjs/number';
import { err, ok, type Result } from '../types';
import { compileExpr, exprLatex, exprText, FUNCTIONS, isFunctionName, type BinaryOp, type Expr } from './expressionCompile';
import type { FeatureBlock } from './library';
import { MAX_CUSTOM, MAX_EXPRESSION_LENGTH } from './limits';

export { MAX_CUSTOM, MAX_EXPRESSION_LENGTH };

export const MAX_DEPTH = 32;

/**
 * Only the parser and its node classes end up in the bundle: the number-only build of mathjs,
 * without BigNumber and Fraction. (mathjs types its dependency maps as Record entries, hence
 * possibly undefined under noUncheckedIndexedAccess; they are defined.)
 */
const { parse } = create({ parseDependencies: parseDependencies! });

/** mathjs operator function → our operator (unary minus and plus are handled apart). */
const BINARY = new Map<string, BinaryOp>([['add', '+'], ['subtract', '-'], ['multiply', '*'], ['divide', '/'], ['pow', '^']]);
const CONSTANTS = new Map<string, Expr>([
  ['pi', { kind: 'num', value: Math.PI, label: 'pi' }], ['e', { kind: 'num', value: Math.E, label: 'e' }],
]);
const FUNCTION_LIST = Object.keys(FUNCTIONS).join(', ');

/** What the rejected node types are, for the messages. */
const NODE_KINDS = new Map<string, string>([
  ['AssignmentNode', 'an assignment'], ['FunctionAssignmentNode', 'a function definition'],
  ['AccessorNode', 'a property or index access'], ['IndexNode', 'an index'], ['ObjectNode', 'an object'],
  ['ArrayNode', 'a matrix or list'], ['BlockNode', 'several expressions'], ['ConditionalNode', 'a conditional (a ? b : c)'],
  ['RangeNode', 'a range'], ['RelationalNode', 'a comparison'],
]);

interface Context {
  text: string;
  states: Map<string, number>;
  stateNames: string[];
}

export interface ParsedTerm {
  /** canonical text in mathjs syntax: explicit '*', minimal parentheses, no spaces ('x/(1+y)') */
  name: string;
  latex: string;
  expr: Expr;
}

/** Checks a custom term and returns its canonical name and LaTeX. */
export function validateExpression(expr: string, stateNames: string[]): Result<{ name: string; latex: string }> {
  const r = parseTerm(expr, stateNames);
  return r.ok ? ok({ name: r.value.name, latex: r.value.latex }) : r;
}

/** Parse → whitelist translation → name and LaTeX printed from our Expr. Nothing is evaluated. */
export function parseTerm(text: string, stateNames: string[]): Result<ParsedTerm> {
  const t = typeof text === 'string' ? text.trim() : '';
  if (t === '') return err('A custom term is empty. Type an expression such as exp(-x), or remove the term.');
  if (t.length > MAX_EXPRESSION_LENGTH) {
    return err(`Custom term '${clip(t)}' is ${t.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}. Shorten it.`);
  }
  let node: MathNode;
  try {
    node = parse(t);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return err(`Cannot read custom term '${clip(t)}': ${why}. Use mathjs syntax, e.g. exp(-x) or x/(1+y).`);
  }
  const ctx: Context = { text: t, states: new Map(stateNames.map((s, k) => [s, k])), stateNames };
  const expr = translate(node, ctx, 1);
  if (!expr.ok) return expr;
  return ok({ name: exprText(expr.value, stateNames), latex: exprLatex(expr.value, stateNames), expr: expr.value });
}

/** The custom block: each term compiled once, evaluated column by column. */
export function customBlock(texts: string[], stateNames: string[]): Result<FeatureBlock> {
  const terms: ParsedTerm[] = [];
  for (let k = 0; k < texts.length; k++) {
    const r = parseTerm(texts[k]!, stateNames);
    if (!r.ok) return err(texts.length > 1 ? `Custom term ${k + 1}: ${r.error}` : r.error);
    terms.push(r.value);
  }
  const compiled = terms.map((t) => compileExpr(t.expr, stateNames.length));
  const count = compiled.length;
  return ok({
    names: terms.map((t) => t.name),
    latex: terms.map((t) => t.latex),
    fill(y, n, out, p, col) {
      for (let t = 0; t < count; t++) {
        const c = compiled[t]!.column(y, n); // c: n, scattered into column col + t of Θ
        for (let i = 0, o = col + t; i < n; i++, o += p) out[o] = c[i]!;
      }
    },
    fillRow(state, out, col) {
      for (let t = 0; t < count; t++) out[col + t] = compiled[t]!.scalar(state);
    },
  });
}

/** The whitelist: a mathjs node → Expr, or a message naming what is not allowed. */
function translate(node: MathNode, ctx: Context, depth: number): Result<Expr> {
  if (depth > MAX_DEPTH) {
    return err(`Custom term '${clip(ctx.text)}' is nested more than ${MAX_DEPTH} levels deep. Simplify it.`);
  }
  if (isParenthesisNode(node)) return translate(node.content, ctx, depth + 1);
  if (isConstantNode(node)) return constant(node.value, node, ctx);
  if (isSymbolNode(node)) return symbol(node.name, ctx);
  if (isOperatorNode(node)) return operator(node.fn, node.op, node.args, ctx, depth);
  if (isFunctionNode(node)) return call(node.fn, node.args, node, ctx, depth);
  const kind = NODE_KINDS.get(node.type) ?? `a ${node.type}`;
  return err(`${where(node, ctx)} is ${kind}, which is not allowed. ${help(ctx)}`);
}

function constant(value: unknown, node: MathNode, ctx: Context): Result<Expr> {
  if (typeof value === 'number' && Number.isFinite(value)) return ok({ kind: 'num', value });
  const what = typeof value === 'string' ? 'text' : typeof value === 'number' ? 'not a finite number' : 'not a number';
  return err(`${where(node, ctx)} is ${what}, which is not allowed. ${help(ctx)}`);
}

/** A state (states shadow the constants pi and e), or pi, or e. */
function symbol(name: string, ctx: Context): Result<Expr> {
  const index = ctx.states.get(name);
  if (index !== undefined) return ok({ kind: 'state', index });
  const c = CONSTANTS.get(name);
  if (c !== undefined) return ok(c);
  if (isFunctionName(name)) return err(`'${name}' in '${clip(ctx.text)}' is a function: call it on an argument, e.g. ${name}(${ctx.stateNames[0]}).`);
  return err(`Unknown symbol '${clip(name)}' in '${clip(ctx.text)}': use the state names ${ctx.stateNames.join(', ')}, or constants pi, e.`);
}

function operator(fn: string, opText: string, args: MathNode[], ctx: Context, depth: number): Result<Expr> {
  const [a, b] = args;
  const op = BINARY.get(fn);
  if (op !== undefined && a !== undefined && b !== undefined && args.length === 2) {
    const left = translate(a, ctx, depth + 1);
    if (!left.ok) return left;
    const right = translate(b, ctx, depth + 1);
    return right.ok ? ok({ kind: 'binary', op, left: left.value, right: right.value }) : right;
  }
  if ((fn === 'unaryMinus' || fn === 'unaryPlus') && a !== undefined && args.length === 1) {
    const arg = translate(a, ctx, depth + 1);
    if (!arg.ok || fn === 'unaryPlus') return arg;
    return ok({ kind: 'neg', arg: arg.value });
  }
  return err(`Operator '${opText}' in '${clip(ctx.text)}' is not allowed: use + - * / ^ and unary minus.`);
}

function call(fnNode: MathNode, args: MathNode[], node: MathNode, ctx: Context, depth: number): Result<Expr> {
  const name = isSymbolNode(fnNode) ? fnNode.name : null;
  if (name === null || !isFunctionName(name)) {
    const what = name === null ? `'${piece(fnNode)}'` : `'${clip(name)}'`;
    return err(`Function ${what} in '${clip(ctx.text)}' is not allowed: use ${FUNCTION_LIST}.`);
  }
  const [a] = args;
  if (a === undefined || args.length !== 1) {
    return err(`${name} takes one argument, but '${piece(node)}' gives ${args.length}.`);
  }
  const arg = translate(a, ctx, depth + 1);
  return arg.ok ? ok({ kind: 'call', fn: name, arg: arg.value }) : arg;
}

function help(ctx: Context): string {
  return `A custom term may use numbers, the states ${ctx.stateNames.join(', ')}, the constants pi and e, ` +
    `+ - * / ^, parentheses and the functions ${FUNCTION_LIST}.`;
}

/** The offending node as text (mathjs toString only formats), shortened for messages. */
function piece(node: MathNode): string {
  return clip(node.toString().replace(/\s+/g, ' '));
}

/** "'x[1]' in 'x*x[1]'", or just "'x[1]'" when the piece is the whole term. */
function where(node: MathNode, ctx: Context): string {
  const p = piece(node);
  return p.replace(/\s/g, '') === ctx.text.replace(/\s/g, '') ? `'${p}'` : `'${p}' in '${clip(ctx.text)}'`;
}

function clip(s: string, max = 60): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

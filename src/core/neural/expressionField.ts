/**
 * A symbolic model as a ParamVectorField, so the solver-based fine-tuning (`finetune.ts`, the
 * discrete adjoint of RK4) can refit its constants against the trajectories (Kidger 2021 §6:
 * the last step of neural ODE → symbolic regression).
 *
 *   const ef = expressionField(exprs, nStates);          // every constant leaf is a parameter
 *   createFinetuner({ field: ef.field, theta: ef.theta }, ds)  …
 *   ef.rebuild(fittedParams(ft))                         // the expressions with fitted constants
 *
 * θ lists the parameter leaves of all the expressions, in order (expression 0 left to right,
 * then expression 1 …). Leaves in `frozen` (by object identity) keep their value and are not
 * parameters: a library term's own numbers (the 2 of sin(2x), the exponent's 2) stay fixed
 * while its coefficient is fitted.
 *
 * Evaluation is one pass over a flat postfix list of nodes (children before parents), storing
 * every node's value; the vector–Jacobian product is the reverse pass over the same list
 * (adjoint of each node pushed to its children):
 *   a ± b: ā += v̄, b̄ ±= v̄;   a·b: ā += v̄·b, b̄ += v̄·a;   a/b: ā += v̄/b, b̄ −= v̄·(a/b)/b;
 *   f(a): ā += v̄·f′(a) with f′ = −1, 2a, 3a², 1/(2√a), eᵃ, 1/a, cos a, −sin a;
 *   variable k: ȳ_k += v̄;   parameter p: θ̄_p += v̄.
 * The node values are the tape (`tapeSize` numbers per evaluation), so the RK4 adjoint runs
 * only the reverse pass at each stage it recorded. Nothing allocates per call.
 */
import { BINARY_OPS, UNARY_OPS, type Expr } from '../model/expr';
import type { ParamVectorField } from './vectorField';

const K_CONST = 0, K_VAR = 1, K_PARAM = 2, K_UNARY = 8, K_BINARY = 16;

export interface ExpressionField {
  field: ParamVectorField;
  /** the parameters' current values (a fresh array, in θ order) */
  theta: Float64Array;
  /** the expressions with θ written into their parameter leaves (frozen leaves unchanged) */
  rebuild(theta: ArrayLike<number>): Expr[];
}

/**
 * The field f_j(y; θ) = exprs[j](y) over nStates states. A variable index outside the states
 * is a bug of the caller (it built the trees) and throws.
 */
export function expressionField(exprs: readonly Expr[], nStates: number, frozen: ReadonlySet<Expr> = new Set()): ExpressionField {
  const kind: number[] = [], left: number[] = [], right: number[] = [], arg: number[] = [], value: number[] = [];
  const roots: number[] = [];
  const params: number[] = [];
  const push = (k: number, l: number, r: number, a: number, v: number): number => {
    kind.push(k); left.push(l); right.push(r); arg.push(a); value.push(v);
    return kind.length - 1;
  };
  const walk = (e: Expr): number => {
    switch (e.kind) {
      case 'const':
        if (frozen.has(e)) return push(K_CONST, -1, -1, 0, e.value);
        params.push(e.value);
        return push(K_PARAM, -1, -1, params.length - 1, 0);
      case 'var':
        if (!(e.index >= 0 && e.index < nStates)) throw new RangeError(`expressionField: variable ${e.index} outside 0…${nStates - 1}`);
        return push(K_VAR, -1, -1, e.index, 0);
      case 'unary': { const a = walk(e.arg); return push(K_UNARY + UNARY_OPS.indexOf(e.op), a, -1, 0, 0); }
      case 'binary': {
        const l = walk(e.left);
        const r = walk(e.right);
        return push(K_BINARY + BINARY_OPS.indexOf(e.op), l, r, 0, 0);
      }
    }
  };
  for (const e of exprs) roots.push(walk(e));
  const field = new ExpressionVectorField(
    nStates, params.length, Int32Array.from(kind), Int32Array.from(left), Int32Array.from(right),
    Int32Array.from(arg), Float64Array.from(value), Int32Array.from(roots),
  );
  return {
    field,
    theta: Float64Array.from(params),
    rebuild: (theta) => {
      let p = 0;
      const copy = (e: Expr): Expr => {
        switch (e.kind) {
          case 'const': return frozen.has(e) ? e : { kind: 'const', value: theta[p++]! };
          case 'var': return e;
          case 'unary': return { kind: 'unary', op: e.op, arg: copy(e.arg) };
          case 'binary': { const l = copy(e.left); return { kind: 'binary', op: e.op, left: l, right: copy(e.right) }; }
        }
      };
      return exprs.map(copy);
    },
  };
}

class ExpressionVectorField implements ParamVectorField {
  readonly tapeSize: number;
  /** node values of the last eval/vjp without a tape */
  private readonly val: Float64Array;
  private readonly adj: Float64Array;

  constructor(
    readonly nStates: number, readonly nParams: number,
    private readonly kind: Int32Array, private readonly left: Int32Array, private readonly right: Int32Array,
    private readonly arg: Int32Array, private readonly constant: Float64Array, private readonly roots: Int32Array,
  ) {
    this.tapeSize = kind.length;
    this.val = new Float64Array(kind.length);
    this.adj = new Float64Array(kind.length);
  }

  eval(y: Float64Array, theta: Float64Array, out: Float64Array): void {
    this.evalTape(y, theta, out, this.val, 0);
  }

  vjp(y: Float64Array, theta: Float64Array, gOut: Float64Array, gY: Float64Array, gTheta: Float64Array): void {
    this.forward(y, theta, this.val, 0);
    this.vjpTape(this.val, 0, theta, gOut, gY, gTheta);
  }

  evalTape(y: Float64Array, theta: Float64Array, out: Float64Array, tape: Float64Array, offset: number): void {
    this.forward(y, theta, tape, offset);
    const roots = this.roots;
    for (let j = 0; j < roots.length; j++) out[j] = tape[offset + roots[j]!]!;
  }

  vjpTape(tape: Float64Array, offset: number, _theta: Float64Array, gOut: Float64Array, gY: Float64Array, gTheta: Float64Array): void {
    const { kind, left, right, arg, adj, roots } = this;
    adj.fill(0);
    for (let j = 0; j < roots.length; j++) adj[roots[j]!]! += gOut[j]!;
    for (let k = kind.length - 1; k >= 0; k--) {
      const g = adj[k]!;
      if (g === 0) continue;
      const op = kind[k]!;
      if (op === K_CONST) continue;
      if (op === K_VAR) { gY[arg[k]!]! += g; continue; }
      if (op === K_PARAM) { gTheta[arg[k]!]! += g; continue; }
      const l = left[k]!;
      const a = tape[offset + l]!;
      if (op < K_BINARY) {
        let d: number;
        switch (op - K_UNARY) {
          case 0: d = -1; break; // neg
          case 1: d = 2 * a; break; // square
          case 2: d = 3 * a * a; break; // cube
          case 3: d = 0.5 / tape[offset + k]!; break; // sqrt
          case 4: d = tape[offset + k]!; break; // exp
          case 5: d = 1 / a; break; // log
          case 6: d = Math.cos(a); break; // sin
          default: d = -Math.sin(a); break; // cos
        }
        adj[l]! += g * d;
        continue;
      }
      const r = right[k]!;
      const b = tape[offset + r]!;
      switch (op - K_BINARY) {
        case 0: adj[l]! += g; adj[r]! += g; break;
        case 1: adj[l]! += g; adj[r]! -= g; break;
        case 2: adj[l]! += g * b; adj[r]! += g * a; break;
        default: adj[l]! += g / b; adj[r]! -= (g * tape[offset + k]!) / b; break;
      }
    }
  }

  /** every node's value at (y, θ) into tape[offset …] */
  private forward(y: Float64Array, theta: Float64Array, tape: Float64Array, offset: number): void {
    const { kind, left, right, arg, constant } = this;
    for (let k = 0; k < kind.length; k++) {
      const op = kind[k]!;
      let v: number;
      if (op === K_CONST) v = constant[k]!;
      else if (op === K_VAR) v = y[arg[k]!]!;
      else if (op === K_PARAM) v = theta[arg[k]!]!;
      else if (op < K_BINARY) {
        const a = tape[offset + left[k]!]!;
        switch (op - K_UNARY) {
          case 0: v = -a; break;
          case 1: v = a * a; break;
          case 2: v = a * a * a; break;
          case 3: v = Math.sqrt(a); break;
          case 4: v = Math.exp(a); break;
          case 5: v = Math.log(a); break;
          case 6: v = Math.sin(a); break;
          default: v = Math.cos(a); break;
        }
      } else {
        const a = tape[offset + left[k]!]!, b = tape[offset + right[k]!]!;
        switch (op - K_BINARY) {
          case 0: v = a + b; break;
          case 1: v = a - b; break;
          case 2: v = a * b; break;
          default: v = a / b; break;
        }
      }
      tape[offset + k] = v;
    }
  }
}

/**
 * Exact derivatives of a program's output with respect to its constants, by forward-mode
 * differentiation over columns: every stack entry carries its value column v and one tangent
 * column ∂v/∂c_j per constant j (K + 1 columns of n points). The rules, per point:
 *   a ± b → ∂a ± ∂b;   a·b → ∂a·b + a·∂b;   a/b → (∂a − (a/b)·∂b)/b;
 *   f(a) → f′(a)·∂a with f′ = −1, 2a, 3a², 1/(2√a), eᵃ, 1/a, cos a, −sin a
 *   (neg, square, cube, sqrt, exp, log, sin, cos).
 * Cost ≈ (K + 1) × a plain evaluation; K is small (a tree of maxsize 20 has at most ~10
 * constants), so this is cheaper than reverse mode's stored tape and as exact.
 */
import {
  OP_ADD, OP_CONST, OP_CUBE, OP_DIV, OP_EXP, OP_LOG, OP_MUL, OP_NEG, OP_SIN, OP_SQRT, OP_SQUARE, OP_SUB,
  OP_VAR, OP_BINARY, type Program,
} from './program';

export interface JacobianWork {
  n: number;
  /** stack slots × (K + 1) columns of n; grown on demand */
  buf: Float64Array;
  /** f′ of the current unary operator, n */
  deriv: Float64Array;
}

export function createJacobianWork(n: number): JacobianWork {
  return { n, buf: new Float64Array(0), deriv: new Float64Array(n) };
}

/**
 * value[i] = f(x_i); jac[j·n + i] = ∂f(x_i)/∂c_j for the program's K = p.nConsts constants.
 * Returns false if any value or derivative was not finite.
 */
export function evaluateJacobian(p: Program, X: readonly Float64Array[], value: Float64Array, jac: Float64Array, work: JacobianWork): boolean {
  const n = work.n, K = p.nConsts, w = K + 1, slot = w * n;
  if (work.buf.length < p.maxStack * slot) work.buf = new Float64Array(p.maxStack * slot);
  const buf = work.buf, d = work.deriv;
  let sp = -1;
  for (let k = 0; k < p.length; k++) {
    const op = p.code[k]!;
    if (op === OP_VAR || op === OP_CONST) {
      sp++;
      const o = sp * slot;
      if (op === OP_VAR) buf.set(X[p.arg[k]!]!.subarray(0, n), o);
      else buf.fill(p.consts[p.arg[k]!]!, o, o + n);
      buf.fill(0, o + n, o + slot);
      if (op === OP_CONST) buf.fill(1, o + (p.arg[k]! + 1) * n, o + (p.arg[k]! + 2) * n);
      continue;
    }
    if (op < OP_BINARY) {
      const o = sp * slot;
      for (let i = 0; i < n; i++) {
        const a = buf[o + i]!;
        let v: number, g: number;
        switch (op) {
          case OP_NEG: v = -a; g = -1; break;
          case OP_SQUARE: v = a * a; g = 2 * a; break;
          case OP_CUBE: v = a * a * a; g = 3 * a * a; break;
          case OP_SQRT: v = Math.sqrt(a); g = 0.5 / v; break;
          case OP_EXP: v = Math.exp(a); g = v; break;
          case OP_LOG: v = Math.log(a); g = 1 / a; break;
          case OP_SIN: v = Math.sin(a); g = Math.cos(a); break;
          default: v = Math.cos(a); g = -Math.sin(a); break;
        }
        buf[o + i] = v;
        d[i] = g;
      }
      for (let j = 1; j < w; j++) {
        const t = o + j * n;
        for (let i = 0; i < n; i++) buf[t + i] = buf[t + i]! * d[i]!;
      }
      continue;
    }
    sp--;
    const oa = sp * slot, ob = oa + slot;
    switch (op) {
      case OP_ADD: case OP_SUB: {
        const s = op === OP_ADD ? 1 : -1;
        for (let q = 0; q < slot; q++) buf[oa + q] = buf[oa + q]! + s * buf[ob + q]!;
        break;
      }
      case OP_MUL:
        for (let j = 1; j < w; j++) {
          const ta = oa + j * n, tb = ob + j * n;
          for (let i = 0; i < n; i++) buf[ta + i] = buf[ta + i]! * buf[ob + i]! + buf[oa + i]! * buf[tb + i]!;
        }
        for (let i = 0; i < n; i++) buf[oa + i] = buf[oa + i]! * buf[ob + i]!;
        break;
      case OP_DIV:
        for (let i = 0; i < n; i++) buf[oa + i] = buf[oa + i]! / buf[ob + i]!;
        for (let j = 1; j < w; j++) {
          const ta = oa + j * n, tb = ob + j * n;
          for (let i = 0; i < n; i++) buf[ta + i] = (buf[ta + i]! - buf[oa + i]! * buf[tb + i]!) / buf[ob + i]!;
        }
        break;
    }
  }
  let chk = 0;
  for (let i = 0; i < n; i++) { const v = buf[i]!; value[i] = v; chk += v * 0; }
  for (let q = 0; q < K * n; q++) { const v = buf[n + q]!; jac[q] = v; chk += v * 0; }
  return chk === 0;
}

/**
 * Polynomial terms: every monomial y_{i1}·y_{i2}·…·y_{id} with i1 ≤ i2 ≤ … ≤ id of total degree
 * d = 0 (the constant, if bias) … degree, in PySINDy's order: degree by degree, and within a
 * degree itertools.combinations_with_replacement order (lexicographic in the state indices).
 * For x, y, z and degree 2: 1, x, y, z, x^2, x*y, x*z, y^2, y*z, z^2.
 *
 * Evaluation is the hot loop of Θ (e.g. 20,000 samples × 20 terms). A monomial of degree d is
 * its "parent" (the same indices without the last one, degree d − 1, already computed in the
 * same row) times the last state, so each term costs exactly one multiply.
 */
import type { FeatureBlock } from './library';

export const MAX_DEGREE = 6;

/** Rows of Θ filled per block (a few tens of kB: stays in cache while every term is written). */
const BLOCK = 256;

/** Monomials of degree 1 … degree as a parent/state plan (index 0 = first degree-1 term). */
interface MonomialPlan {
  /** sorted state indices of each monomial, e.g. [0, 0, 1] for x^2*y */
  combos: number[][];
  /** parent[k]: index of the monomial without its last factor; −1 for degree 1 */
  parent: Int32Array;
  /** state[k]: index of the last factor */
  state: Int32Array;
}

/**
 * Number of monomials of total degree ≤ d in m variables: C(m + d, d) (stars and bars), minus
 * the constant when there is no bias. Computed without listing them, to cap the size first.
 */
export function polynomialCount(m: number, degree: number, bias: boolean): number {
  let c = 1;
  for (let k = 1; k <= degree; k++) c = (c * (m + k)) / k; // C(m+k, k) = C(m+k−1, k−1)·(m+k)/k
  return Math.round(c) - (bias ? 0 : 1);
}

/**
 * Degree d is built from degree d − 1: extending each (d−1)-combination (in lexicographic order)
 * by every state ≥ its last index gives the d-combinations in lexicographic order, because
 * tuples with the same prefix are contiguous in that order. The parent index comes for free.
 */
function plan(m: number, degree: number): MonomialPlan {
  const combos: number[][] = [];
  const parent: number[] = [];
  const state: number[] = [];
  if (degree >= 1) {
    for (let s = 0; s < m; s++) { combos.push([s]); parent.push(-1); state.push(s); }
  }
  let start = 0;
  for (let d = 2; d <= degree; d++) {
    const end = combos.length;
    for (let k = start; k < end; k++) {
      const prefix = combos[k]!;
      for (let s = prefix[prefix.length - 1]!; s < m; s++) {
        combos.push([...prefix, s]); parent.push(k); state.push(s);
      }
    }
    start = end;
  }
  return { combos, parent: Int32Array.from(parent), state: Int32Array.from(state) };
}

/** Runs of equal indices → (state, exponent): [0, 0, 1] → [[0, 2], [1, 1]]. */
function powers(combo: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const s of combo) {
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === s) last[1]++;
    else out.push([s, 1]);
  }
  return out;
}

/** Canonical name: 'x^2*y' (state order, ^ only above 1, joined by '*'). */
function monomialName(combo: number[], names: string[]): string {
  return powers(combo).map(([s, e]) => (e > 1 ? `${names[s]}^${e}` : names[s]!)).join('*');
}

/** LaTeX: 'x^{2} y'. */
function monomialLatex(combo: number[], names: string[]): string {
  return powers(combo).map(([s, e]) => {
    const sym = symbolLatex(names[s]!);
    return e > 1 ? `${sym}^{${e}}` : sym;
  }).join(' ');
}

/** Greek letter names that render as LaTeX commands (\alpha …). */
const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa',
  'lambda', 'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega']);

/**
 * LaTeX for a state name (an identifier): 'x' → 'x', 'theta' → '\theta', 'x1' and 'x_1' →
 * 'x_{1}', 'omega_2' → '\omega_{2}', 'pos' → '\mathrm{pos}', 'x_dot' → 'x_{\mathrm{dot}}'.
 * Shared with the custom terms so the same state looks the same in every term.
 */
export function symbolLatex(name: string): string {
  const sub = /^([A-Za-z]+)_?([0-9]+)$/.exec(name) ?? /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  if (!sub) return baseLatex(name);
  const index = sub[2]!;
  return `${baseLatex(sub[1]!)}_{${/^[0-9]+$/.test(index) ? index : baseLatex(index)}}`;
}

function baseLatex(name: string): string {
  if (GREEK.has(name)) return `\\${name}`;
  if (/^[A-Za-z]$/.test(name)) return name;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

/** The polynomial block for the given states; names and LaTeX in PySINDy order. */
export function polynomialBlock(stateNames: string[], degree: number, bias: boolean): FeatureBlock {
  const m = stateNames.length;
  const { combos, parent, state } = plan(m, degree);
  const names = combos.map((c) => monomialName(c, stateNames));
  const latex = combos.map((c) => monomialLatex(c, stateNames));
  if (bias) { names.unshift('1'); latex.unshift('1'); }
  const b = bias ? 1 : 0;
  const nTerms = combos.length;
  const nLinear = Math.min(m, nTerms);

  /** Row i of Θ (offset ro) from the state row (offset yo); column `col` holds the first term. */
  const row = (y: Float64Array, yo: number, out: Float64Array, ro: number): void => {
    if (b === 1) out[ro] = 1;
    const o = ro + b; // out[o + k] is monomial k
    for (let k = 0; k < nLinear; k++) out[o + k] = y[yo + k]!;
    for (let k = nLinear; k < nTerms; k++) out[o + k] = out[o + parent[k]!]! * y[yo + state[k]!]!;
  };
  return {
    names, latex,
    fill(y, n, out, p, col) {
      // Column by column within blocks of rows: each term is one strided loop with its parent
      // column and state fixed, which the JIT compiles to a tight multiply, while the block
      // (BLOCK rows of Θ) stays in cache between terms.
      const o = col + b;
      for (let i0 = 0; i0 < n; i0 += BLOCK) {
        const i1 = Math.min(n, i0 + BLOCK);
        if (b === 1) for (let i = i0, t = i0 * p + col; i < i1; i++, t += p) out[t] = 1;
        for (let k = 0; k < nLinear; k++) {
          for (let i = i0, t = i0 * p + o + k, u = i0 * m + k; i < i1; i++, t += p, u += m) out[t] = y[u]!;
        }
        for (let k = nLinear; k < nTerms; k++) {
          const back = k - parent[k]!;
          for (let i = i0, t = i0 * p + o + k, u = i0 * m + state[k]!; i < i1; i++, t += p, u += m) out[t] = out[t - back]! * y[u]!;
        }
      }
    },
    fillColumns(y, n, out, ld, r0, col) {
      fillMonomialColumns(parent, state, b, m, y, n, out, ld, (col + b) * ld + r0);
    },
    fillRow(y, out, col) {
      row(y, 0, out, col);
    },
  };
}

/**
 * Θ's polynomial columns, column-major: the constant (if b = 1) at o − ld, monomial k at
 * o + k·ld, n values each. Every term is one contiguous loop, a product of its parent's column
 * and the column of its last state (the degree-1 terms are the states themselves, copied three
 * per pass over y's rows; a repeated last index rewrites the same column). A module-level
 * function, not a closure per library, so its optimised code is shared by every library and
 * never specialised on one of them.
 */
function fillMonomialColumns(
  parent: Int32Array, state: Int32Array, b: number, m: number,
  y: Float64Array, n: number, out: Float64Array, ld: number, o: number,
): void {
  const nTerms = parent.length;
  const nLinear = Math.min(m, nTerms);
  if (b === 1) out.fill(1, o - ld, o - ld + n);
  for (let k = 0; k < nLinear; k += 3) {
    const k1 = Math.min(k + 1, nLinear - 1), k2 = Math.min(k + 2, nLinear - 1);
    const o0 = o + k * ld, o1 = o + k1 * ld, o2 = o + k2 * ld;
    for (let i = 0, u = 0; i < n; i++, u += m) {
      out[o0 + i] = y[u + k]!; out[o1 + i] = y[u + k1]!; out[o2 + i] = y[u + k2]!;
    }
  }
  for (let k = nLinear; k < nTerms; k++) {
    const ok = o + k * ld, po = o + parent[k]! * ld, so = o + state[k]! * ld;
    for (let i = 0; i < n; i++) out[ok + i] = out[po + i]! * out[so + i]!;
  }
}

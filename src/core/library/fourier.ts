/**
 * Fourier terms: for k = 1 … K and each state s, sin(k·s) and cos(k·s), in PySINDy's
 * FourierLibrary order (frequency by frequency, state by state, sine before cosine):
 *   sin(x), cos(x), sin(y), cos(y), sin(2*x), cos(2*x), …
 *
 * Only sin(s) and cos(s) call the trig functions; higher harmonics follow from the angle-
 * addition formulas, i.e. a rotation of (cos ks, sin ks) by the angle s:
 *   sin((k+1)s) = sin(ks)·cos(s) + cos(ks)·sin(s)
 *   cos((k+1)s) = cos(ks)·cos(s) − sin(ks)·sin(s)
 * Each step is a product with an orthogonal matrix, so rounding errors grow only linearly in k
 * (≈ k·1e-16 for K ≤ 10), far below any noise in the data.
 */
import type { FeatureBlock } from './library';
import { symbolLatex } from './polynomial';

export const MAX_FOURIER = 10;

/** 'sin(x)', 'sin(2*x)' (k = 1 is written without the factor, as a user would type it). */
function termName(fn: 'sin' | 'cos', k: number, state: string): string {
  return k === 1 ? `${fn}(${state})` : `${fn}(${k}*${state})`;
}

/** '\sin(x)', '\sin(2 x)'. */
function termLatex(fn: 'sin' | 'cos', k: number, state: string): string {
  const arg = symbolLatex(state);
  return k === 1 ? `\\${fn}(${arg})` : `\\${fn}(${k} ${arg})`;
}

/** The Fourier block of frequencies 1 … K (empty when K = 0). */
export function fourierBlock(stateNames: string[], K: number): FeatureBlock {
  const m = stateNames.length;
  const names: string[] = [];
  const latex: string[] = [];
  for (let k = 1; k <= K; k++) {
    for (const s of stateNames) {
      names.push(termName('sin', k, s), termName('cos', k, s));
      latex.push(termLatex('sin', k, s), termLatex('cos', k, s));
    }
  }
  /** The 2·K·m terms of one row. Column of sin(k·s): ro + 2·((k−1)·m + s), cosine next to it. */
  const row = (y: Float64Array, yo: number, out: Float64Array, ro: number): void => {
    const stride = 2 * m; // columns between frequency k and k + 1 of the same state
    for (let s = 0; s < m; s++) {
      const v = y[yo + s]!;
      const s1 = Math.sin(v);
      const c1 = Math.cos(v);
      let sk = s1;
      let ck = c1;
      let o = ro + 2 * s;
      for (let k = 1; k <= K; k++) {
        out[o] = sk;
        out[o + 1] = ck;
        const next = sk * c1 + ck * s1;
        ck = ck * c1 - sk * s1;
        sk = next;
        o += stride;
      }
    }
  };
  return {
    names, latex,
    fill(y, n, out, p, col) {
      if (K === 0) return;
      for (let i = 0; i < n; i++) row(y, i * m, out, i * p + col);
    },
    fillRow(y, out, col) {
      if (K > 0) row(y, 0, out, col);
    },
  };
}

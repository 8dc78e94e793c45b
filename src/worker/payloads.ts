/**
 * Plot payloads: the worker sends decimated copies (at most PLOT_POINTS rows) of the first
 * trajectory, never its cached arrays, so they can be transferred and the plots stay light
 * whatever the size of the data.
 */
import { fmtCoef } from '../core/model/equations';
import type { Dataset, Rhs, Trajectory } from '../core/types';
import { PLOT_POINTS } from './protocol';

/** Row indices 0, s, 2s, …, n−1 with at most `max` entries. */
export function decimationIndex(n: number, max = PLOT_POINTS): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const stride = (n - 1) / (max - 1);
  return Int32Array.from({ length: max }, (_, k) => Math.round(k * stride));
}

/** Rows `idx` of a matrix with `cols` columns (row-major), as a new array. */
export function pickRows(a: Float64Array, cols: number, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length * cols);
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r]!;
    for (let c = 0; c < cols; c++) out[r * cols + c] = a[i * cols + c]!;
  }
  return out;
}

export function pickTimes(t: Float64Array, idx: Int32Array): Float64Array {
  return Float64Array.from(idx, (i) => t[i]!);
}

/** f(y) at each row of y (rows × m), for the exact-derivative curve. */
export function evaluateRhs(rhs: Rhs, t: Float64Array, y: Float64Array, m: number): Float64Array {
  const out = new Float64Array(y.length);
  const row = new Float64Array(m);
  const dy = new Float64Array(m);
  for (let i = 0; i < t.length; i++) {
    row.set(y.subarray(i * m, (i + 1) * m));
    rhs(t[i]!, row, dy);
    out.set(dy, i * m);
  }
  return out;
}

/** A dataset of just the chosen state columns (copies), for an upload with a subset of states. */
export function selectStates(ds: Dataset, names: readonly string[]): Dataset {
  const keep = names.length ? ds.stateNames.map((n, j) => (names.includes(n) ? j : -1)).filter((j) => j >= 0) : ds.stateNames.map((_, j) => j);
  if (keep.length === ds.stateNames.length) return ds;
  const m = ds.stateNames.length;
  const trajectories: Trajectory[] = ds.trajectories.map((tr) => {
    const n = tr.t.length;
    const y = new Float64Array(n * keep.length);
    for (let i = 0; i < n; i++) keep.forEach((j, c) => { y[i * keep.length + c] = tr.y[i * m + j]!; });
    return { t: tr.t, y };
  });
  return { stateNames: keep.map((j) => ds.stateNames[j]!), trajectories };
}

/** Canonical feature name → LaTeX, for true terms that are not in the library ('x*z' → 'x z'). */
export function nameToLatex(name: string): string {
  return name
    .replace(/\b(sin|cos|exp|log|tan)\(/g, '\\$1(')
    .replace(/\^(\d+)/g, '^{$1}')
    .replace(/\*/g, ' ');
}

/** True equations as LaTeX with numbers: library terms in library order, then the others. */
export function truthLatex(
  truth: Record<string, Record<string, number>>, stateNames: readonly string[],
  features: readonly string[], featuresLatex: readonly string[],
): string[] {
  return stateNames.map((state) => {
    const row = truth[state] ?? {};
    const terms = Object.entries(row).filter(([, c]) => c !== 0);
    terms.sort(([a], [b]) => rank(features, a) - rank(features, b));
    let out = '';
    for (const [name, c] of terms) {
      const k = features.indexOf(name);
      const tex = k >= 0 ? featuresLatex[k]! : nameToLatex(name);
      const mag = fmtCoef(Math.abs(c));
      const term = name === '1' ? mag : mag === '1' ? tex : `${mag}\\,${tex}`;
      out += out === '' ? (c < 0 ? `-${term}` : term) : c < 0 ? ` - ${term}` : ` + ${term}`;
    }
    return out === '' ? '0' : out;
  });
}

function rank(features: readonly string[], name: string): number {
  const k = features.indexOf(name);
  return k >= 0 ? k : features.length;
}

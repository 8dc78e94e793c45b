/**
 * The SINDy feature library Θ(y) (Brunton, Proctor & Kutz 2016): candidate terms θ_k(y) whose
 * sparse combination ẏ_j ≈ Σ_k ξ_jk θ_k(y) should reproduce the dynamics. Columns come in
 * PySINDy's order — polynomial, then Fourier, then the user's custom terms — and each family
 * is a `FeatureBlock` that writes its own columns of Θ straight into the row-major output.
 */
import { allFinite, toColumns } from '../linalg/dense';
import { err, ok, type Result } from '../types';
import { customBlock, MAX_CUSTOM } from './expression';
import { fourierBlock, MAX_FOURIER } from './fourier';
import { MAX_DEGREE, polynomialBlock, polynomialCount } from './polynomial';

export interface LibrarySettings {
  /** highest total degree of the polynomial terms, 0…MAX_DEGREE */
  degree: number;
  /** include the constant term '1' */
  bias: boolean;
  /** highest Fourier frequency K (sin(k·s), cos(k·s) for k = 1…K), 0…MAX_FOURIER */
  fourier: number;
  /** custom terms in mathjs syntax, e.g. 'exp(-x)' */
  custom: string[];
}

export interface Library {
  /** canonical: '1', 'x', 'x*y', 'x^2*y', 'sin(2*x)', custom as normalised mathjs text */
  names: string[];
  latex: string[];
  nStates: number;
  nFeatures: number;
  /** Θ: n × nFeatures row-major, from y: n × nStates row-major */
  evaluate(y: Float64Array, n: number, out?: Float64Array): Float64Array;
  /** one row, allocation-free (used inside ODE right-hand sides) */
  evaluateRow(state: Float64Array, out: Float64Array): void;
  /**
   * Θ by columns, for forming the normal equations without a transpose: from y (n × nStates
   * row-major), column a of Θ goes to out[a·ld + row … a·ld + row + n − 1]. ld ≥ row + n is
   * the column length of out (several trajectories stack their rows in one column store).
   */
  evaluateColumns(y: Float64Array, n: number, out: Float64Array, ld?: number, row?: number): Float64Array;
}

/** A family of terms that fills columns [col, col + names.length) of Θ. */
export interface FeatureBlock {
  names: string[];
  latex: string[];
  /** y: n × nStates row-major; out: n × p row-major (Θ) */
  fill(y: Float64Array, n: number, out: Float64Array, p: number, col: number): void;
  /** state: nStates; writes out[col … col + names.length − 1] without allocating */
  fillRow(state: Float64Array, out: Float64Array, col: number): void;
  /**
   * Optional column-major fill: term c of the block to out[(col + c)·ld + row …], n values.
   * Blocks without it are filled row-major into scratch and transposed.
   */
  fillColumns?(y: Float64Array, n: number, out: Float64Array, ld: number, row: number, col: number): void;
}

export { libraryLimits } from './limits';

/** More columns than this make Θ ill-conditioned and the fit slow; nobody reads such a model. */
export const MAX_FEATURES = 500;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function buildLibrary(stateNames: string[], s: LibrarySettings): Result<Library> {
  const bad = checkStateNames(stateNames) ?? checkSettings(s);
  if (bad !== null) return err(bad);
  const m = stateNames.length;
  const nPoly = polynomialCount(m, s.degree, s.bias);
  const count = nPoly + 2 * s.fourier * m + s.custom.length;
  if (count > MAX_FEATURES) {
    return err(
      `The library would have ${count} terms (${nPoly} polynomial, ${2 * s.fourier * m} Fourier, ${s.custom.length} custom); ` +
        `the limit is ${MAX_FEATURES}. Lower the degree or the Fourier frequency.`,
    );
  }
  if (count === 0) return err('The library is empty. Include the constant term, raise the degree, or add a Fourier or custom term.');
  const custom = customBlock(s.custom, stateNames);
  if (!custom.ok) return custom;
  const blocks = [polynomialBlock(stateNames, s.degree, s.bias), fourierBlock(stateNames, s.fourier), custom.value];
  const library = combine(blocks, m);
  const dup = duplicateTerm(library, s.custom) ?? redundantTerm(library, s.custom);
  return dup === null ? ok(library) : err(dup);
}

/** The feature names only (for UIs listing the terms); the same checks as buildLibrary. */
export function featureNames(stateNames: string[], s: LibrarySettings): Result<string[]> {
  const lib = buildLibrary(stateNames, s);
  return lib.ok ? ok(lib.value.names) : lib;
}

/** The first non-finite entry of Θ (theta: n × p row-major) in row-major order, or null. */
export function firstNonFinite(theta: Float64Array, n: number, p: number): { row: number; col: number } | null {
  const len = n * p;
  if (allFinite(theta, len)) return null; // the usual case, one branch-free pass
  for (let k = 0; k < len; k++) {
    const v = theta[k]!;
    if (v - v !== 0) return { row: Math.floor(k / p), col: k % p };
  }
  return null;
}

/**
 * The same for Θ stored by columns (column a at a·n): the entry firstNonFinite would report
 * on the row-major copy (lowest row, then lowest column), so messages do not depend on layout.
 */
export function firstNonFiniteColumns(columns: Float64Array, n: number, p: number): { row: number; col: number } | null {
  if (allFinite(columns, n * p)) return null;
  let best: { row: number; col: number } | null = null;
  for (let a = 0; a < p; a++) {
    const end = best ? best.row : n; // a later column only wins on a strictly lower row
    for (let i = 0; i < end; i++) {
      const v = columns[a * n + i]!;
      if (v - v !== 0) { best = { row: i, col: a }; break; }
    }
  }
  return best;
}

function checkStateNames(names: string[]): string | null {
  if (names.length === 0) return 'There are no states: the library needs at least one state variable.';
  const seen = new Set<string>();
  for (const name of names) {
    if (!IDENTIFIER.test(name)) {
      return `State name '${name}' cannot be used in library terms: use letters, digits and _, starting with a letter or _.`;
    }
    if (seen.has(name)) return `State name '${name}' appears twice. Give every state its own name.`;
    seen.add(name);
  }
  return null;
}

/** One message per bad field (settings may come from an untrusted URL). */
function checkSettings(s: LibrarySettings): string | null {
  if (!isIntegerIn(s.degree, 0, MAX_DEGREE)) {
    return `Polynomial degree ${String(s.degree)} is not supported: choose a whole number from 0 to ${MAX_DEGREE}.`;
  }
  if (typeof s.bias !== 'boolean') return 'The constant-term setting must be on or off (true or false).';
  if (!isIntegerIn(s.fourier, 0, MAX_FOURIER)) {
    return `Fourier frequency ${String(s.fourier)} is not supported: choose a whole number from 0 (no Fourier terms) to ${MAX_FOURIER}.`;
  }
  if (!Array.isArray(s.custom) || s.custom.some((c) => typeof c !== 'string')) {
    return 'Custom terms must be a list of expressions such as exp(-x).';
  }
  if (s.custom.length > MAX_CUSTOM) {
    return `There are ${s.custom.length} custom terms; the limit is ${MAX_CUSTOM}. Remove some of them.`;
  }
  return null;
}

function isIntegerIn(v: unknown, lo: number, hi: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
}

/** Concatenates the blocks' columns into one Library. */
function combine(blocks: FeatureBlock[], m: number): Library {
  const used = blocks.filter((b) => b.names.length > 0);
  const starts = Int32Array.from(used.map((_, k) => used.slice(0, k).reduce((a, b) => a + b.names.length, 0)));
  const names = used.flatMap((b) => b.names);
  const latex = used.flatMap((b) => b.latex);
  const p = names.length;
  return {
    names, latex, nStates: m, nFeatures: p,
    evaluate(y, n, out = new Float64Array(n * p)) {
      if (y.length < n * m || out.length < n * p) {
        throw new RangeError(`Library.evaluate: need y of ${n}×${m} and out of ${n}×${p}, got ${y.length} and ${out.length}`);
      }
      for (let b = 0; b < used.length; b++) used[b]!.fill(y, n, out, p, starts[b]!);
      return out;
    },
    evaluateRow(state, out) {
      for (let b = 0; b < used.length; b++) used[b]!.fillRow(state, out, starts[b]!);
    },
    evaluateColumns(y, n, out, ld = n, row = 0) {
      if (y.length < n * m || ld < row + n || out.length < p * ld) {
        throw new RangeError(`Library.evaluateColumns: need y of ${n}×${m} and out of ${p} columns of ${row + n}, got ${y.length} and ${out.length} (ld ${ld})`);
      }
      for (let b = 0; b < used.length; b++) {
        const block = used[b]!;
        if (block.fillColumns) { block.fillColumns(y, n, out, ld, row, starts[b]!); continue; }
        const w = block.names.length;
        const scratch = new Float64Array(n * w);
        block.fill(y, n, scratch, w, 0);
        toColumns(scratch, n, w, out, starts[b]! * ld + row, ld);
      }
      return out;
    },
  };
}

/** A custom term whose canonical name is already a column (e.g. 'x*y' with degree ≥ 2). */
function duplicateTerm(lib: Library, custom: string[]): string | null {
  const first = lib.nFeatures - custom.length;
  for (let c = 0; c < custom.length; c++) {
    const name = lib.names[first + c]!;
    const k = lib.names.indexOf(name);
    if (k === first + c) continue;
    const where = k < first ? 'is already in the library' : `repeats custom term ${k - first + 1}`;
    return `Custom term '${custom[c]}' (${name}) ${where}. Remove it: a repeated column makes the fit ambiguous.`;
  }
  return null;
}

/**
 * A custom term that is a constant multiple of an earlier column (x*x vs x^2, 2*x vs x, pi vs
 * 1, x-x = 0). Such a column is exactly collinear, so the least-squares problem has no unique
 * solution. We compare the columns at a few fixed points in [−2, 2]^m, skipping points where a
 * term is not finite (log, sqrt of negatives).
 */
function redundantTerm(lib: Library, custom: string[]): string | null {
  const m = lib.nStates;
  const p = lib.nFeatures;
  const rows = 16;
  const y = new Float64Array(rows * m);
  // Golden-ratio sequence: deterministic, well spread, no two states equal at a point.
  for (let k = 0; k < y.length; k++) y[k] = 4 * (((k + 1) * 0.6180339887498949) % 1) - 2;
  const theta = lib.evaluate(y, rows);
  const first = p - custom.length;
  for (let c = first; c < p; c++) {
    for (let k = 0; k < c; k++) {
      const lambda = proportional(theta, rows, p, c, k);
      if (lambda === null) continue;
      const what = lambda === 0 ? 'is zero everywhere' : `is ${lambda === 1 ? 'the same as' : 'a multiple of'} the term '${lib.names[k]}'`;
      return `Custom term '${custom[c - first]}' ${what}. Remove it: such a column is collinear with the others.`;
    }
  }
  return null;
}

/** λ with Θ[:, c] = λ·Θ[:, k] at every point where both are finite (≥ 3 points), else null. */
function proportional(theta: Float64Array, rows: number, p: number, c: number, k: number): number | null {
  let best = -1;
  let points = 0;
  for (let i = 0; i < rows; i++) {
    const a = theta[i * p + c]!;
    const b = theta[i * p + k]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    points++;
    if (best < 0 || Math.abs(b) > Math.abs(theta[best * p + k]!)) best = i;
  }
  if (points < 3) return null;
  const bBest = theta[best * p + k]!;
  const lambda = bBest === 0 ? 0 : theta[best * p + c]! / bBest;
  for (let i = 0; i < rows; i++) {
    const a = theta[i * p + c]!;
    const b = theta[i * p + k]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (Math.abs(a - lambda * b) > 1e-10 * (Math.abs(a) + Math.abs(lambda * b)) + 1e-300) return null;
  }
  return lambda;
}

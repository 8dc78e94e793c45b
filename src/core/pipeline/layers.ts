/**
 * The fit as layers, each cached by the playground and invalidated only by what is upstream:
 *   data → derivatives → Θ (library matrix) → regression (normal equations) → optimizer.
 * Threshold and α are "hot": they re-run only `optimize` on a cached RegressionLayer.
 * A library change rebuilds Θ; noise, seed, sampling or system regenerate data.
 */
import { differentiate, type DerivativeSettings } from '../derivative/registry';
import { buildLibrary, firstNonFiniteColumns, type Library, type LibrarySettings } from '../library/library';
import { toRows } from '../linalg/dense';
import { makeProblem, normalEquations, normalEquationsOfColumns, type NormalEquations, type RegressionProblem } from '../optimize/problem';
import { err, ok, type Dataset, type Result } from '../types';

/** dydt per trajectory: nSamples × nStates row-major each. */
export interface DerivativeLayer { dydt: Float64Array[] }

/**
 * Θ of all trajectories stacked. theta: n × p row-major. columns: the same Θ by columns
 * (column a at a·n), when the layer was built by thetaLayer: the normal equations, unbias and
 * R² read columns, so a plain fit never needs the row-major copy, which is then made on first
 * read of `theta` (and kept).
 */
export interface ThetaLayer { library: Library; theta: Float64Array; n: number; p: number; columns?: Float64Array }

/** Targets stacked like Θ (target: n × m) and the normal equations. */
export interface RegressionLayer { theta: ThetaLayer; target: Float64Array; m: number; normal: NormalEquations }

export function derivativeLayer(ds: Dataset, s: DerivativeSettings): Result<DerivativeLayer> {
  const m = ds.stateNames.length;
  const dydt: Float64Array[] = [];
  for (let k = 0; k < ds.trajectories.length; k++) {
    const tr = ds.trajectories[k]!;
    const r = differentiate(tr.t, tr.y, m, s);
    if (!r.ok) return err(ds.trajectories.length > 1 ? `Trajectory ${k + 1}: ${r.error}` : r.error);
    dydt.push(r.value);
  }
  return ok({ dydt });
}

export function thetaLayer(ds: Dataset, s: LibrarySettings): Result<ThetaLayer> {
  const lib = buildLibrary(ds.stateNames, s);
  if (!lib.ok) return lib;
  const library = lib.value;
  const m = ds.stateNames.length;
  const p = library.nFeatures;
  const n = ds.trajectories.reduce((acc, tr) => acc + tr.t.length, 0);
  if (n < p) {
    return err(`The library has ${p} terms but the data has only ${n} samples. Lower the degree, remove terms, or load more samples.`);
  }
  const columns = new Float64Array(n * p);
  let row = 0;
  for (const tr of ds.trajectories) {
    const len = tr.t.length;
    library.evaluateColumns(tr.y.subarray(0, len * m), len, columns, n, row);
    row += len;
  }
  const bad = firstNonFiniteColumns(columns, n, p);
  if (bad) {
    return err(`Library term '${library.names[bad.col]}' is not finite at sample ${bad.row + 1} (e.g. log of a negative number or division by zero). Change or remove that term.`);
  }
  return ok(new ColumnTheta(library, columns, n, p));
}

/**
 * A ThetaLayer built by columns; the row-major Θ is made on first read of `theta` and kept.
 * A class, so every layer has one shape (an object literal with a getter gets a new hidden
 * class per call, which makes every property read in the fit megamorphic).
 */
class ColumnTheta implements ThetaLayer {
  private rows: Float64Array | null = null;
  constructor(readonly library: Library, readonly columns: Float64Array, readonly n: number, readonly p: number) {}
  get theta(): Float64Array { return (this.rows ??= toRows(this.columns, this.n, this.p)); }
}

/** Plain SINDy's regression layer in one call: derivatives, Θ, normal equations (nothing cached). */
export function sindyRegressionLayer(ds: Dataset, derivative: DerivativeSettings, library: LibrarySettings): Result<RegressionLayer> {
  const d = derivativeLayer(ds, derivative);
  if (!d.ok) return d;
  const th = thetaLayer(ds, library);
  if (!th.ok) return th;
  return ok(regressionLayer(th.value, d.value, ds.stateNames.length));
}

export function regressionLayer(theta: ThetaLayer, deriv: DerivativeLayer, m: number): RegressionLayer {
  const { n, p } = theta;
  const target = new Float64Array(n * m);
  let off = 0;
  for (const d of deriv.dydt) { target.set(d, off); off += d.length; }
  const normal = theta.columns
    ? normalEquationsOfColumns(theta.columns, target, n, p, m)
    : normalEquations(theta.theta, target, n, p, m);
  return { theta, target, m, normal };
}

export function problemOf(reg: RegressionLayer, normalize: boolean): RegressionProblem {
  // Θ row-major is passed on demand: only a QR fallback needs it.
  return makeProblem(() => reg.theta.theta, reg.target, reg.theta.n, reg.theta.p, reg.m, reg.normal, normalize);
}

/**
 * Rational SINDy: each equation as a ratio of sparse polynomials,
 *   ẏ_j = P_j(y) / (1 + Q_j(y)),   Q_j without a constant term,
 * found as a LINEAR sparse regression: multiplying out, ẏ_j (1 + Q_j) = P_j, i.e.
 *   ẏ_j = Σ_k a_k θ_k(y) − Σ_l b_l ẏ_j θ_l(y)
 * over the columns [Θ_P | −ẏ_j ⊙ Θ_Q] (Mangan, Brunton, Proctor & Kutz 2016, "Inferring
 * biological networks by sparse identification of nonlinear dynamics", implicit-SINDy's
 * linear form). Kidger's oscillator ẏ = y/(1 + y) is P = y, Q = y: exact at degree 1.
 *
 * - Candidates are tried from the simplest: the polynomial of degree 1 (Q = 0), the fraction of
 *   degree 1, the polynomial of degree 2, … up to maxDegree, and the first whose error is within
 *   `tolerance` × std(ẏ_j) of the best candidate's is kept: a larger library always fits a
 *   little better, which on estimates of ẏ is only noise. The polynomials come first because
 *   the fraction's linear form is nearly degenerate when a polynomial fits (P(1 + Q)/(1 + Q) = P
 *   for any Q, up to the library's degree): on a neural field of Lotka–Volterra the degree-2
 *   fraction spread x − 10xy over eleven compensating terms of size 0.3–2.6.
 * - Each degree is solved by STLSQ on unit-norm columns against the unit-norm target, so the
 *   threshold is a share of the equation: a term whose contribution is below `threshold` of
 *   ‖ẏ_j‖ is removed (ridge α tiny; the final refit is plain least squares on the support).
 * - The error judged is that of the fraction itself, ‖P/(1 + Q) − ẏ_j‖, not the linearised
 *   residual (which ẏ_j·Q weighs). A fraction whose denominator comes near 0 at a data point
 *   (min (1 + Q) < `minDenominator`) would put a pole among the data and is refused.
 * Pairs from anywhere work: exact field samples, a neural ODE's pairs (y, f_θ(y)), or
 * derivative estimates.
 */
import { buildLibrary, type Library } from '../library/library';
import { binary, constant, unary, type Expr } from '../model/expr';
import { termExpr } from '../model/libraryExprs';
import { populationStd } from '../stats';
import { err, ok, type Result } from '../types';
import { makeProblem, normalEquations } from './problem';
import { stlsq } from './stlsq';

export interface RationalSettings {
  /** largest polynomial degree tried, for P and Q alike */
  maxDegree: number;
  /** STLSQ threshold, a fraction of ‖ẏ_j‖ (on unit-norm columns) */
  threshold: number;
  /** keep the smallest degree whose RMS error ≤ best + tolerance × std(ẏ_j) */
  tolerance: number;
  /** smallest 1 + Q allowed at a data point */
  minDenominator: number;
}

export const rationalDefaults: Readonly<RationalSettings> = Object.freeze({ maxDegree: 3, threshold: 0.02, tolerance: 0.02, minDenominator: 0.05 });

export interface RationalEquation {
  degree: number;
  /** numerator coefficients over `numerator.names` (with '1'), denominator over the same names without '1' */
  numerator: { names: string[]; coefficients: Float64Array };
  denominator: { names: string[]; coefficients: Float64Array };
  /** RMS error of the fraction over the pairs */
  rms: number;
  expr: Expr;
  /** the denominator's leading 1 (a constant of the tree that is not a parameter: fixing it fixes the fraction's scale) */
  fixed: Expr[];
}

/**
 * One rational equation per state from pairs: Y (n × m, row-major) the states, F (n × m) the
 * derivatives (or field values) there.
 */
export function rationalFit(Y: Float64Array, F: Float64Array, n: number, stateNames: string[], settings: Partial<RationalSettings> = {}): Result<RationalEquation[]> {
  const s = { ...rationalDefaults, ...settings };
  if (!(Number.isInteger(s.maxDegree) && s.maxDegree >= 1 && s.maxDegree <= 5)) return err(`The largest degree of rational SINDy must be a whole number from 1 to 5 (got ${s.maxDegree}).`);
  const m = stateNames.length;
  if (n < 2) return err('Rational SINDy needs at least 2 points.');
  const libs: Library[] = [];
  for (let d = 1; d <= s.maxDegree; d++) {
    const lib = buildLibrary(stateNames, { degree: d, bias: true, fourier: 0, custom: [] });
    if (!lib.ok) return lib;
    libs.push(lib.value);
  }
  const out: RationalEquation[] = [];
  for (let j = 0; j < m; j++) {
    const f = Float64Array.from({ length: n }, (_, i) => F[i * m + j]!);
    const std = populationStd(f);
    const fits = libs.flatMap((lib, k) => [false, true].map((withQ) => fitDegree(lib, k + 1, withQ, Y, f, n, stateNames, s)))
      .filter((e): e is RationalEquation => e !== null);
    if (fits.length === 0) return err(`Rational SINDy found no fraction for d${stateNames[j]}/dt whose denominator stays away from 0 at the data. Use another method for this system.`);
    const best = Math.min(...fits.map((e) => e.rms));
    out.push(fits.find((e) => e.rms <= best + s.tolerance * std)!);
  }
  return ok(out);
}

/** P/(1 + Q) (or P alone) over the monomials of `lib` (degree d) for one target column f; null if it has a pole at the data. */
function fitDegree(lib: Library, degree: number, withQ: boolean, Y: Float64Array, f: Float64Array, n: number, stateNames: string[], s: RationalSettings): RationalEquation | null {
  const p = lib.nFeatures, q = withQ ? p - 1 : 0; // Q: every monomial but '1'
  const theta = lib.evaluate(Y, n);
  const w = p + q;
  const A = new Float64Array(n * w);
  let norm = 0;
  for (let i = 0; i < n; i++) norm += f[i]! * f[i]!;
  norm = Math.sqrt(norm) || 1;
  const target = Float64Array.from(f, (v) => v / norm);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++) A[i * w + k] = theta[i * p + k]!;
    for (let l = 0; l < q; l++) A[i * w + p + l] = -f[i]! * theta[i * p + 1 + l]!;
  }
  const problem = makeProblem(A, target, n, w, 1, normalEquations(A, target, n, w, 1), true);
  const res = stlsq(problem, { method: 'stlsq', threshold: s.threshold, alpha: 1e-8, maxIter: 20 });
  if (res.status === 'all_pruned') return null;
  const a = Float64Array.from({ length: p }, (_, k) => res.coefficients[k]! * norm);
  const b = Float64Array.from({ length: q }, (_, l) => res.coefficients[p + l]! * norm);
  let sq = 0;
  for (let i = 0; i < n; i++) {
    let num = 0, den = 1;
    for (let k = 0; k < p; k++) num += a[k]! * theta[i * p + k]!;
    for (let l = 0; l < q; l++) den += b[l]! * theta[i * p + 1 + l]!;
    if (!(den >= s.minDenominator)) return null;
    sq += (num / den - f[i]!) ** 2;
  }
  const names = lib.names;
  return {
    degree,
    numerator: { names: [...names], coefficients: a },
    denominator: { names: names.slice(1), coefficients: b },
    rms: Math.sqrt(sq / n),
    ...fractionExpr(names, a, b, stateNames),
  };
}

/** Σ a_k θ_k / (1 + Σ b_l θ_l) as a tree; just the numerator when Q = 0; a coefficient of exactly ±1 is left out. */
function fractionExpr(names: readonly string[], a: Float64Array, b: Float64Array, stateNames: string[]): { expr: Expr; fixed: Expr[] } {
  const sum = (coef: ArrayLike<number>, termNames: readonly string[], start: Expr | null): Expr | null => {
    let acc = start;
    for (let k = 0; k < coef.length; k++) {
      const c = coef[k]!;
      if (c === 0) continue;
      const name = termNames[k]!;
      const t = termExpr(name, stateNames)!; // a monomial: always translates
      // after the first term, a negative coefficient is subtracted: y − 10·x·y, not y + (−10)·x·y
      const minus = acc !== null && c < 0;
      const mag = minus ? -c : c;
      const term = name === '1' ? constant(mag) : mag === 1 ? t : mag === -1 ? unary('neg', t) : binary('*', constant(mag), t);
      acc = acc ? binary(minus ? '-' : '+', acc, term) : term;
    }
    return acc;
  };
  const num = sum(a, names, null) ?? constant(0);
  const one = constant(1);
  const den = sum(b, names.slice(1), one)!;
  return den === one ? { expr: num, fixed: [] } : { expr: binary('/', num, den), fixed: [one] };
}

/**
 * Total-variation regularised differentiation (Chartrand 2011, "Numerical differentiation of
 * noisy, nonsmooth data", ISRN Applied Mathematics 2011:164564).
 *
 * The derivative u of data f (samples f_i at t_i) minimises
 *   F(u) = α·TV_ε(u) + ½‖A u + c − f‖²,   TV_ε(u) = Σ_k √((u_{k+1} − u_k)² + ε),
 * where (A u)_i = ∫_{t₀}^{t_i} u dt by the trapezoid rule (irregular grids included) and c is
 * the integration constant. Chartrand fixes c = f₀, the first (noisy) sample; we fit c by least
 * squares (c = mean(f − Au)), which removes the bias a noisy f₀ puts into the whole estimate.
 * Eliminating c gives the fidelity ½‖P(Au − f)‖² with P = I − 11ᵀ/n.
 *
 * Lagged diffusivity (Vogel & Oman 1996, SIAM J. Sci. Comput. 17:227): with
 * E = diag(1/√((Du)² + ε)) at the current u and L = DᵀED, each iteration solves
 *   (α L + AᵀPA) u⁺ = AᵀP f.
 * This is a majorise–minimise step, so F decreases monotonically even when the solve is
 * inexact. The solve is a matrix-free preconditioned conjugate gradient warm-started at u:
 * A and Aᵀ are O(n) cumulative sums, L is tridiagonal; nothing n × n is ever formed.
 *
 * Preconditioner: M = αL + ÃᵀÃ with Ã the rectangle-rule antiderivative. Ã is lower
 * triangular with a bidiagonal inverse B = Ã⁻¹, so M⁻¹ = B (I + α BᵀLB)⁻¹ Bᵀ, and
 * I + α BᵀLB is pentadiagonal SPD: one O(n) banded LDLᵀ per iteration, O(n) per CG step.
 * Ã differs from A by half a sample (plus the rank-one P), so M⁻¹H is close to I and CG needs
 * only a few steps per iteration.
 *
 * What `alpha` means (so one default works across data): the solve runs in normalised units,
 * time in mean sample spacings h̄ and data in units of σ̂, a robust estimate of the noise
 * (median absolute third difference). In those units the weight is
 *   α_n = alpha · ALPHA_GAIN · (τ̂/h̄)^{3/2},
 * where τ̂ = std(f)/rms(f′) is the signal's time scale estimated from the data (`timeScale`).
 * In data units that is α_n·σ̂·h̄: proportional to the noise (scale-equivariant in y), and
 * independent of the units of t. The 3/2 power and ALPHA_GAIN were fitted on Lorenz, Van der
 * Pol, Duffing and damped oscillators (1–10 % noise, 9–550 samples per time scale): there the
 * best alpha lay between 0.3 and 10, and alpha = 1 gave an error within 1.1× of the best in
 * 12 of 14 cases (1.75× at worst) and 1.4–135× below finite differences.
 */
import { populationStd } from '../stats';
import { finiteDifference } from './finiteDifference';
import { err, ok, type Result } from '../types';

export interface TvSettings { method: 'tv'; alpha: number; iterations: number }

/**
 * ε of TV_ε in normalised units (change of u per sample, in noise units per sample spacing).
 * Kinks of the derivative have |Du| ≫ √ε and stay sharp; the slow drift of a smooth derivative
 * (|Du| ≲ √ε) is penalised quadratically, which avoids TV's staircasing there.
 */
const EPS = 1e-3;
/** α_n = alpha · ALPHA_GAIN · (τ̂/h̄)^{3/2}; see the header. */
const ALPHA_GAIN = 0.2;
/**
 * Cap on conjugate-gradient steps per lagged-diffusivity iteration, and their tolerance relative
 * to ‖AᵀPf‖. Warm-started and preconditioned, CG typically needs 1–4 steps.
 */
const CG_STEPS = 20;
const CG_TOL = 1e-6;
/** Bounds accepted for the settings (the registry's sliders use a narrower range). */
export const TV_ALPHA_RANGE = [1e-4, 1e4] as const;
export const TV_MAX_ITERATIONS = 1000;

/** All scratch vectors of one solve; allocated once per call and reused for every column. */
interface Work {
  n: number;
  /** h[k] = (t_k − t_{k−1})/h̄ for k ≥ 1; h[0] = 0 */ h: Float64Array;
  /** b[k] = 1/h[k]; b[0] = 1/h[1] (Ã integrates u₀ over one spacing) */ b: Float64Array;
  /** tn: normalised times (t − t₀)/h̄ */ tn: Float64Array;
  f: Float64Array; u: Float64Array; rhs: Float64Array;
  r: Float64Array; z: Float64Array; p: Float64Array; q: Float64Array; tmp: Float64Array;
  /** E: n−1 lagged diffusivities */ e: Float64Array;
  /** bands of I + αBᵀLB, overwritten by its LDLᵀ factors */ d0: Float64Array; d1: Float64Array; d2: Float64Array;
}

function makeWork(t: Float64Array): Work {
  const n = t.length;
  const hbar = (t[n - 1]! - t[0]!) / (n - 1);
  const v = () => new Float64Array(n);
  const w: Work = { n, h: v(), b: v(), tn: v(), f: v(), u: v(), rhs: v(), r: v(), z: v(), p: v(), q: v(), tmp: v(), e: new Float64Array(n - 1), d0: v(), d1: v(), d2: v() };
  for (let k = 1; k < n; k++) {
    w.h[k] = (t[k]! - t[k - 1]!) / hbar;
    w.b[k] = 1 / w.h[k]!;
    w.tn[k] = (t[k]! - t[0]!) / hbar;
  }
  w.b[0] = w.b[1]!;
  return w;
}

/** out = A v: cumulative trapezoid, (Av)₀ = 0. */
function applyA(w: Work, v: Float64Array, out: Float64Array): void {
  const h = w.h;
  out[0] = 0;
  for (let i = 1; i < w.n; i++) out[i] = out[i - 1]! + 0.5 * h[i]! * (v[i - 1]! + v[i]!);
}

/** out = Aᵀ v: with suffix sums R_k = Σ_{i≥k} v_i, (Aᵀv)_k = ½(h_k R_k + h_{k+1} R_{k+1}). */
function applyAT(w: Work, v: Float64Array, out: Float64Array): void {
  const h = w.h;
  const n = w.n;
  let rNext = 0;
  let hNext = 0;
  for (let k = n - 1; k >= 0; k--) {
    const r = rNext + v[k]!;
    out[k] = 0.5 * (h[k]! * r + hNext * rNext);
    rNext = r;
    hNext = h[k]!;
  }
}

/** out = (α L + AᵀPA) v, the lagged-diffusivity operator H. */
function applyH(w: Work, alpha: number, v: Float64Array, out: Float64Array): void {
  const n = w.n;
  const tmp = w.tmp;
  applyA(w, v, tmp);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += tmp[i]!;
  mean /= n;
  for (let i = 0; i < n; i++) tmp[i]! -= mean;
  applyAT(w, tmp, out);
  const e = w.e;
  for (let k = 0; k < n - 1; k++) {
    const g = alpha * e[k]! * (v[k + 1]! - v[k]!);
    out[k]! -= g;
    out[k + 1]! += g;
  }
}

/**
 * Bands of I + α Σ_k E_k g_k g_kᵀ, g_k the k-th row of D·B: B v = ((b₀v₀), b_k(v_k − v_{k−1})),
 * so (DBv)_k = b_{k+1}v_{k+1} − (b_k + b_{k+1})v_k + b_k v_{k−1}. Then factor LDLᵀ in place:
 * d0 ← D, d1[i] ← L_{i+1,i}, d2[i] ← L_{i+2,i}.
 */
function factorPreconditioner(w: Work, alpha: number): void {
  const { n, b, e, d0, d1, d2 } = w;
  d0.fill(1); d1.fill(0); d2.fill(0);
  for (let k = 0; k < n - 1; k++) {
    const ae = alpha * e[k]!;
    const gm = b[k]!;
    const g0 = -(b[k]! + b[k + 1]!);
    const gp = b[k + 1]!;
    d0[k]! += ae * g0 * g0; d0[k + 1]! += ae * gp * gp; d1[k]! += ae * g0 * gp;
    if (k > 0) { d0[k - 1]! += ae * gm * gm; d1[k - 1]! += ae * gm * g0; d2[k - 1]! += ae * gm * gp; }
  }
  for (let i = 0; i < n; i++) {
    const l1 = i > 0 ? d1[i - 1]! : 0;
    const l2 = i > 1 ? d2[i - 2]! : 0;
    const dd = d0[i]! - (i > 0 ? l1 * l1 * d0[i - 1]! : 0) - (i > 1 ? l2 * l2 * d0[i - 2]! : 0);
    d0[i] = dd;
    if (i < n - 1) d1[i] = (d1[i]! - (i > 0 ? l1 * d2[i - 1]! * d0[i - 1]! : 0)) / dd;
    if (i < n - 2) d2[i] = d2[i]! / dd;
  }
}

/** z = M⁻¹ r = B (LDLᵀ)⁻¹ Bᵀ r, using w.tmp as scratch. */
function applyPreconditioner(w: Work, r: Float64Array, z: Float64Array): void {
  const { n, b, d0, d1, d2, tmp } = w;
  for (let j = 0; j < n; j++) tmp[j] = r[j]! * b[j]! - (j + 1 < n ? r[j + 1]! * b[j + 1]! : 0);
  for (let i = 1; i < n; i++) tmp[i]! -= d1[i - 1]! * tmp[i - 1]! + (i > 1 ? d2[i - 2]! * tmp[i - 2]! : 0);
  for (let i = 0; i < n; i++) tmp[i]! /= d0[i]!;
  for (let i = n - 2; i >= 0; i--) tmp[i]! -= d1[i]! * tmp[i + 1]! + (i < n - 2 ? d2[i]! * tmp[i + 2]! : 0);
  z[0] = b[0]! * tmp[0]!;
  for (let k = 1; k < n; k++) z[k] = b[k]! * (tmp[k]! - tmp[k - 1]!);
}

/** Preconditioned CG on H u = rhs, warm-started at w.u; returns the number of steps taken. */
function pcg(w: Work, alpha: number): number {
  const { n, u, rhs, r, z, p, q } = w;
  applyH(w, alpha, u, q);
  let rhsNorm = 0;
  for (let i = 0; i < n; i++) { r[i] = rhs[i]! - q[i]!; rhsNorm += rhs[i]! * rhs[i]!; }
  applyPreconditioner(w, r, z);
  let rz = 0;
  for (let i = 0; i < n; i++) { p[i] = z[i]!; rz += r[i]! * z[i]!; }
  const tol2 = CG_TOL * CG_TOL * rhsNorm;
  for (let it = 0; it < CG_STEPS; it++) {
    applyH(w, alpha, p, q);
    let pq = 0;
    for (let i = 0; i < n; i++) pq += p[i]! * q[i]!;
    if (!(pq > 0)) return it;
    const step = rz / pq;
    let rr = 0;
    for (let i = 0; i < n; i++) { u[i]! += step * p[i]!; r[i]! -= step * q[i]!; rr += r[i]! * r[i]!; }
    if (rr <= tol2) return it + 1;
    applyPreconditioner(w, r, z);
    let rzNew = 0;
    for (let i = 0; i < n; i++) rzNew += r[i]! * z[i]!;
    const beta = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
  }
  return CG_STEPS;
}

/** Lagged diffusivity on one column: w.f holds the normalised data, w.u the initial guess. */
function tvColumn(w: Work, alpha: number, iterations: number): void {
  const { n, f, u, e, tmp } = w;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += f[i]!;
  mean /= n;
  for (let i = 0; i < n; i++) tmp[i] = f[i]! - mean;
  applyAT(w, tmp, w.rhs); // AᵀP f
  for (let it = 0; it < iterations; it++) {
    for (let k = 0; k < n - 1; k++) {
      const du = u[k + 1]! - u[k]!;
      e[k] = 1 / Math.sqrt(du * du + EPS);
    }
    factorPreconditioner(w, alpha);
    pcg(w, alpha);
  }
}

/**
 * Robust noise level of w.f: for white noise of standard deviation σ the third difference
 * f_{i+3} − 3f_{i+2} + 3f_{i+1} − f_i has variance 20σ², while a smooth signal contributes
 * only O(h³f‴). σ̂ = 1.4826·median|Δ³f|/√20 (1.4826·MAD estimates a Gaussian's σ).
 * Floored at 1e-6·std(f) (noise-free or quantised data); 0 for exactly constant data.
 */
function noiseScale(w: Work): number {
  const { n, f, tmp } = w;
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = f[i] === f[0];
  if (constant) return 0;
  const d = tmp.subarray(0, n - 3);
  for (let i = 0; i < n - 3; i++) d[i] = Math.abs(f[i + 3]! - 3 * f[i + 2]! + 3 * f[i + 1]! - f[i]!);
  d.sort();
  const mid = (n - 3) >> 1;
  const med = (n - 3) % 2 === 1 ? d[mid]! : 0.5 * (d[mid - 1]! + d[mid]!);
  return Math.max(1.4826 * med / Math.sqrt(20), 1e-6 * populationStd(f));
}

/**
 * Signal time scale in samples, τ̂/h̄ = std(f)/(h̄·rms f′), from data in noise units (σ = 1).
 * The mean square lag-k increment is ≈ k²h̄²·rms(f′)² + 2σ²; k doubles until the signal part
 * is 8× the noise part, then rms(f′)·h̄ ≈ √(increment − 2)/k. Clamped to [1, n].
 */
function timeScale(w: Work): number {
  const { n, f } = w;
  const sd = populationStd(f);
  for (let k = 1; ; k *= 2) {
    let s = 0;
    for (let i = 0; i + k < n; i++) s += (f[i + k]! - f[i]!) * (f[i + k]! - f[i]!);
    const signal = s / (n - k) - 2;
    if (signal >= 16 || 4 * k >= n) return Math.min(Math.max(signal > 0 ? sd * k / Math.sqrt(signal) : n, 1), n);
  }
}

/** Message for invalid settings, or null. */
export function checkTv(s: { alpha: number; iterations: number }, nSamples: number): string | null {
  const [lo, hi] = TV_ALPHA_RANGE;
  if (!(s.alpha >= lo && s.alpha <= hi)) return `The total-variation α = ${s.alpha} is out of range: use a number from ${lo} to ${hi} (1 is a good start; larger is smoother).`;
  if (!(Number.isInteger(s.iterations) && s.iterations >= 1 && s.iterations <= TV_MAX_ITERATIONS)) {
    return `The total-variation iterations = ${s.iterations} is out of range: use a whole number from 1 to ${TV_MAX_ITERATIONS}.`;
  }
  if (nSamples < 4) return `Total-variation differentiation needs at least 4 samples per trajectory, but there are ${nSamples}. Load or generate more samples.`;
  return null;
}

/**
 * dy/dt by total-variation regularised differentiation, written into `out`.
 * t: nSamples strictly increasing; y, out: nSamples × nStates row-major. Columns are independent.
 */
export function totalVariation(
  t: Float64Array, y: Float64Array, nStates: number, s: TvSettings,
  out: Float64Array = new Float64Array(y.length),
): Result<Float64Array> {
  const n = t.length;
  const bad = checkTv(s, n);
  if (bad) return err(bad);
  const w = makeWork(t);
  const hbar = (t[n - 1]! - t[0]!) / (n - 1);
  for (let c = 0; c < nStates; c++) {
    for (let i = 0; i < n; i++) w.f[i] = y[i * nStates + c]!;
    const sigma = noiseScale(w);
    if (!(sigma > 0)) { // constant column
      for (let i = 0; i < n; i++) out[i * nStates + c] = 0;
      continue;
    }
    for (let i = 0; i < n; i++) w.f[i]! /= sigma;
    const alpha = s.alpha * ALPHA_GAIN * Math.pow(timeScale(w), 1.5);
    finiteDifference(w.tn, w.f, 1, w.u); // initial guess (Chartrand starts from differences too)
    tvColumn(w, alpha, s.iterations);
    const back = sigma / hbar; // normalised derivative → data units
    for (let i = 0; i < n; i++) out[i * nStates + c] = w.u[i]! * back;
  }
  return ok(out);
}

/**
 * Generalised least squares for weak SINDy by iterative reweighting, after WENDy (Bortz,
 * Messenger & Dukic, Bull. Math. Biol. 2023) and the GLS step of WSINDy (Messenger & Bortz,
 * Multiscale Model. Simul. 2021).
 *
 * Ordinary least squares on the weak system treats the K residuals as independent and equally
 * noisy. They are not: overlapping test functions share samples, and the noise enters both b
 * (through φ′) and G (through φ and the Jacobian of the model). For each equation j and the
 * current coefficients ξ_j, the residual covariance is Σ_j = A_j A_jᵀ (gls.ts). Whitening by
 * its Cholesky factor L_j and re-running the optimizer on (L_j⁻¹G, L_j⁻¹b_j) gives new ξ_j;
 * repeated until the support and coefficients settle. The threshold keeps its meaning
 * (whitening changes the rows, not the coefficients).
 */
import { optimizeSparse, type SparseSettings } from '../optimize/mstls';
import { makeProblem, normalEquations } from '../optimize/problem';
import type { Dataset } from '../types';
import { bandedCholesky, bandedForwardSolve, bandedGram } from './gls';
import type { WeakRegressionLayer } from './layer';
import { libraryJacobian, noiseVariance } from './noiseModel';
import { weightedTestFunction } from './testFunctions';

export interface GlsOutcome { coefficients: Float64Array; iterations: number; warnings: string[] }

/** Most reweighting passes. */
export const GLS_MAX_ITER = 4;

interface Context { jac: Float64Array[]; sigma: Float64Array; v: Float64Array[]; dv: Float64Array[] }

function context(ds: Dataset, reg: WeakRegressionLayer): Context {
  const sigma = noiseVariance(ds).map(Math.sqrt);
  const v: Float64Array[] = [];
  const dv: Float64Array[] = [];
  for (const f of reg.basis.fns) {
    const len = f.i1 - f.i0 + 1;
    const a = new Float64Array(len);
    const b = new Float64Array(len);
    weightedTestFunction(ds.trajectories[f.traj]!.t, f, reg.basis.order, a, b);
    v.push(a); dv.push(b);
  }
  return { jac: libraryJacobian(reg.theta.library, ds), sigma, v, dv };
}

/** Rows a_k (L × m) of the residual map of equation j at coefficients xi (length p). */
function residualRows(reg: WeakRegressionLayer, ctx: Context, j: number, xi: Float64Array, m: number): Float64Array[] {
  const p = reg.theta.p;
  return reg.basis.fns.map((f, k) => {
    const jac = ctx.jac[f.traj]!;
    const rows = new Float64Array((f.i1 - f.i0 + 1) * m);
    for (let i = f.i0; i <= f.i1; i++) {
      for (let l = 0; l < m; l++) {
        let d = 0; // ∂f_j/∂y_l at sample i = Σ_a ξ_a ∂Θ_a/∂y_l
        const base = (i * m + l) * p;
        for (let a = 0; a < p; a++) if (xi[a] !== 0) d += xi[a]! * jac[base + a]!;
        const e = ctx.v[k]![i - f.i0]! * d + (l === j ? ctx.dv[k]![i - f.i0]! : 0);
        rows[(i - f.i0) * m + l] = ctx.sigma[l]! * e;
      }
    }
    return rows;
  });
}

/** One reweighted fit of equation j: whiten G and b_j by Σ_j(ξ_j), run the optimizer. */
function refitState(reg: WeakRegressionLayer, ctx: Context, j: number, xi: Float64Array, opt: SparseSettings, normalize: boolean, name: string): Float64Array | null {
  const { n: k, p } = reg.theta;
  const m = reg.m;
  const cov = bandedGram(reg.basis.fns, residualRows(reg, ctx, j, xi, m), m);
  if (!bandedCholesky(cov)) return null;
  const g = Float64Array.from(reg.theta.theta);
  const b = new Float64Array(k);
  for (let r = 0; r < k; r++) b[r] = reg.target[r * m + j]!;
  bandedForwardSolve(cov, g, p);
  bandedForwardSolve(cov, b, 1);
  return optimizeSparse(makeProblem(g, b, k, p, 1, normalEquations(g, b, k, p, 1), normalize), opt, [name]).coefficients;
}

/**
 * Reweight from the ordinary-least-squares coefficients `coef` (m × p). Returns the GLS
 * coefficients (m × p); an equation whose covariance cannot be factorised keeps its OLS fit.
 */
export function weakGlsRefine(
  ds: Dataset, reg: WeakRegressionLayer, coef: Float64Array, opt: SparseSettings, normalize: boolean,
): GlsOutcome {
  const { p } = reg.theta;
  const m = reg.m;
  const out = Float64Array.from(coef);
  const warnings: string[] = [];
  const ctx = context(ds, reg);
  if (ctx.sigma.every((s) => s === 0)) return { coefficients: out, iterations: 0, warnings };
  let it = 0;
  for (it = 1; it <= GLS_MAX_ITER; it++) {
    let change = 0;
    let size = 0;
    for (let j = 0; j < m; j++) {
      const xi = out.subarray(j * p, (j + 1) * p);
      const next = refitState(reg, ctx, j, xi, opt, normalize, ds.stateNames[j]!);
      if (!next) { warnings.push(`GLS: the residual covariance of d${ds.stateNames[j]}/dt is singular; kept the least-squares fit.`); continue; }
      for (let a = 0; a < p; a++) {
        change = Math.max(change, Math.abs(next[a]! - xi[a]!) + ((next[a] === 0) !== (xi[a] === 0) ? Infinity : 0));
        size = Math.max(size, Math.abs(next[a]!));
      }
      xi.set(next);
    }
    if (change <= 1e-6 * size) break;
  }
  return { coefficients: out, iterations: Math.min(it, GLS_MAX_ITER), warnings };
}

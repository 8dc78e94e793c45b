/**
 * Constant optimisation: the tree's shape is fixed and its K constants c are fitted by
 * Levenberg–Marquardt (Levenberg 1944; Marquardt 1963) on the weighted least-squares loss
 *   L(c) = Σ wᵢ (f(xᵢ; c) − yᵢ)²,   rᵢ = √wᵢ (fᵢ − yᵢ),   Jᵢⱼ = √wᵢ ∂fᵢ/∂cⱼ (exact, jacobian.ts).
 * Each step solves (JᵀJ + λ diag(JᵀJ)) δ = −Jᵀr by Cholesky (K ≤ ~10), accepts c + δ if L drops
 * (λ /= 3) or raises λ (×4) and tries again. LM suits this least-squares loss better than BFGS
 * (PySR's default), converging in a few steps near the optimum.
 * Restarts: as SymbolicRegression.jl, from the best constants so far scaled by (1 + ½ N(0,1)),
 * which helps escape sign and scale traps (c ≈ 0 in a denominator, a flipped sign in sin(c·x)).
 */
import type { Expr } from '../model/expr';
import { choleskySolveFactored } from '../linalg/dense';
import { gaussian, type Rng } from '../data/rng';
import { programLoss, type Problem } from './dataset';
import type { Evaluator } from './evaluate';
import { evaluateJacobian, type JacobianWork } from './jacobian';
import { loadProgram, withConstants, type Program } from './program';

/** Reusable buffers of one worker (not shared between concurrent searches). */
export interface FitWork {
  prog: Program;
  ev: Evaluator;
  jw: JacobianWork;
  pred: Float64Array;
  jac: Float64Array;
}

export interface ConstantFit {
  expr: Expr;
  loss: number;
  /** loss evaluations used (for throughput figures) */
  evaluations: number;
}

/**
 * Fit e's constants: `iterations` LM steps from the current values, then `restarts` more runs
 * from perturbed starts; the best constants found. A tree without constants is returned as is.
 */
export function optimizeConstants(e: Expr, loss0: number, problem: Problem, work: FitWork, rng: Rng, iterations: number, restarts: number): ConstantFit {
  const prog = loadProgram(work.prog, e);
  const K = prog.nConsts;
  if (K === 0) return { expr: e, loss: loss0, evaluations: 0 };
  const start = prog.consts.slice(0, K);
  let best = start.slice(), bestLoss = Number.isFinite(loss0) ? loss0 : Infinity;
  let evaluations = 0;
  for (let r = 0; r <= restarts; r++) {
    const c0 = r === 0 ? start : best.map((v) => v * (1 + 0.5 * gaussian(rng)));
    const run = levenbergMarquardt(prog, c0, problem, work, iterations);
    evaluations += run.evaluations;
    if (run.loss < bestLoss) { bestLoss = run.loss; best = run.c; }
  }
  return { expr: bestLoss < loss0 || !Number.isFinite(loss0) ? withConstants(e, best) : e, loss: Math.min(bestLoss, loss0), evaluations };
}

function lossAt(prog: Program, c: Float64Array, problem: Problem, work: FitWork): number {
  prog.consts.set(c);
  return programLoss(prog, problem, work.ev, work.pred);
}

function levenbergMarquardt(prog: Program, c0: Float64Array, problem: Problem, work: FitWork, iterations: number) {
  const K = c0.length, n = problem.n, { y, w } = problem;
  if (work.jac.length < K * n) work.jac = new Float64Array(K * n);
  const c = Float64Array.from(c0);
  let loss = lossAt(prog, c, problem, work);
  let evaluations = 1;
  if (!Number.isFinite(loss)) return { c, loss, evaluations };
  const A = new Float64Array(K * K), g = new Float64Array(K), M = new Float64Array(K * K), delta = new Float64Array(K), trial = new Float64Array(K);
  let lambda = 1e-3;
  for (let it = 0; it < iterations; it++) {
    prog.consts.set(c);
    if (!evaluateJacobian(prog, problem.X, work.pred, work.jac, work.jw)) break;
    evaluations += 1 + K;
    normalEquations(work.pred, work.jac, y, w, n, K, A, g);
    let improved = false;
    for (let tries = 0; tries < 6 && !improved; tries++) {
      for (let q = 0; q < K * K; q++) M[q] = A[q]!;
      let maxDiag = 0;
      for (let j = 0; j < K; j++) maxDiag = Math.max(maxDiag, A[j * K + j]!);
      for (let j = 0; j < K; j++) M[j * K + j] = A[j * K + j]! * (1 + lambda) + 1e-12 * maxDiag + 1e-300;
      for (let j = 0; j < K; j++) delta[j] = -g[j]!;
      if (!choleskySolve(M, delta, K)) { lambda *= 4; continue; }
      for (let j = 0; j < K; j++) trial[j] = c[j]! + delta[j]!;
      const l = lossAt(prog, trial, problem, work);
      evaluations++;
      if (l < loss) {
        const rel = (loss - l) / loss;
        c.set(trial); loss = l; improved = true;
        lambda = Math.max(lambda / 3, 1e-12);
        if (rel < 1e-10) it = iterations;
      } else {
        lambda *= 4;
      }
    }
    if (!improved || loss === 0) break;
  }
  return { c, loss, evaluations };
}

/** A = JᵀWJ, g = JᵀW(f − y) with J: K columns of n (jac[j·n + i]); W = diag(w) or 1/n. */
function normalEquations(f: Float64Array, jac: Float64Array, y: Float64Array, w: Float64Array | null, n: number, K: number, A: Float64Array, g: Float64Array): void {
  const u = 1 / n;
  for (let a = 0; a < K; a++) {
    const oa = a * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (w ? w[i]! : u) * jac[oa + i]! * (f[i]! - y[i]!);
    g[a] = s;
    for (let b = a; b < K; b++) {
      const ob = b * n;
      let t = 0;
      for (let i = 0; i < n; i++) t += (w ? w[i]! : u) * jac[oa + i]! * jac[ob + i]!;
      A[a * K + b] = t; A[b * K + a] = t;
    }
  }
}

/** Solve M x = b in place (b ← x) for symmetric positive definite M (K × K, overwritten). */
function choleskySolve(M: Float64Array, b: Float64Array, K: number): boolean {
  for (let j = 0; j < K; j++) {
    let d = M[j * K + j]!;
    for (let k = 0; k < j; k++) d -= M[j * K + k]! * M[j * K + k]!;
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    M[j * K + j] = ljj;
    for (let i = j + 1; i < K; i++) {
      let s = M[i * K + j]!;
      for (let k = 0; k < j; k++) s -= M[i * K + k]! * M[j * K + k]!;
      M[i * K + j] = s / ljj;
    }
  }
  choleskySolveFactored(M, K, b);
  return true;
}

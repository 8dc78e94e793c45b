/**
 * Adaptive Dormand–Prince 5(4) with dense output: the explicit Runge–Kutta pair of Dormand &
 * Prince ("A family of embedded Runge–Kutta formulae", J. Comp. Appl. Math. 6, 1980) as
 * implemented in Hairer's DOPRI5 (Hairer, Nørsett & Wanner, "Solving Ordinary Differential
 * Equations I", 2nd ed., §II.4–II.6, Table 5.2) — the same method as MATLAB's ode45,
 * SciPy's RK45 and diffrax's Dopri5.
 *
 * - The step advances the 5th-order solution (local extrapolation); the embedded 4th-order
 *   solution gives the error estimate err = ‖h Σ eᵢ kᵢ‖ in the RMS norm weighted by
 *   sk = atol + rtol·max(|y₀|, |y₁|). A step is accepted when err ≤ 1.
 * - FSAL: k7 = f(t+h, y₁) is the next step's k1, so a step costs six evaluations.
 * - Step-size controller (Hairer §II.4, eq. 4.13): h ← h · clamp(safety · err^(−1/5),
 *   minFactor, maxFactor), never growing right after a rejection.
 * - Dense output: Shampine's 4th-order continuous extension (Hairer's CONTD5), so y(t) can be
 *   read at any t inside an accepted step without extra evaluations.
 */
import type { Rhs } from '../types';
import type { Solver, SolverState, StepOutcome } from './solver';
import { initialStep } from './initialStep';

// Butcher tableau (Hairer, Table II.5.2). Row 7 equals the 5th-order weights b (b₂ = b₇ = 0).
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
// Error weights b − b̂ (5th minus embedded 4th order); e₂ = 0.
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
// Dense-output weights of the continuous extension; d₂ = 0.
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;

export interface Dopri5Config {
  rtol: number;
  atol: number;
  /** safety factor of the controller (Hairer: 0.9) */
  safety: number;
  /** smallest / largest factor by which h may change in one step */
  minFactor: number;
  maxFactor: number;
  /** largest step size */
  hMax: number;
}

export const dopri5Defaults: Readonly<Dopri5Config> = Object.freeze({
  rtol: 1e-8, atol: 1e-10, safety: 0.9, minFactor: 0.2, maxFactor: 10, hMax: Infinity,
});

/** Explicit DOPRI5 state: the step proposal, the stages of the current step and the dense coefficients. */
export interface Dopri5State extends SolverState {
  rhs: Rhs;
  cfg: Dopri5Config;
  /** step size to try next */
  h: number;
  /** error norm of the last attempt (≤ 1 accepted) */
  err: number;
  lastRejected: boolean;
  /** stages k1..k7 of the current step (k1 = f(t, y)): each nStates */
  k1: Float64Array; k2: Float64Array; k3: Float64Array; k4: Float64Array;
  k5: Float64Array; k6: Float64Array; k7: Float64Array;
  /** trial solution and stage argument: each nStates */
  yNew: Float64Array;
  tmp: Float64Array;
  /** dense-output coefficients of the last accepted step: each nStates */
  r1: Float64Array; r2: Float64Array; r3: Float64Array; r4: Float64Array; r5: Float64Array;
}

/** One trial step of size h from (s.t, s.y): fills s.k and s.yNew, returns the error norm. */
export function dopri5Attempt(s: Dopri5State, h: number): number {
  const { rhs, y, yNew, tmp, cfg, k1, k2, k3, k4, k5, k6, k7 } = s;
  const n = y.length, t = s.t;
  for (let j = 0; j < n; j++) tmp[j] = y[j]! + h * A21 * k1[j]!;
  rhs(t + C2 * h, tmp, k2);
  for (let j = 0; j < n; j++) tmp[j] = y[j]! + h * (A31 * k1[j]! + A32 * k2[j]!);
  rhs(t + C3 * h, tmp, k3);
  for (let j = 0; j < n; j++) tmp[j] = y[j]! + h * (A41 * k1[j]! + A42 * k2[j]! + A43 * k3[j]!);
  rhs(t + C4 * h, tmp, k4);
  for (let j = 0; j < n; j++) tmp[j] = y[j]! + h * (A51 * k1[j]! + A52 * k2[j]! + A53 * k3[j]! + A54 * k4[j]!);
  rhs(t + C5 * h, tmp, k5);
  for (let j = 0; j < n; j++) {
    tmp[j] = y[j]! + h * (A61 * k1[j]! + A62 * k2[j]! + A63 * k3[j]! + A64 * k4[j]! + A65 * k5[j]!);
  }
  rhs(t + h, tmp, k6);
  for (let j = 0; j < n; j++) {
    yNew[j] = y[j]! + h * (A71 * k1[j]! + A73 * k3[j]! + A74 * k4[j]! + A75 * k5[j]! + A76 * k6[j]!);
  }
  rhs(t + h, yNew, k7);
  s.nEval += 6;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const e = h * (E1 * k1[j]! + E3 * k3[j]! + E4 * k4[j]! + E5 * k5[j]! + E6 * k6[j]! + E7 * k7[j]!);
    const sk = cfg.atol + cfg.rtol * Math.max(Math.abs(y[j]!), Math.abs(yNew[j]!));
    sum += (e / sk) * (e / sk);
  }
  return n === 0 ? 0 : Math.sqrt(sum / n);
}

/**
 * Accept the trial step of size h ending at tNew: store the dense coefficients, move to
 * (tNew, yNew) and reuse k7 as the next k1 (FSAL). No allocation: buffers are swapped.
 */
export function dopri5Accept(s: Dopri5State, h: number, tNew: number): void {
  const { y, yNew, k1, k3, k4, k5, k6, k7, r1, r2, r3, r4, r5 } = s;
  for (let j = 0; j < y.length; j++) {
    const dy = yNew[j]! - y[j]!;
    const bspl = h * k1[j]! - dy;
    r1[j] = y[j]!;
    r2[j] = dy;
    r3[j] = bspl;
    r4[j] = dy - h * k7[j]! - bspl;
    r5[j] = h * (D1 * k1[j]! + D3 * k3[j]! + D4 * k4[j]! + D5 * k5[j]! + D6 * k6[j]! + D7 * k7[j]!);
  }
  s.y = yNew;
  s.yNew = y;
  s.k1 = k7;
  s.k7 = k1;
  s.tPrev = s.t;
  s.t = tNew;
}

/** Dense output at t in [s.tPrev, s.t]: y(tPrev + θh) = r1 + θ(r2 + (1−θ)(r3 + θ(r4 + (1−θ) r5))). */
export function dopri5Interpolate(s: Dopri5State, t: number, out: Float64Array, offset: number): void {
  if (t === s.t) {
    out.set(s.y, offset);
    return;
  }
  const { r1, r2, r3, r4, r5 } = s;
  const th = (t - s.tPrev) / (s.t - s.tPrev);
  const th1 = 1 - th;
  for (let j = 0; j < r1.length; j++) {
    out[offset + j] = r1[j]! + th * (r2[j]! + th1 * (r3[j]! + th * (r4[j]! + th1 * r5[j]!)));
  }
}

/** New step size factor from the error norm (Hairer eq. II.4.13 with a safety factor). */
function stepFactor(cfg: Dopri5Config, err: number, lastRejected: boolean): number {
  if (!Number.isFinite(err)) return cfg.minFactor;
  const raw = err === 0 ? cfg.maxFactor : cfg.safety * Math.pow(err, -1 / 5);
  const hi = lastRejected ? 1 : cfg.maxFactor;
  return Math.min(hi, Math.max(cfg.minFactor, raw));
}

function step(s: Dopri5State, tStop: number): StepOutcome {
  const span = tStop - s.t;
  if (!(span > 0)) return 'accepted';
  // Below ~16 ulps of t the step no longer changes t: the solution has a singularity.
  if (!(s.h > 16 * Number.EPSILON * Math.abs(s.t)) && s.h < span) return 'underflow';
  // Stretch a step by up to 1 % rather than leave a sliver before tStop (as DOPRI5 does).
  const last = 1.01 * s.h >= span;
  const h = last ? span : s.h;
  s.nSteps++;
  const err = dopri5Attempt(s, h);
  s.err = err;
  const factor = stepFactor(s.cfg, err, s.lastRejected);
  s.h = Math.min(h * factor, s.cfg.hMax);
  if (err <= 1) {
    dopri5Accept(s, h, last ? tStop : s.t + h);
    s.lastRejected = false;
    return 'accepted';
  }
  s.lastRejected = true;
  return 'rejected';
}

/** Create a DOPRI5 state at (t0, y0): evaluates k1 = f(t0, y0) and picks the first step. */
export function dopri5Init(rhs: Rhs, t0: number, y0: ArrayLike<number>, tEnd: number, cfg: Dopri5Config): Dopri5State {
  const n = y0.length;
  const mk = () => new Float64Array(n);
  const s: Dopri5State = {
    rhs, cfg, t: t0, tPrev: t0, y: Float64Array.from(y0), nSteps: 0, nEval: 1, h: 0, err: 0,
    lastRejected: false, k1: mk(), k2: mk(), k3: mk(), k4: mk(), k5: mk(), k6: mk(), k7: mk(),
    yNew: mk(), tmp: mk(), r1: mk(), r2: mk(), r3: mk(), r4: mk(), r5: mk(),
  };
  rhs(t0, s.y, s.k1);
  const hMax = Math.min(cfg.hMax, Math.abs(tEnd - t0) || Infinity);
  s.h = initialStep(rhs, t0, s.y, s.k1, 5, cfg.rtol, cfg.atol, hMax, s.tmp, s.yNew);
  s.nEval += 1;
  return s;
}

/** The DOPRI5 solver with the given tolerances and controller settings. */
export function dopri5(opts: Partial<Dopri5Config> = {}): Solver<Dopri5State> {
  const cfg: Dopri5Config = { ...dopri5Defaults, ...opts };
  if (!(cfg.rtol >= 0) || !(cfg.atol >= 0) || !(cfg.rtol + cfg.atol > 0)) {
    throw new RangeError(`dopri5: tolerances must be positive (rtol = ${cfg.rtol}, atol = ${cfg.atol}).`);
  }
  return {
    id: 'dopri5',
    dense: true,
    budgetAdvice: 'increase maxSteps or loosen the tolerance',
    init: (rhs, t0, y0, tEnd) => dopri5Init(rhs, t0, y0, tEnd, cfg),
    step,
    interpolate: dopri5Interpolate,
  };
}

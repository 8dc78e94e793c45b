/**
 * The integration driver: solve ẏ = f(t, y) from y(times[0]) = y0 and report y at every
 * requested time (uniform or irregular), with a hard step budget and blow-up detection.
 * Failures are values whose message tells the user what to do (diffrax's `max_steps` and
 * `RESULTS`), never exceptions: a recovered SINDy model that blows up is an everyday event.
 *
 *   dopri5 (default): adaptive Dormand–Prince 5(4), outputs read off its dense output;
 *   rk4: classic RK4 landing on every requested time, each interval split so that h ≤ opts.h.
 */
import type { Rhs } from '../types';
import { dopri5, dopri5Defaults } from './dormandPrince';
import { rk4 } from './rk4';
import type { Solver, SolverState } from './solver';

export interface IntegrateOptions {
  method?: 'rk4' | 'dopri5';
  /** rk4: largest step (default: the spacing of the requested times); dopri5: largest step */
  h?: number;
  /** dopri5 tolerances (defaults 1e-8, 1e-10) */
  rtol?: number;
  atol?: number;
  /** hard budget of attempted steps (default 1e6) */
  maxSteps?: number;
  /** a state component beyond ±blowUp (default 1e8) or non-finite counts as diverged */
  blowUp?: number;
  /** names used in messages ("state x reached …"); default x1, x2, … */
  stateNames?: readonly string[];
  /** who diverged, opening a 'diverged' message (default 'The model') */
  subject?: string;
  /** advice ending a 'diverged' message (default: about simulating a recovered model) */
  advice?: string;
}

export interface IntegrationResult {
  status: 'ok' | 'diverged' | 'max_steps';
  /** 'The model diverged at t = 3.2 (state x reached 1.3e+08). …' */
  message?: string;
  tFail?: number;
  /** y: nTimes × nStates, row-major; rows after a failure are NaN */
  y: Float64Array;
  /** rows that are valid (row 0 is y0) */
  nOk: number;
}

export const integrateDefaults = Object.freeze({
  method: 'dopri5' as const, rtol: dopri5Defaults.rtol, atol: dopri5Defaults.atol, maxSteps: 1_000_000, blowUp: 1e8,
  subject: 'The model', advice: 'Simulate a shorter span or choose a sparser model.',
});

interface DriveConfig { n: number; maxSteps: number; blowUp: number; names: readonly string[]; subject: string; advice: string }

export function integrate(rhs: Rhs, y0: ArrayLike<number>, times: Float64Array, opts: IntegrateOptions = {}): IntegrationResult {
  const n = y0.length;
  const nT = times.length;
  checkTimes(times);
  const cfg: DriveConfig = {
    n,
    maxSteps: opts.maxSteps ?? integrateDefaults.maxSteps,
    blowUp: opts.blowUp ?? integrateDefaults.blowUp,
    names: opts.stateNames ?? Array.from({ length: n }, (_, j) => `x${j + 1}`),
    subject: opts.subject ?? integrateDefaults.subject,
    advice: opts.advice ?? integrateDefaults.advice,
  };
  if (!(cfg.maxSteps >= 1)) throw new RangeError(`integrate: maxSteps must be at least 1 (got ${cfg.maxSteps}).`);
  const y = new Float64Array(nT * n).fill(NaN);
  if (nT === 0) return { status: 'ok', y, nOk: 0 };
  for (let j = 0; j < n; j++) y[j] = y0[j]!;
  const bad = offendingState(y, 0, n, cfg.blowUp);
  if (bad >= 0) return diverged(y, cfg, 0, times[0]!, bad, y[bad]!);
  if (nT === 1) return { status: 'ok', y, nOk: 1 };
  const method = opts.method ?? integrateDefaults.method;
  if (method === 'rk4') return drive(rk4(opts.h), rhs, times, y, cfg);
  const tol = { rtol: opts.rtol ?? integrateDefaults.rtol, atol: opts.atol ?? integrateDefaults.atol };
  return drive(dopri5(opts.h === undefined ? tol : { ...tol, hMax: opts.h }), rhs, times, y, cfg);
}

/** Step the solver, fill rows 1.. as their times are passed, stop at the first failure. */
function drive<S extends SolverState>(solver: Solver<S>, rhs: Rhs, times: Float64Array, y: Float64Array, cfg: DriveConfig): IntegrationResult {
  const { n, blowUp } = cfg;
  const nT = times.length;
  const tFinal = times[nT - 1]!;
  const s = solver.init(rhs, times[0]!, y.subarray(0, n), tFinal);
  let i = 1;
  while (i < nT) {
    if (s.nSteps >= cfg.maxSteps) {
      const message = `Step budget of ${cfg.maxSteps} steps exhausted at t = ${fmtTime(s.t)}; ${solver.budgetAdvice}.`;
      return { status: 'max_steps', message, tFail: s.t, y, nOk: i };
    }
    const outcome = solver.step(s, solver.dense ? tFinal : times[i]!);
    if (outcome === 'rejected') continue;
    if (outcome === 'underflow') return collapsed(y, cfg, i, s.t);
    for (; i < nT && times[i]! <= s.t; i++) {
      solver.interpolate(s, times[i]!, y, i * n);
      const j = offendingState(y, i * n, n, blowUp);
      if (j >= 0) return diverged(y, cfg, i, times[i]!, j, y[i * n + j]!);
    }
    const j = i < nT ? offendingState(s.y, 0, n, blowUp) : -1;
    if (j >= 0) return diverged(y, cfg, i, s.t, j, s.y[j]!);
  }
  return { status: 'ok', y, nOk: nT };
}

/** Index of a non-finite component of row (or else the largest beyond ±blowUp); −1 if none. */
function offendingState(v: Float64Array, offset: number, n: number, blowUp: number): number {
  let worst = -1;
  let worstAbs = blowUp;
  for (let j = 0; j < n; j++) {
    const a = Math.abs(v[offset + j]!);
    if (Number.isNaN(a)) return j;
    if (a > worstAbs) { worst = j; worstAbs = a; }
  }
  return worst;
}

/** Rows from `row` on become NaN; the result says where and which state blew up. */
function diverged(y: Float64Array, cfg: DriveConfig, row: number, t: number, j: number, value: number): IntegrationResult {
  y.fill(NaN, row * cfg.n);
  const name = cfg.names[j] ?? `x${j + 1}`;
  const what = Number.isNaN(value) ? `state ${name} became NaN` : `state ${name} reached ${fmtValue(value)}`;
  const message = `${cfg.subject} diverged at t = ${fmtTime(t)} (${what}). ${cfg.advice}`;
  return { status: 'diverged', message, tFail: t, y, nOk: row };
}

/** The adaptive step size fell below the resolution of t: a finite-time singularity. */
function collapsed(y: Float64Array, cfg: DriveConfig, row: number, t: number): IntegrationResult {
  y.fill(NaN, row * cfg.n);
  const message = `${cfg.subject} diverged at t = ${fmtTime(t)} (the step size collapsed: the solution has a singularity there). ${cfg.advice}`;
  return { status: 'diverged', message, tFail: t, y, nOk: row };
}

/** Times must be finite and non-decreasing (a Trajectory's are strictly increasing): else a bug. */
function checkTimes(times: Float64Array): void {
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (!Number.isFinite(t) || (i > 0 && t < times[i - 1]!)) {
      throw new RangeError(`integrate: times must be finite and non-decreasing (index ${i}: ${t}).`);
    }
  }
}

/** 3.2, 0.0123, 1.235e+4: four significant digits without trailing zeros. */
export function fmtTime(t: number): string {
  return String(Number(t.toPrecision(4)));
}

/** 1.3e+08, -Infinity: two significant digits, exponent with at least two digits. */
export function fmtValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return v.toExponential(1).replace(/e([+-])(\d)$/, 'e$10$2');
}

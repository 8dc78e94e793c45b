/**
 * Classic fourth-order Runge–Kutta (Kutta 1901; Hairer, Nørsett & Wanner, "Solving Ordinary
 * Differential Equations I", §II.1, Table 1.2):
 *
 *   k1 = f(t, y)
 *   k2 = f(t + h/2, y + h/2 k1)
 *   k3 = f(t + h/2, y + h/2 k2)
 *   k4 = f(t + h,   y + h k3)
 *   y(t + h) ≈ y + h/6 (k1 + 2 k2 + 2 k3 + k4)      local error O(h⁵), global error O(h⁴).
 *
 * Fixed step: the solver lands exactly on every requested time, splitting each interval
 * into the fewest equal sub-steps no longer than hMax. All buffers are allocated once.
 */
import type { Rhs } from '../types';
import type { Solver, SolverState, StepOutcome } from './solver';

/** Work buffers of one RK4 step, each of length nStates. */
export interface Rk4Work {
  k1: Float64Array;
  k2: Float64Array;
  k3: Float64Array;
  k4: Float64Array;
  tmp: Float64Array;
}

export function rk4Work(nStates: number): Rk4Work {
  const mk = () => new Float64Array(nStates);
  return { k1: mk(), k2: mk(), k3: mk(), k4: mk(), tmp: mk() };
}

/**
 * One RK4 step from (t, y) with step h, written into out (nStates). out may be y itself:
 * y is read component by component before that component of out is written.
 */
export function rk4Step(rhs: Rhs, t: number, y: Float64Array, h: number, w: Rk4Work, out: Float64Array): void {
  const { k1, k2, k3, k4, tmp } = w;
  const n = y.length;
  const h2 = 0.5 * h;
  rhs(t, y, k1);
  for (let j = 0; j < n; j++) tmp[j] = y[j]! + h2 * k1[j]!;
  rhs(t + h2, tmp, k2);
  for (let j = 0; j < n; j++) tmp[j] = y[j]! + h2 * k2[j]!;
  rhs(t + h2, tmp, k3);
  for (let j = 0; j < n; j++) tmp[j] = y[j]! + h * k3[j]!;
  rhs(t + h, tmp, k4);
  const h6 = h / 6;
  for (let j = 0; j < n; j++) out[j] = y[j]! + h6 * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!);
}

export interface Rk4State extends SolverState {
  rhs: Rhs;
  /** largest allowed step (Infinity: one step per requested interval) */
  hMax: number;
  work: Rk4Work;
}

/** Relative slack so that an interval of exactly m·hMax (up to rounding) takes m steps, not m + 1. */
const SLACK = 1e-9;

/** Number of equal sub-steps no longer than hMax that cover span. */
export function subSteps(span: number, hMax: number): number {
  return Math.max(1, Math.ceil(span / hMax - SLACK));
}

/** The RK4 solver; hMax (default Infinity) caps the step inside each requested interval. */
export function rk4(hMax = Infinity): Solver<Rk4State> {
  if (!(hMax > 0)) throw new RangeError(`rk4: the step size h must be positive (got ${hMax}).`);
  return {
    id: 'rk4',
    dense: false,
    budgetAdvice: 'increase maxSteps or the step size h',
    init(rhs, t0, y0): Rk4State {
      return { rhs, hMax, work: rk4Work(y0.length), t: t0, tPrev: t0, y: Float64Array.from(y0), nSteps: 0, nEval: 0 };
    },
    step(s, tStop): StepOutcome {
      const span = tStop - s.t;
      if (!(span > 0)) return 'accepted';
      const m = subSteps(span, s.hMax);
      const h = span / m;
      rk4Step(s.rhs, s.t, s.y, h, s.work, s.y);
      s.tPrev = s.t;
      // Land exactly on tStop on the last sub-step so requested times are hit without drift.
      s.t = m === 1 ? tStop : s.t + h;
      s.nSteps++;
      s.nEval += 4;
      return 'accepted';
    },
    interpolate(s, _t, out, offset) {
      // Only ever asked at s.t: a non-dense solver lands on every requested time.
      out.set(s.y, offset);
    },
  };
}

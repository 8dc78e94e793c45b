/**
 * The strategy interface every one-step ODE solver implements, after diffrax's
 * `AbstractSolver`: the solver object holds only configuration; everything that changes
 * while integrating lives in an explicit state value created by `init` and advanced by `step`.
 * The driver (`integrate.ts`) owns the step budget, blow-up detection and the output rows, so a
 * solver file contains only its own mathematics.
 */
import type { Rhs } from '../types';

/**
 * Outcome of one attempted step:
 * - 'accepted': the state moved from tPrev to t;
 * - 'rejected': the error estimate was too large, the state is unchanged and h was reduced;
 * - 'underflow': the step size needed has fallen below the resolution of t (a singularity).
 */
export type StepOutcome = 'accepted' | 'rejected' | 'underflow';

/** What every solver state exposes to the driver; each solver adds its own work buffers. */
export interface SolverState {
  /** current time: the end of the last accepted step */
  t: number;
  /** start of the last accepted step (the interval that `interpolate` covers) */
  tPrev: number;
  /** y: nStates, the state at t */
  y: Float64Array;
  /** steps attempted so far (accepted + rejected): the quantity the step budget limits */
  nSteps: number;
  /** right-hand-side evaluations so far (the cost measure in benchmarks) */
  nEval: number;
}

export interface Solver<S extends SolverState> {
  readonly id: 'rk4' | 'dopri5';
  /**
   * true: the solver chooses its own steps towards the final time and the driver reads the
   * requested times off the dense output; false: it lands exactly on every requested time.
   */
  readonly dense: boolean;
  /** What to tell the user when the step budget runs out ("increase maxSteps or …"). */
  readonly budgetAdvice: string;
  /** Start at (t0, y0); tEnd bounds the first step size. y0 is copied. */
  init(rhs: Rhs, t0: number, y0: ArrayLike<number>, tEnd: number): S;
  /** Attempt one step towards tStop, never beyond it; updates s in place. */
  step(s: S, tStop: number): StepOutcome;
  /**
   * Write y(t) into out[offset .. offset + nStates): any t in [s.tPrev, s.t] for a dense
   * solver; a non-dense one is only asked at t = s.t (it copies its state).
   */
  interpolate(s: S, t: number, out: Float64Array, offset: number): void;
}

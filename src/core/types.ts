/**
 * Shared types of the pure engine. No DOM, no React: this file (and all of src/core) runs
 * unchanged in the Web Worker, in Node tests, in the CLI and in benchmarks.
 *
 * Layout conventions (every module follows them):
 * - A matrix is a Float64Array in row-major order with its shape documented next to it,
 *   e.g. `/** y: nSamples × nStates, row-major *\/`: y[i * nStates + j] is state j at sample i.
 * - Errors that a user can cause are values (`Result`) whose message names the problem and
 *   what to do. Exceptions are for bugs.
 */

/** A value or a user-facing error message (names the problem and what to do). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(error: string): Result<T> => ({ ok: false, error });

/** One trajectory: strictly increasing times (uniform or irregular) and the states sampled there. */
export interface Trajectory {
  /** t: nSamples */
  t: Float64Array;
  /** y: nSamples × nStates, row-major */
  y: Float64Array;
}

/** A dataset: one or more trajectories of the same states. */
export interface Dataset {
  stateNames: string[];
  trajectories: Trajectory[];
}

/** A right-hand side f(t, y) written into dy (no allocation per call). */
export type Rhs = (t: number, y: Float64Array, dy: Float64Array) => void;

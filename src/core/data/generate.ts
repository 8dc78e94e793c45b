/**
 * Sample a named system: integrate it from x0 and record the state at uniform times
 * 0, dt, 2dt, … (round(tEnd/dt) + 1 samples) or, when `irregular`, at the same number of
 * times drawn uniformly on [0, tEnd] (seeded; the first is 0). The integration uses
 * Dormand–Prince 5(4) at rtol 1e-10, atol 1e-12 and reads the samples off its dense output,
 * so the data are exact to about eight digits — the noise, if any, is added separately.
 */
import { integrate } from '../integrate/integrate';
import type { DynamicalSystem } from '../systems/registry';
import { err, ok, type Dataset, type Result } from '../types';
import { createRng } from './rng';

export interface SampleOptions {
  params: Record<string, number>;
  x0: number[];
  tEnd: number;
  dt: number;
  irregular?: boolean;
  seed?: number;
}

/** Largest number of samples per generated trajectory (keeps the page responsive). */
export const MAX_SAMPLES = 200_000;

/** Shortest time span (far above the spacing of doubles, so sample times stay distinct). */
export const MIN_SPAN = 1e-9;

/** Stream of the seed used for irregular times (noise uses stream 0 of the same seed). */
const TIMES_STREAM = 1;

export function sampleSystem(sys: DynamicalSystem, o: SampleOptions): Result<Dataset> {
  const checked = checkOptions(sys, o);
  if (!checked.ok) return checked;
  const { params, n } = checked.value;
  const times = o.irregular ? irregularTimes(n, o.tEnd, o.seed ?? 0) : uniformTimes(n, o.dt);
  const res = integrate(sys.rhs(params), o.x0, times, {
    method: 'dopri5', rtol: 1e-10, atol: 1e-12, stateNames: sys.stateNames,
    subject: `The simulation of ${sys.label}`, advice: 'Choose other parameters or initial values, or a shorter time span.',
  });
  if (res.status !== 'ok') return err(res.message ?? `Integrating the ${sys.label} system failed.`);
  return ok({ stateNames: [...sys.stateNames], trajectories: [{ t: times, y: res.y }] });
}

/** Samples of [0, tEnd] every dt: round(tEnd/dt) + 1 (the one rule; the playground shows it too). */
export function sampleCountOf(tEnd: number, dt: number): number {
  return Math.round(tEnd / dt) + 1;
}

/** Validate the options; returns the full parameter set (defaults filled in) and the sample count. */
function checkOptions(sys: DynamicalSystem, o: SampleOptions): Result<{ params: Record<string, number>; n: number }> {
  if (!Number.isFinite(o.tEnd) || o.tEnd <= 0) return err(`The end time must be a positive number (got ${o.tEnd}). Set tEnd above 0.`);
  if (o.tEnd < MIN_SPAN) return err(`The time span ${o.tEnd} is too short to sample. Set tEnd to at least ${MIN_SPAN}.`);
  if (!Number.isFinite(o.dt) || o.dt <= 0) return err(`The sample step must be a positive number (got ${o.dt}). Set dt above 0.`);
  if (o.dt > o.tEnd) return err(`The sample step dt = ${o.dt} is longer than the time span ${o.tEnd}. Choose a smaller dt or a longer span.`);
  const n = sampleCountOf(o.tEnd, o.dt);
  if (!(n <= MAX_SAMPLES)) {
    return err(`Sampling [0, ${o.tEnd}] every ${o.dt} gives ${n.toLocaleString('en-US')} samples; the limit is `
      + `${MAX_SAMPLES.toLocaleString('en-US')}. Increase dt or shorten the time span.`);
  }
  const m = sys.stateNames.length;
  if (o.x0.length !== m) {
    return err(`${sys.label} has ${m} states (${sys.stateNames.join(', ')}) but ${o.x0.length} initial values were given. Give one per state.`);
  }
  const bad = o.x0.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) return err(`The initial value of ${sys.stateNames[bad]} is not a finite number (${o.x0[bad]}). Enter a number.`);
  const params: Record<string, number> = {};
  for (const p of sys.params) {
    const v = o.params[p.id] ?? p.value;
    if (!Number.isFinite(v)) return err(`The parameter ${p.label} is not a finite number (${v}). Enter a number.`);
    params[p.id] = v;
  }
  if (o.irregular && o.seed !== undefined && !Number.isFinite(o.seed)) return err(`The seed must be a finite number (got ${o.seed}).`);
  return ok({ params, n });
}

/** t_i = i·dt, i = 0 … n − 1 (computed by multiplication, so no rounding drift). */
export function uniformTimes(n: number, dt: number): Float64Array {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = i * dt;
  return t;
}

/**
 * n times on [0, tEnd]: 0 followed by n − 1 sorted uniform draws on (0, tEnd], strictly
 * increasing. A draw that repeats an earlier one is replaced by a fresh draw, which with
 * 53-bit uniforms essentially never happens but keeps the guarantee unconditional.
 * Throws if the span cannot hold n distinct doubles (tEnd of a few ulps: a caller's bug).
 */
export function irregularTimes(n: number, tEnd: number, seed: number): Float64Array {
  const rng = createRng(seed, TIMES_STREAM);
  const t = new Float64Array(n);
  for (let i = 1; i < n; i++) t[i] = tEnd * (1 - rng());
  for (let redraws = 0; redraws <= n + 1000; redraws++) {
    t.sort();
    let dup = -1;
    for (let i = 1; i < n && dup < 0; i++) if (!(t[i]! > t[i - 1]!)) dup = i;
    if (dup < 0) return t;
    t[dup] = tEnd * (1 - rng());
  }
  throw new RangeError(`irregularTimes: cannot draw ${n} distinct times in [0, ${tEnd}].`);
}

export interface StartsOptions {
  params: Record<string, number>;
  /** number of trajectories */
  count: number;
  /** per state, the interval [low, high] the starts are drawn from (uniformly) */
  box: readonly (readonly [number, number])[];
  tEnd: number;
  dt: number;
  seed: number;
}

/**
 * `count` trajectories of a system from starts drawn uniformly in a box (seeded: start k's
 * state j is low_j + (high_j − low_j)·u, the u's in order k, j), each sampled at 0, dt, … tEnd.
 * Kidger's example: 8 trajectories of the rational oscillator on [0, 10] from [−0.5, 0.5]².
 */
export function sampleFromStarts(sys: DynamicalSystem, o: StartsOptions): Result<Dataset> {
  if (o.box.length !== sys.stateNames.length) return err(`The box has ${o.box.length} intervals for ${sys.stateNames.length} states: give one [low, high] per state.`);
  if (!(Number.isInteger(o.count) && o.count >= 1 && o.count <= 1000)) return err(`The number of trajectories must be a whole number from 1 to 1000 (got ${o.count}).`);
  const rng = createRng(o.seed);
  const ds: Dataset = { stateNames: [...sys.stateNames], trajectories: [] };
  for (let k = 0; k < o.count; k++) {
    const x0 = o.box.map(([lo, hi]) => lo + (hi - lo) * rng());
    const r = sampleSystem(sys, { params: o.params, x0, tEnd: o.tEnd, dt: o.dt });
    if (!r.ok) return err(o.count > 1 ? `Trajectory ${k + 1}: ${r.error}` : r.error);
    ds.trajectories.push(r.value.trajectories[0]!);
  }
  return ok(ds);
}

/**
 * The noise lab: how much measurement noise can each method take? For a named system, every
 * combination of noise level × seed × method is fitted, and per (method, noise) we report how
 * often the exact support was recovered (compareWithTruth) and the median coefficient error
 * ‖Ξ − Ξ_true‖/‖Ξ_true‖. Clean data are generated once; each (noise, seed) dataset is shared
 * by all methods, so the methods see identical noise.
 *
 * Pure and plain-data in and out (it runs in the playground's worker): progress after every
 * fit, a Stop check before every fit (a stopped sweep returns what it has, stopped: true).
 */
import { sampleSystem } from '../data/generate';
import { addNoise } from '../data/noise';
import { compareWithTruth } from '../model/metrics';
import { getSystem } from '../systems/registry';
import { err, ok, type Dataset, type Result } from '../types';
import { fitWithMethod, labMethods, type LabFitSettings, type LabMethod } from './methods';
import { median } from '../stats';

export interface NoiseSweepSettings extends LabFitSettings {
  systemId: string;
  /** parameter overrides (defaults: the system's) */
  params?: Record<string, number>;
  x0?: number[];
  tEnd?: number;
  dt?: number;
  /** noise levels as fractions of each state's standard deviation, e.g. [0, 0.05, 0.1] */
  noiseLevels: number[];
  methods: LabMethod[];
  /** one noisy dataset per seed and level */
  seeds: number[];
}

/** Result of one method at one noise level, over the seeds. */
export interface SweepCell {
  method: LabMethod;
  noise: number;
  /** fits attempted (seeds done) */
  runs: number;
  /** fits that found exactly the true terms */
  successes: number;
  successRate: number;
  /** median over seeds of ‖Ξ − Ξ_true‖ / ‖Ξ_true‖ (NaN if no fit succeeded technically) */
  medianCoefficientError: number;
  /** fits that returned an error (counted as not recovered); the first message */
  failures: number;
  firstError: string | null;
  medianMs: number;
  /** median over the fits of the number of terms found that are not in the true equations */
  medianExtra: number;
  /** how many fits found each extra term, keyed `state|term` (e.g. 'z|1': the constant in ż) */
  extras: Record<string, number>;
}

export interface NoiseSweepResult {
  systemId: string;
  cells: SweepCell[];
  done: number;
  total: number;
  stopped: boolean;
}

/** Most fits a sweep may run (keeps a worker run bounded). */
export const MAX_SWEEP_FITS = 2000;


/** Validate the grid: known methods, levels in [0, 2], at least one of each, bounded size. */
export function validateSweep(s: NoiseSweepSettings): Result<NoiseSweepSettings> {
  if (s.noiseLevels.length === 0 || s.methods.length === 0 || s.seeds.length === 0) {
    return err('The noise sweep needs at least one noise level, one method and one seed.');
  }
  const badLevel = s.noiseLevels.find((v) => !(v >= 0 && v <= 2));
  if (badLevel !== undefined) return err(`Noise level ${badLevel} is out of range: use fractions from 0 to 2 (0.1 = 10 % of each state's standard deviation).`);
  const badMethod = s.methods.find((mth) => !labMethods.includes(mth));
  if (badMethod !== undefined) return err(`Unknown method '${String(badMethod)}': use one of ${labMethods.join(', ')}.`);
  if (s.seeds.some((x) => !Number.isFinite(x))) return err('Every seed must be a finite number.');
  const total = s.noiseLevels.length * s.methods.length * s.seeds.length;
  if (total > MAX_SWEEP_FITS) return err(`The sweep would run ${total} fits; the limit is ${MAX_SWEEP_FITS}. Use fewer levels, methods or seeds.`);
  return ok(s);
}

/** Clean data and the true coefficients of the named system. */
function cleanData(s: NoiseSweepSettings): Result<{ ds: Dataset; truth: Record<string, Record<string, number>> }> {
  const sys = getSystem(s.systemId);
  if (!sys) return err(`Unknown system '${s.systemId}'. Pick one from the list.`);
  const params: Record<string, number> = {};
  for (const p of sys.params) params[p.id] = s.params?.[p.id] ?? p.value;
  const truth = sys.truth(params);
  if (!truth) return err(`${sys.label} is not a finite sum of library terms, so recovery cannot be scored. Pick another system.`);
  const ds = sampleSystem(sys, { params, x0: s.x0 ?? sys.x0, tEnd: s.tEnd ?? sys.tEnd, dt: s.dt ?? sys.dt });
  return ds.ok ? ok({ ds: ds.value, truth }) : ds;
}

/** Running tally of one (method, noise) cell. */
interface Tally {
  method: LabMethod; noise: number; errors: number[]; ms: number[]; runs: number; ok: number; fail: number; first: string | null;
  extraCounts: number[]; extras: Record<string, number>;
}

/** Fit one noisy dataset with one method and add the outcome to its tally. */
function tallyFit(a: Tally, noisy: Dataset, s: NoiseSweepSettings, truth: Record<string, Record<string, number>>): void {
  const r = fitWithMethod(noisy, a.method, s);
  a.runs++;
  if (!r.ok) { a.fail++; a.first ??= r.error; return; }
  const c = compareWithTruth(noisy.stateNames, r.value.features, r.value.coefficients, truth);
  if (c.recovered) a.ok++;
  a.errors.push(c.coefficientError);
  a.extraCounts.push(c.extra.length);
  for (const e of c.extra) a.extras[`${e.state}|${e.term}`] = (a.extras[`${e.state}|${e.term}`] ?? 0) + 1;
  a.ms.push(r.value.ms);
}

function cellOf(a: Tally): SweepCell {
  return {
    method: a.method, noise: a.noise, runs: a.runs, successes: a.ok, successRate: a.runs ? a.ok / a.runs : NaN,
    medianCoefficientError: median(a.errors), failures: a.fail, firstError: a.first, medianMs: median(a.ms),
    medianExtra: median(a.extraCounts), extras: { ...a.extras },
  };
}

export function noiseSweep(
  s: NoiseSweepSettings, onProgress?: (done: number, total: number) => void, shouldStop?: () => boolean,
): Result<NoiseSweepResult> {
  const v = validateSweep(s);
  if (!v.ok) return v;
  const clean = cleanData(s);
  if (!clean.ok) return clean;
  const { ds, truth } = clean.value;
  const total = s.noiseLevels.length * s.methods.length * s.seeds.length;
  // tallies[level][method], in the order of the settings
  const tallies = s.noiseLevels.map((noise) => s.methods.map((method): Tally => (
    { method, noise, errors: [], ms: [], runs: 0, ok: 0, fail: 0, first: null, extraCounts: [], extras: {} })));
  let done = 0;
  let stopped = false;
  outer: for (let l = 0; l < s.noiseLevels.length; l++) {
    const noise = s.noiseLevels[l]!;
    for (const seed of s.seeds) {
      const noisy = noise > 0 ? addNoise(ds, noise, seed) : ds;
      for (let q = 0; q < s.methods.length; q++) {
        if (shouldStop?.()) { stopped = true; break outer; }
        tallyFit(tallies[l]![q]!, noisy, s, truth);
        onProgress?.(++done, total);
      }
    }
  }
  return ok({ systemId: s.systemId, cells: tallies.flat().map(cellOf), done, total, stopped });
}

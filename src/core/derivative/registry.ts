/**
 * The derivative estimators, by id. SINDy regresses dy/dt on the library Θ(y), so the
 * derivative estimate is the first layer of every fit (Brunton, Proctor & Kutz 2016, PNAS
 * 113:3932). Settings are plain data (they cross the worker boundary and live in the URL);
 * `differentiate` checks the input, validates the settings and dispatches on `method`.
 */
import { finiteDifference } from './finiteDifference';
import { checkSavgol, savitzkyGolay, SAVGOL_MAX_ORDER, type SavgolSettings } from './savitzkyGolay';
import { checkSmoothedFd, smoothedFiniteDifference, SMOOTHED_FD_DEFAULTS, type SmoothedFdSettings } from './smoothedFiniteDifference';
import { checkTv, totalVariation, TV_ALPHA_RANGE, TV_MAX_ITERATIONS, type TvSettings } from './totalVariation';
import { allFinite } from '../linalg/dense';
import { limit, type Choice } from '../limits';
import { err, ok, type Result } from '../types';

export type { SavgolSettings } from './savitzkyGolay';
export type { TvSettings } from './totalVariation';
export type { SmoothedFdSettings } from './smoothedFiniteDifference';
export interface FdSettings { method: 'fd' }

export type DerivativeSettings = FdSettings | SavgolSettings | TvSettings | SmoothedFdSettings;
export type DerivativeId = DerivativeSettings['method'];

/**
 * Limits and defaults of the methods' numeric settings: the one source for the playground's
 * controls, its URL codec and the CLI.
 *  - Savitzky–Golay: window 11, order 3 by default (PySINDy's SmoothedFiniteDifference); the
 *    order goes up to SAVGOL_MAX_ORDER (the monomial Gram matrix stays well conditioned), the
 *    window to 201 samples (the engine also checks it is odd and no longer than the data).
 *  - Total variation: the range checkTv accepts; α = 1 is the data-independent default that
 *    totalVariation.ts calibrates (within 1.1× of the best α in 12 of 14 test cases).
 */
export const derivativeLimits = Object.freeze({
  savgol: Object.freeze({
    window: limit({ min: 3, max: 201, integer: true, default: 11 }),
    order: limit({ min: 1, max: SAVGOL_MAX_ORDER, integer: true, default: 3 }),
  }),
  tv: Object.freeze({
    alpha: limit({ min: TV_ALPHA_RANGE[0], max: TV_ALPHA_RANGE[1], default: 1 }),
    iterations: limit({ min: 1, max: TV_MAX_ITERATIONS, integer: true, default: 20 }),
  }),
});

/** A numeric setting of a method, with the range its slider offers. */
export interface DerivativeParam { id: string; label: string; min: number; max: number; step: number; log?: boolean }
export interface DerivativeInfo { id: DerivativeId; label: string; description: string; params: readonly DerivativeParam[] }

export const derivativeMethods: readonly DerivativeInfo[] = Object.freeze([
  {
    id: 'fd', label: 'Finite differences', params: [],
    description: 'Slope of the parabola through each sample and its two neighbours (as PySINDy does): exact for clean data, but it amplifies noise.',
  },
  {
    id: 'savgol', label: 'Savitzky–Golay',
    description: 'Fits a polynomial to a window of samples around each point by least squares and takes its slope: a wider window smooths more noise away.',
    params: [
      { id: 'window', label: 'Window (samples)', min: derivativeLimits.savgol.window.min, max: derivativeLimits.savgol.window.max, step: 2 },
      { id: 'order', label: 'Polynomial order', min: derivativeLimits.savgol.order.min, max: derivativeLimits.savgol.order.max, step: 1 },
    ],
  },
  {
    id: 'tv', label: 'Total variation',
    description: 'Finds the derivative whose integral best matches the data while penalising its total up-and-down variation (Chartrand 2011): robust to noise, keeps kinks sharp.',
    params: [
      { id: 'alpha', label: 'Regularisation α', min: derivativeLimits.tv.alpha.min, max: derivativeLimits.tv.alpha.max, step: 0.01, log: true },
      { id: 'iterations', label: 'Iterations', min: derivativeLimits.tv.iterations.min, max: derivativeLimits.tv.iterations.max, step: 1 },
    ],
  },
  {
    id: 'smoothed-fd', label: 'Smoothed finite differences (PySINDy)',
    description: "PySINDy's SmoothedFiniteDifference: smooths each state with scipy's Savitzky–Golay filter (a local polynomial's value), then takes finite differences; what most PySINDy users run on noisy data.",
    params: [
      { id: 'window', label: 'Smoothing window (samples)', min: 3, max: 101, step: 2 },
      { id: 'order', label: 'Polynomial order', min: 0, max: 10, step: 1 },
    ],
  },
]);

export const defaultDerivative: { fd: FdSettings; savgol: SavgolSettings; tv: TvSettings; 'smoothed-fd': SmoothedFdSettings } = Object.freeze({
  fd: Object.freeze({ method: 'fd' }) as FdSettings,
  savgol: Object.freeze({ method: 'savgol', window: derivativeLimits.savgol.window.default, order: derivativeLimits.savgol.order.default }) as SavgolSettings,
  tv: Object.freeze({ method: 'tv', alpha: derivativeLimits.tv.alpha.default, iterations: derivativeLimits.tv.iterations.default }) as TvSettings,
  'smoothed-fd': Object.freeze({ method: 'smoothed-fd', ...SMOOTHED_FD_DEFAULTS }) as SmoothedFdSettings,
});

/** The methods as choices (id and label), in the registry's order. */
export const derivativeChoices: readonly Choice<DerivativeId>[] = Object.freeze(derivativeMethods.map(({ id, label }) => Object.freeze({ id, label })));

/** Range checks with messages that name the setting and the allowed range. */
export function validateDerivative(s: DerivativeSettings, nSamples: number): Result<DerivativeSettings> {
  const problem = settingsProblem(s, nSamples);
  return problem === null ? ok(s) : err(problem);
}

function settingsProblem(s: DerivativeSettings, nSamples: number): string | null {
  switch (s.method) {
    case 'fd':
      return nSamples >= 3 ? null : `Finite differences need at least 3 samples per trajectory, but there are ${nSamples}. Load or generate more samples.`;
    case 'savgol': return checkSavgol(s, nSamples);
    case 'tv': return checkTv(s, nSamples);
    case 'smoothed-fd': return checkSmoothedFd(s, nSamples);
    default: {
      const id: unknown = (s as { method?: unknown }).method;
      return `Unknown derivative method '${String(id)}': use one of ${derivativeMethods.map((m) => m.id).join(', ')}.`;
    }
  }
}

/**
 * dy/dt of one trajectory.
 * t: nSamples strictly increasing (uniform or irregular); y, result: nSamples × nStates row-major.
 */
export function differentiate(t: Float64Array, y: Float64Array, nStates: number, s: DerivativeSettings): Result<Float64Array> {
  const problem = inputProblem(t, y, nStates) ?? settingsProblem(s, t.length);
  if (problem !== null) return err(problem);
  switch (s.method) {
    case 'fd': return finiteDifference(t, y, nStates);
    case 'savgol': return savitzkyGolay(t, y, nStates, s);
    case 'tv': return totalVariation(t, y, nStates, s);
    case 'smoothed-fd': return smoothedFiniteDifference(t, y, nStates, s);
  }
}

/** Shape, finiteness and strictly increasing times; null when the input is usable. */
function inputProblem(t: Float64Array, y: Float64Array, nStates: number): string | null {
  const n = t.length;
  if (!(Number.isInteger(nStates) && nStates >= 1)) return `The number of states must be a whole number ≥ 1 (got ${nStates}).`;
  if (y.length !== n * nStates) {
    return `The data has ${y.length} values but ${n} times × ${nStates} states need ${n * nStates}. Check that every row has a value for every state.`;
  }
  for (let i = 0; i < n; i++) {
    const ti = t[i]!;
    if (!Number.isFinite(ti)) return `Time at sample ${i + 1} is not a finite number. Remove or fix that row.`;
    if (i > 0 && !(ti > t[i - 1]!)) {
      return `Times must be strictly increasing, but sample ${i + 1} (t = ${ti}) does not come after sample ${i} (t = ${t[i - 1]}). Sort the rows or remove repeated times.`;
    }
  }
  if (allFinite(y)) return null; // the usual case, one branch-free pass
  for (let k = 0; k < y.length; k++) {
    if (!Number.isFinite(y[k]!)) {
      return `State ${(k % nStates) + 1} is not a finite number at sample ${Math.floor(k / nStates) + 1}. Remove or fill in missing values.`;
    }
  }
  return null;
}

/**
 * Every user setting of the playground, as plain data: ids and numbers only, so the whole
 * object can cross the worker boundary and be written into a URL (see url.ts).
 * Ranges live here, in one frozen table taken from the core registries, so the URL codec
 * clamps to exactly what the controls allow and what the CLI accepts.
 */
import { defaultParams, getSystem, systems, type DynamicalSystem } from '../core/systems/registry';

import { sampleCountOf } from '../core/data/generate';
import { seedLimit } from '../core/data/rng';
import { derivativeLimits, type DerivativeId } from '../core/derivative/registry';
import { ensembleLimits } from '../core/ensemble/settings';
import { libraryLimits, MAX_EXPRESSION_LENGTH } from '../core/library/limits';
import type { NumericLimit } from '../core/limits';
import { optimizerLimits, type SparseMethodId } from '../core/optimize/registry';
import { weakLimits } from '../core/weak/settings';
import { labMethods, type LabMethod } from '../core/lab/methodIds';
import { err, ok, type Result } from '../core/types';

/** ids of the core registries: a method added there is a choice here (and in the URL) */
export type DerivMethod = DerivativeId;
/** strong form: regress on estimated ẏ; weak form: integrate against test functions (no ẏ) */
export type Formulation = 'strong' | 'weak';
/** which view the results column shows */
export type View = 'fit' | 'lab';
export type OptMethod = SparseMethodId;
export type DataSource = 'system' | 'upload';

export interface Settings {
  source: DataSource;
  /** registry id of the system (also kept while uploaded data is shown) */
  system: string;
  params: Record<string, number>;
  x0: number[];
  tEnd: number;
  /** sample step */
  dt: number;
  irregular: boolean;
  /** noise σ_j as % of state j's standard deviation */
  noise: number;
  seed: number;
  deriv: DerivMethod;
  sgWindow: number;
  sgOrder: number;
  tvAlpha: number;
  tvIter: number;
  degree: number;
  bias: boolean;
  fourier: number;
  /** custom library terms, mathjs text (validated by core/library/expression.ts, never evaluated here) */
  terms: string[];
  form: Formulation;
  /** weak form: number of test functions K, support width (0 auto, <1 fraction of span, ≥2 samples), order p, GLS */
  weakK: number;
  weakSupport: number;
  weakOrder: number;
  gls: boolean;
  opt: OptMethod;
  threshold: number;
  /** MSTLS relative threshold λ in (0, 1); 0 = chosen per equation by the fit/sparsity loss */
  mlam: number;
  alpha: number;
  nu: number;
  regularizer: 'l0' | 'l1';
  maxIter: number;
  normalize: boolean;
  /** E-SINDy: number of bagged models (0 = off), inclusion threshold, library bagging */
  ens: number;
  ensInc: number;
  ensLib: boolean;
  /**
   * The fitting method: 'sindy' is the SINDy family, driven by the controls above (strong or
   * weak form, ensemble); any other id is a registered method that declares its settings
   * (core/methods/catalog.ts), whose values are in `methodSettings`.
   */
  method: string;
  /** the chosen method's settings that differ from its defaults (key → value; the link's m.<key>) */
  methodSettings: Record<string, MethodValue>;
  /**
   * A formula picked on the Pareto front, per state: its complexity, 0 = the method's own
   * choice (the link's pick=…; cleared when anything else changes, as the fronts then do)
   */
  pick: number[];
  /** uploaded data: the file name (display only) and the column roles */
  file: string;
  timeColumn: string;
  stateColumns: string[];
}

/** A value of a method's declared setting (core/methods/types.ts MethodField). */
export type MethodValue = string | number | boolean;

/** The page's choice for the SINDy family (not a registered id: it is resolved in spec.ts). */
export const SINDY_FAMILY = 'sindy';

export interface Range { min: number; max: number; integer?: boolean }

/** The range of a core registry's limit, without its default (the controls spread it as props). */
const rangeOf = (l: NumericLimit): Range => (l.integer ? { min: l.min, max: l.max, integer: true } : { min: l.min, max: l.max });

/**
 * Allowed ranges of the numeric settings (the controls and the URL codec share them). The
 * fitting settings' ranges come from the core registries (derivativeLimits, libraryLimits,
 * optimizerLimits, weakLimits, ensembleLimits), which the CLI reads too; only the
 * playground's own settings (span, step, noise, x0, the noise lab) are set here; the seed's range is
 * the one core/data/rng.ts gives every seed.
 */
export const RANGES = Object.freeze({
  tEnd: { min: 0.1, max: 1000 },
  dt: { min: 1e-4, max: 10 },
  noise: { min: 0, max: 100 },
  seed: rangeOf(seedLimit),
  sgWindow: rangeOf(derivativeLimits.savgol.window),
  sgOrder: rangeOf(derivativeLimits.savgol.order),
  tvAlpha: rangeOf(derivativeLimits.tv.alpha),
  tvIter: rangeOf(derivativeLimits.tv.iterations),
  degree: rangeOf(libraryLimits.degree),
  fourier: rangeOf(libraryLimits.fourier),
  threshold: rangeOf(optimizerLimits.threshold),
  mlam: rangeOf(optimizerLimits.mstlsLambda),
  alpha: rangeOf(optimizerLimits.alpha),
  nu: rangeOf(optimizerLimits.nu),
  maxIter: rangeOf(optimizerLimits.maxIter),
  x0: { min: -1e4, max: 1e4 },
  weakK: rangeOf(weakLimits.testFunctions),
  weakSupport: rangeOf(weakLimits.support),
  weakOrder: rangeOf(weakLimits.order),
  /** 0 = off, else 2 … the ensemble's maximum (1 is rejected with a note) */
  ens: { min: 0, max: ensembleLimits.models.max, integer: true },
  ensInc: rangeOf(ensembleLimits.inclusion),
  labSeeds: { min: 1, max: 20, integer: true },
  labLevel: { min: 0, max: 200 },
} satisfies Record<string, Range>);

/** Largest number of samples a generated dataset may have (keeps the page responsive). */
export const MAX_SAMPLES = 200_000;
/** Custom terms: as many, and as long, as the core's expression parser accepts. */
export const MAX_TERMS = libraryLimits.custom.max;
export const MAX_TERM_LENGTH = MAX_EXPRESSION_LENGTH;
export const DEFAULT_SYSTEM = 'lorenz';

export function clamp(v: number, r: Range): number {
  const x = Math.min(r.max, Math.max(r.min, v));
  return r.integer ? Math.round(x) : x;
}

export function systemOrDefault(id: string): DynamicalSystem {
  return getSystem(id) ?? getSystem(DEFAULT_SYSTEM) ?? systems[0]!;
}

/** Settings for a system: its defaults and suggested library and threshold. */
export function defaultSettings(systemId = DEFAULT_SYSTEM): Settings {
  const sys = systemOrDefault(systemId);
  const { degree, fourier, bias, threshold } = sys.suggested;
  const { savgol: sg, tv } = derivativeLimits;
  const opt = optimizerLimits;
  return {
    source: 'system', system: sys.id, params: defaultParams(sys), x0: [...sys.x0],
    tEnd: sys.tEnd, dt: sys.dt, irregular: false, noise: 0, seed: 0,
    deriv: 'fd', sgWindow: sg.window.default, sgOrder: sg.order.default, tvAlpha: tv.alpha.default, tvIter: tv.iterations.default,
    degree, bias, fourier, terms: [],
    form: 'strong', weakK: weakLimits.testFunctions.default, weakSupport: weakLimits.support.default, weakOrder: weakLimits.order.default, gls: weakLimits.gls.default,
    opt: 'stlsq', threshold, mlam: opt.mstlsLambda.default, alpha: opt.alpha.default, nu: opt.nu.default, regularizer: 'l0', maxIter: opt.maxIter.default, normalize: false,
    ens: 0, ensInc: ensembleLimits.inclusion.default, ensLib: ensembleLimits.libraryBagging.default,
    method: SINDY_FAMILY, methodSettings: {}, pick: [],
    file: '', timeColumn: '', stateColumns: [],
  };
}

/** Models of an ensemble when the user switches it on (see ensembleLimits for why 20). */
export const DEFAULT_ENSEMBLE = ensembleLimits.models.default;

/**
 * The noise lab's grid: noise levels (% of each state's std), methods and seeds per level.
 * The system, library and optimizer are the playground's current settings.
 */
export interface LabSettings { levels: number[]; methods: LabMethod[]; seeds: number }
export const MAX_LAB_LEVELS = 12;
export { labMethods, type LabMethod };

/**
 * Noise-lab levels from text ('0, 1, 5, 10', % of each state's std): plain decimals within
 * RANGES.labLevel, at most MAX_LAB_LEVELS, returned sorted without repeats. Shared by the
 * levels field and the URL codec.
 */
export function parseLabLevels(text: string): Result<number[]> {
  const parts = text.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (parts.length === 0) return err('Enter at least one level.');
  if (parts.length > MAX_LAB_LEVELS) return err(`At most ${MAX_LAB_LEVELS} levels.`);
  const bad = parts.find((x) => !/^\d+(\.\d*)?$|^\.\d+$/.test(x) || Number(x) > RANGES.labLevel.max);
  if (bad !== undefined) return err(`'${bad.slice(0, 12)}' is not a level from ${RANGES.labLevel.min} to ${RANGES.labLevel.max}.`);
  return ok([...new Set(parts.map(Number))].sort((a, b) => a - b));
}

export function defaultLabSettings(): LabSettings {
  return { levels: [0, 1, 2, 5, 10, 20], methods: ['fd', 'savgol', 'weak', 'ensemble'], seeds: 4 };
}

/** Number of samples a generated dataset will have. */
export function sampleCount(s: Pick<Settings, 'tEnd' | 'dt'>): number {
  return sampleCountOf(s.tEnd, s.dt);
}

/** Keep tEnd / dt under MAX_SAMPLES by enlarging dt if needed. */
export function capSamples(tEnd: number, dt: number): number {
  return sampleCount({ tEnd, dt }) > MAX_SAMPLES ? tEnd / (MAX_SAMPLES - 1) : dt;
}

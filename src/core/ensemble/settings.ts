/**
 * Settings of ensemble SINDy, E-SINDy (Fasel, Kutz, Brunton & Brunton, Proc. R. Soc. A 478,
 * 2022). Plain data: they cross the worker boundary and live in the URL.
 */
import { err, ok, type Result } from '../types';
import { limit } from '../limits';

export interface EnsembleSettings {
  /** N: number of bagged models */
  models: number;
  /** rows drawn (with replacement) per model, as a fraction of all rows, in (0, 1] */
  sampleFraction: number;
  /** library bagging: also drop a random subset of library terms from each model */
  libraryBagging: boolean;
  /** fraction of terms dropped per model when libraryBagging (at least one term); default 0.1 */
  dropFraction?: number;
  /** keep a term when it is nonzero in at least this fraction of the models, in (0, 1] */
  inclusionThreshold: number;
  seed: number;
  /**
   * how the bagged coefficients are combined: 'median' ("bragging", the more robust choice
   * in Fasel et al. 2022, §2b) or 'mean' (classical bagging, Breiman 1996); default 'median'
   */
  aggregate?: 'median' | 'mean';
  /** refit the reported model by least squares on the kept terms (default true) */
  refit?: boolean;
}

export const ensembleDefaults: Readonly<Required<EnsembleSettings>> = Object.freeze({
  models: 50,
  sampleFraction: 1,
  libraryBagging: false,
  dropFraction: 0.1,
  inclusionThreshold: 0.5,
  seed: 1,
  aggregate: 'median',
  refit: true,
});

/**
 * Limits and defaults of the ensemble settings a user sets: the one source for the
 * playground's controls, its URL codec and the CLI (inside what validateEnsemble accepts).
 *  - models: 20 when a user switches the ensemble on — a threshold drag stays live (one bagged
 *    model costs ≈ 0.4 ms on Lorenz, bench/refit.ts) and inclusion probabilities resolve to
 *    5 %; up to 500, whose refit still takes a fraction of a second. (ensembleDefaults.models,
 *    50, is the engine's fallback for callers that pass no settings at all.)
 *  - inclusion: keep a term found by at least this fraction of the models.
 */
export const ensembleLimits = Object.freeze({
  models: limit({
    min: 2, max: 500, integer: true, default: 20,
    typed: { min: 2, max: 10_000, why: 'a batch run has no threshold drag to keep live: thousands of models sharpen the inclusion probabilities, at ≈ 0.4 ms each' },
  }),
  inclusion: limit({ min: 0.05, max: 1, default: ensembleDefaults.inclusionThreshold }),
  libraryBagging: Object.freeze({ default: ensembleDefaults.libraryBagging }),
});

/** A fresh copy of the defaults. */
export function defaultEnsembleSettings(): EnsembleSettings {
  return { ...ensembleDefaults };
}

/** Range checks with messages that say which setting and what range is allowed. */
export function validateEnsemble(e: EnsembleSettings): Result<EnsembleSettings> {
  if (!(Number.isInteger(e.models) && e.models >= 2 && e.models <= 10000)) {
    return err(`The number of ensemble models N = ${e.models} is out of range: use a whole number from 2 to 10000 (20 to 100 is typical).`);
  }
  if (!(e.sampleFraction > 0 && e.sampleFraction <= 1)) {
    return err(`The sample fraction ${e.sampleFraction} is out of range: use a number above 0, at most 1.`);
  }
  const drop = e.dropFraction ?? ensembleDefaults.dropFraction;
  if (!(drop >= 0 && drop < 1)) return err(`The library drop fraction ${drop} is out of range: use a number from 0 up to (not including) 1.`);
  if (!(e.inclusionThreshold > 0 && e.inclusionThreshold <= 1)) {
    return err(`The inclusion threshold ${e.inclusionThreshold} is out of range: use a probability above 0, at most 1 (0.5 is typical).`);
  }
  if (!Number.isFinite(e.seed)) return err(`The ensemble seed ${e.seed} is not a finite number.`);
  return ok(e);
}

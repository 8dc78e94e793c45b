/**
 * Settings of weak-form SINDy (Messenger & Bortz, J. Comput. Phys. 2021; Reinbold, Gurevich &
 * Grigoriev, Phys. Rev. E 2020). Plain data: they cross the worker boundary and live in the URL.
 */
import { err, ok, type Result } from '../types';
import { limit } from '../limits';

export interface WeakSettings {
  /** K: number of test functions over all trajectories (shared out in proportion to their spans) */
  testFunctions: number;
  /**
   * Support width of each test function:
   *  0            automatic, from the Fourier spectrum of the data (see support.ts);
   *  0 < w < 1    a fraction of each trajectory's time span;
   *  w ≥ 2        a number of samples (width = w · median step).
   */
  support: number;
  /** p in φ(t) = C (t − a)^p (b − t)^p: φ has p − 1 continuous derivatives at the ends */
  order: number;
  /** generalised least squares: whiten the rows by the noise covariance V′V′ᵀ of b */
  gls: boolean;
}

/**
 * Defaults after WSINDy (Messenger & Bortz 2021): a few hundred overlapping test functions,
 * support chosen from the data, polynomial order high enough that φ′ is smooth at the ends.
 */
export const weakDefaults: Readonly<WeakSettings> = Object.freeze({
  testFunctions: 400,
  support: 0,
  order: 4,
  gls: false,
});

/**
 * Limits and defaults of the weak-form settings: the one source for the playground's controls,
 * its URL codec and the CLI (inside what validateWeak accepts, which also rejects a support
 * width in [1, 2): neither a fraction of the span nor a width of ≥ 2 samples).
 */
export const weakLimits = Object.freeze({
  testFunctions: limit({ min: 10, max: 5000, integer: true, default: weakDefaults.testFunctions }),
  support: limit({ min: 0, max: 100_000, default: weakDefaults.support }),
  order: limit({ min: 1, max: 16, integer: true, default: weakDefaults.order }),
  gls: Object.freeze({ default: weakDefaults.gls }),
});

/** A fresh copy of the defaults (settings are data, never shared mutably). */
export function defaultWeakSettings(): WeakSettings {
  return { ...weakDefaults };
}

/** Range checks with messages that say which setting and what range is allowed. */
export function validateWeak(w: WeakSettings): Result<WeakSettings> {
  const { testFunctions: k, support: s, order: p } = w;
  if (!(Number.isInteger(k) && k >= 2 && k <= 20000)) {
    return err(`The number of test functions K = ${k} is out of range: use a whole number from 2 to 20000 (a few hundred is typical).`);
  }
  if (!(Number.isFinite(s) && s >= 0 && s <= 1e7) || (s >= 1 && s < 2)) {
    return err(`The test-function support ${s} is not valid: use 0 (automatic), a fraction of the time span between 0 and 1, or a width of at least 2 samples.`);
  }
  if (!(Number.isInteger(p) && p >= 1 && p <= 32)) {
    return err(`The test-function order p = ${p} is out of range: use a whole number from 1 to 32 (4 to 8 is typical).`);
  }
  if (typeof w.gls !== 'boolean') return err('The GLS switch must be true or false.');
  return ok(w);
}

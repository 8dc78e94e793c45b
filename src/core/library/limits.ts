/**
 * Limits and defaults of the library settings, in a module that imports no engine code (no
 * mathjs), so the playground's main thread can read them: the one source for its controls, its
 * URL codec and the CLI. The engine's checks (library.ts, expression.ts) use the same maxima.
 * The defaults are PySINDy's (degree 2 with a constant term); the playground starts from each
 * system's suggested library instead.
 */
import { limit } from '../limits';
import { MAX_FOURIER } from './fourier';
import { MAX_DEGREE } from './polynomial';

/** Most custom terms in one library. */
export const MAX_CUSTOM = 20;
/** Longest custom term, in characters. */
export const MAX_EXPRESSION_LENGTH = 200;

export const libraryLimits = Object.freeze({
  degree: limit({ min: 0, max: MAX_DEGREE, integer: true, default: 2 }),
  fourier: limit({ min: 0, max: MAX_FOURIER, integer: true, default: 0 }),
  /** number of custom terms */
  custom: limit({ min: 0, max: MAX_CUSTOM, integer: true, default: 0 }),
  bias: Object.freeze({ default: true }),
});

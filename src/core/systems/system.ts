/**
 * What a named dynamical system is (the registry's entry type) and small helpers the system
 * files share. After PySINDy's `utils/odes.py`, but every system also carries its parameters
 * with ranges, its equations as text and LaTeX, and the true SINDy coefficients as a function
 * of the (editable) parameters, so the playground can score a fit against the truth.
 */
import type { Rhs } from '../types';

export interface SystemParam { id: string; label: string; latex: string; value: number; min: number; max: number; step: number }

/** Sparse coefficients: state -> canonical feature name ('x', 'x*z', 'x^2*y', 'sin(x)') -> coefficient. */
export type Truth = Record<string, Record<string, number>>;

export interface DynamicalSystem {
  id: string;
  label: string;
  description: string;
  /** e.g. ['x', 'y', 'z'] */
  stateNames: string[];
  /** defaults in .value */
  params: SystemParam[];
  /** default initial state, time span [0, tEnd], sample step */
  x0: number[];
  tEnd: number;
  dt: number;
  /** mathjs syntax per state, with parameter ids: 'sigma*(y - x)' */
  equations: string[];
  /** LaTeX per state with parameter symbols: '\\sigma (y - x)' */
  latex: string[];
  /** f(t, y) for these parameters; the returned closure allocates nothing per call */
  rhs(params: Record<string, number>): Rhs;
  /** true coefficients for these parameters; null if not a finite sum of library terms */
  truth(params: Record<string, number>): Truth | null;
  /** library and STLSQ threshold that recover the system from clean default data */
  suggested: { degree: number; fourier: number; bias: boolean; threshold: number };
}

export function param(id: string, label: string, latex: string, value: number, min: number, max: number, step: number): SystemParam {
  return { id, label, latex, value, min, max, step };
}

/**
 * The values of a system's parameters, by id, typed by the spec object so that reading a
 * known id gives a number. A missing entry falls back to the default value.
 */
export function readParams<K extends string>(params: Record<string, number>, specs: Record<K, SystemParam>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(specs) as K[]) out[key] = params[specs[key].id] ?? specs[key].value;
  return out;
}

/** Drop zero coefficients (a parameter set to 0 removes its term from the true model). */
export function sparse(truth: Truth): Truth {
  const out: Truth = {};
  for (const [state, terms] of Object.entries(truth)) {
    const row: Record<string, number> = {};
    for (const [name, c] of Object.entries(terms)) if (c !== 0) row[name] = c;
    out[state] = row;
  }
  return out;
}

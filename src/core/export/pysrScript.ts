/**
 * A Python script that runs a symbolic-regression search with PySR (Cranmer 2023, the Python
 * front end of SymbolicRegression.jl) on the same data, for users who outgrow one machine.
 * It reads the CSV it names, estimates dx/dt per trajectory the way the playground does
 * (python.ts: derivativeFunction), and fits one PySRRegressor per state on (states, dx_j/dt).
 *
 * Options are a plain object (operators by PySR's names, size limit, populations, iterations,
 * seed) so the playground's own genetic-programming engine can map its settings onto it; where
 * we have no value, PySR's own defaults are used. The search is deterministic (PySR requires a
 * seed, `deterministic=True` and `procs=0` for that), so the same script gives the same result.
 *
 * Operator names are checked against PySR's built-in operators: PySR would compile any other
 * string as Julia code, and a script must never run code that arrived in a settings object.
 */
import type { DerivativeSettings } from '../derivative/registry';
import type { GpSettings } from '../methods/gp/method';
import type { PipelineSpec } from '../methods/types';
import { err, ok, type Result } from '../types';
import { csvImports, csvReaderSection, dataComments, safeFileName, derivativeFunction, pyComment, pyList, pyStr, type CsvSource } from './python';

export interface PysrOptions {
  binaryOperators: string[];
  unaryOperators: string[];
  /** largest expression size (PySR's maxsize) */
  maxsize: number;
  populations: number;
  niterations: number;
  /** PySR's random_state */
  seed: number;
}

/** PySR 1.x's defaults for what the playground does not set. */
export const pysrDefaults: Readonly<PysrOptions> = Object.freeze({
  binaryOperators: ['+', '-', '*', '/'], unaryOperators: [], maxsize: 30, populations: 31, niterations: 100, seed: 0,
});

/** PySR's built-in operators (no Julia definitions). */
export const PYSR_BINARY = Object.freeze(['+', '-', '*', '/', '^', 'max', 'min', 'mod', 'cond', 'greater', 'logical_or', 'logical_and']);
export const PYSR_UNARY = Object.freeze([
  'neg', 'square', 'cube', 'exp', 'abs', 'log', 'log10', 'log2', 'log1p', 'sqrt', 'sin', 'cos', 'tan',
  'sinh', 'cosh', 'tanh', 'atan', 'asinh', 'acosh', 'atanh', 'asin', 'acos', 'erf', 'erfc', 'gamma',
  'relu', 'round', 'floor', 'ceil', 'sign', 'inv',
]);

/** Limits accepted (PySR itself needs maxsize ≥ 7). */
export const PYSR_LIMITS: Readonly<Record<'maxsize' | 'populations' | 'niterations' | 'seed', readonly [number, number]>> = Object.freeze({
  maxsize: [7, 1000], populations: [1, 10000], niterations: [1, 1000000], seed: [0, 2 ** 31 - 1],
});

export interface PysrSpec extends CsvSource {
  derivative: DerivativeSettings;
  options: PysrOptions;
  generatedBy?: string;
  /** the name the script is saved under, for the run line of its header (default search.py) */
  scriptName?: string;
}

/** Checks the options; the message names the bad one and what is allowed. */
export function validatePysrOptions(o: PysrOptions): Result<PysrOptions> {
  const unknownBinary = o.binaryOperators.find((op) => !PYSR_BINARY.includes(op));
  if (unknownBinary !== undefined) return err(`Binary operator '${unknownBinary}' is not one of PySR's built-in operators: use ${PYSR_BINARY.join(' ')}.`);
  const unknownUnary = o.unaryOperators.find((op) => !PYSR_UNARY.includes(op));
  if (unknownUnary !== undefined) return err(`Unary operator '${unknownUnary}' is not one of PySR's built-in operators: use ${PYSR_UNARY.join(' ')}.`);
  if (o.binaryOperators.length === 0) return err('The search needs at least one binary operator, e.g. + and *.');
  for (const key of ['maxsize', 'populations', 'niterations', 'seed'] as const) {
    const [lo, hi] = PYSR_LIMITS[key];
    const v = o[key];
    if (!(Number.isInteger(v) && v >= lo && v <= hi)) return err(`${key} = ${v} is out of range: use a whole number from ${lo} to ${hi}.`);
  }
  return ok(o);
}

/**
 * The PySR search that continues a fit: the symbolic search's own operators, size limit,
 * populations, iterations and seed; for a SINDy-family fit, PySR's defaults with `seed`.
 * Operators PySR does not know are left out (the playground's are all PySR built-ins).
 */
export function pysrOptionsOf(p: PipelineSpec, seed: number): PysrOptions {
  if (p.method.id !== 'gp') return { ...pysrDefaults, binaryOperators: [...pysrDefaults.binaryOperators], unaryOperators: [], seed };
  const g = p.method.settings as Partial<GpSettings>;
  const ops = (g.operators ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const binary = ops.filter((o) => PYSR_BINARY.includes(o));
  return {
    binaryOperators: binary.length ? binary : [...pysrDefaults.binaryOperators],
    unaryOperators: ops.filter((o) => PYSR_UNARY.includes(o)),
    maxsize: Math.max(7, g.maxsize ?? pysrDefaults.maxsize),
    populations: g.populations ?? pysrDefaults.populations,
    niterations: g.iterations ?? pysrDefaults.niterations,
    seed: g.seed ?? seed,
  };
}

export function pysrScript(spec: PysrSpec): string {
  const o = spec.options;
  const needsSavgol = spec.derivative.method === 'savgol' || spec.derivative.method === 'smoothed-fd';
  return [
    '"""Search for the equations behind a SINDy Playground data set with PySR (symbolic regression).',
    '',
    `Run: pip install pysr, then python ${safeFileName(spec.scriptName ?? '', 'search.py')}${spec.scriptName ? '' : ' (this file saved as search.py)'}.`,
    'Each state\'s derivative is estimated as in the playground, then PySR searches dx/dt = f(states).',
    '"""',
    ...(spec.generatedBy ? [pyComment(`Made by: ${spec.generatedBy}`)] : []),
    ...dataComments(spec),
    ...csvImports(spec),
    '',
    'import numpy as np',
    ...(needsSavgol ? ['from scipy.signal import savgol_filter'] : []),
    'from pysr import PySRRegressor',
    '',
    ...csvReaderSection(spec),
    '',
    '',
    ...derivativeFunction(spec.derivative),
    '',
    '',
    't, x = read_trajectories(CSV_PATH)',
    'X = np.vstack(x)',
    'Y = np.vstack([derivative(xi, ti) for xi, ti in zip(x, t)])',
    '',
    'OPTIONS = dict(',
    `    binary_operators=${pyList(o.binaryOperators.map(pyStr))},`,
    `    unary_operators=${pyList(o.unaryOperators.map(pyStr))},`,
    `    maxsize=${o.maxsize},`,
    `    populations=${o.populations},`,
    `    niterations=${o.niterations},`,
    `    random_state=${o.seed},`,
    '    deterministic=True,  # with random_state and procs=0: the same search every run',
    '    procs=0,',
    ')',
    '',
    'models = {}',
    'for j, name in enumerate(STATE_COLUMNS):',
    '    model = PySRRegressor(**OPTIONS)',
    '    model.fit(X, Y[:, j], variable_names=STATE_COLUMNS)',
    '    models[name] = model',
    '',
    'if __name__ == "__main__":',
    '    for name, model in models.items():',
    '        print(f"d{name}/dt = {model.sympy()}")',
    '',
  ].join('\n');
}

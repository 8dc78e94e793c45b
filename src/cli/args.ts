/**
 * Command-line options → FitSettings. Pure (no fs, no process) so it is unit-tested.
 * Every bad option is a one-line message that names it and the allowed values.
 */
import type { FitSettings } from '../core/pipeline/fit';
import { mstlsDefaults, type SparseSettings } from '../core/optimize/mstls';
import { weakDefaults } from '../core/weak/settings';
import { err, ok, type Result } from '../core/types';
import { parseDecimal } from '../core/data/csvNumber';
import { MAX_STATES } from '../core/data/csvLimits';
import { excerpt } from '../core/text';

/** FitSettings whose optimizer may also be MSTLS (not in the optimizer registry). */
export interface CliFitSettings extends Omit<FitSettings, 'optimizer'> { optimizer: SparseSettings }

export interface CliOptions {
  command: 'fit' | 'help';
  file: string;
  json: boolean;
  timeColumn?: string;
  /** --states: the state columns to fit, by name (default: every column but time and trajectory) */
  states?: string[];
  repeats: number;
  settings: CliFitSettings;
  method: 'sindy' | 'weak';
  testFunctions: number;
  support: number;
  /** weak form: generalised least squares (reweight by the residual covariance) */
  gls: boolean;
  /** N bagged models (E-SINDy); 0 = no ensemble */
  ensemble: number;
  /** E-SINDy: keep terms nonzero in at least this fraction of the models */
  inclusion: number;
  seed: number;
}

interface OptSpec { flag: string; arg?: string; help: string }

export const OPTIONS: readonly OptSpec[] = [
  { flag: '--json', help: 'print one JSON object (states, features, coefficients, equations, timings; with --ensemble also ensemble) and nothing else' },
  { flag: '--time', arg: 'NAME', help: "the time column (default: the column named t or time, else the first column)" },
  { flag: '--states', arg: 'a,b,c', help: `the state columns to fit, at most ${MAX_STATES} (default: every column but time and trajectory)` },
  { flag: '--degree', arg: 'N', help: 'polynomial library degree, 0–6 (default 2)' },
  { flag: '--no-bias', help: 'leave the constant term 1 out of the library' },
  { flag: '--fourier', arg: 'K', help: 'add sin(k·x), cos(k·x) for k = 1..K, 0–10 (default 0)' },
  { flag: '--terms', arg: '"expr;expr"', help: 'custom library terms in mathjs syntax, e.g. "exp(-x);x/(1+y)"' },
  { flag: '--optimizer', arg: 'stlsq|lasso|sr3|mstls', help: 'sparse regression method (default stlsq); mstls: scale-aware thresholds, λ chosen per equation (Messenger & Bortz 2021)' },
  { flag: '--threshold', arg: 'T', help: 'sparsity threshold of STLSQ and SR3 (default 0.1); with mstls a fixed relative λ in (0, 1), e.g. 0.05, instead of the automatic choice' },
  { flag: '--alpha', arg: 'A', help: 'ridge α of STLSQ, or the L1 weight of LASSO (default 0.05)' },
  { flag: '--normalize', help: 'scale every library column to unit norm before thresholding' },
  { flag: '--derivative', arg: 'fd|savgol|tv', help: 'derivative estimate (default fd: PySINDy\'s second-order finite differences)' },
  { flag: '--window', arg: 'W', help: 'Savitzky–Golay window in samples, odd (default 11)' },
  { flag: '--poly-order', arg: 'P', help: 'Savitzky–Golay polynomial order (default 3)' },
  { flag: '--tv-alpha', arg: 'A', help: 'total-variation regularisation weight (default: see derivative registry)' },
  { flag: '--method', arg: 'sindy|weak', help: 'sindy (pointwise derivatives) or weak (weak form: no derivatives)' },
  { flag: '--test-functions', arg: 'K', help: `weak form: number of test functions (default ${weakDefaults.testFunctions})` },
  { flag: '--support', arg: 'W', help: 'weak form: test-function support width in samples, or below 1 a fraction of the time span (default: automatic, from the data\'s spectrum)' },
  { flag: '--gls', help: 'weak form: generalised least squares, reweighting by the residual covariance (slower)' },
  { flag: '--ensemble', arg: 'N', help: 'E-SINDy: fit N models (2–10000) on bootstrap resamples of the rows (samples, or test functions with --method weak); report inclusion probabilities and coefficient spread' },
  { flag: '--inclusion', arg: 'P', help: 'E-SINDy: keep the terms nonzero in at least this fraction of the models, in (0, 1] (default 0.5)' },
  { flag: '--seed', arg: 'S', help: 'seed of the ensemble\'s resampling, 0 to 2^31−1 (default 0); the same seed gives the same output' },
  { flag: '--repeats', arg: 'R', help: 'run the fit R times; timings.fitMs is the median (default 1)' },
  { flag: '--help', help: 'show this help' },
];

export function helpText(): string {
  const rows = OPTIONS.map((o) => `  ${(o.flag + (o.arg ? ' ' + o.arg : '')).padEnd(34)} ${o.help}`);
  return [
    'SINDy Playground CLI: discover the equations behind a dynamical system from a CSV.',
    '',
    'Usage: npm run -s cli -- fit DATA.csv [options]',
    '',
    'DATA.csv: a header row, a time column, one column per state, and optionally a',
    "'trajectory' column telling several trajectories apart. '#' starts a comment line.",
    '',
    'Options:',
    ...rows,
    '',
    'Example: npm run -s cli -- fit lorenz.csv --degree 2 --threshold 0.1 --json',
  ].join('\n');
}

function num(flag: string, v: string | undefined, lo: number, hi: number, integer = false): Result<number> {
  if (v === undefined || v.startsWith('--')) return err(`${flag} needs a value (${integer ? 'a whole number' : 'a number'} from ${lo} to ${hi}).`);
  // Plain decimals only, as in CSV cells: Number would also take '0x10', '0b1', '' and ' 1 '.
  const x = parseDecimal(v);
  if (Number.isNaN(x) || x < lo || x > hi || (integer && !Number.isInteger(x))) {
    return err(`${flag} ${excerpt(v)}: expected ${integer ? 'a whole number' : 'a number'} from ${lo} to ${hi}.`);
  }
  return ok(x);
}

function pick<T extends string>(flag: string, v: string | undefined, allowed: readonly T[]): Result<T> {
  return allowed.includes(v as T) ? ok(v as T) : err(`${flag} ${v ?? ''}: expected one of ${allowed.join(', ')}.`.replace(' :', ':'));
}

interface Pending { threshold?: number; alpha?: number; derivative?: 'fd' | 'savgol' | 'tv'; window?: number; order?: number; tvAlpha?: number }

/** Options while parsing: numeric settings whose meaning depends on other flags wait in `pending`. */
type Building = CliOptions & { pending: Pending };

type Handler = (o: Building, value: string | undefined) => Result<void>;

const setNum = (flag: string, lo: number, hi: number, integer: boolean, apply: (o: Building, x: number) => void): Handler =>
  (o, v) => {
    const r = num(flag, v, lo, hi, integer);
    if (!r.ok) return r;
    apply(o, r.value);
    return ok(undefined);
  };

/** Flags that take a value, and how each applies to the options. */
const VALUE_FLAGS: Record<string, Handler> = {
  '--time': (o, v) => (v === undefined ? err('--time needs a column name.') : ((o.timeColumn = v), ok(undefined))),
  '--states': (o, v) => {
    const names = (v ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (names.length === 0) return err('--states needs column names separated by commas, e.g. --states x,y,z.');
    o.states = names;
    return ok(undefined);
  },
  '--degree': setNum('--degree', 0, 6, true, (o, x) => { o.settings.library.degree = x; }),
  '--fourier': setNum('--fourier', 0, 10, true, (o, x) => { o.settings.library.fourier = x; }),
  '--terms': (o, v) => {
    if (v === undefined) return err('--terms needs expressions separated by ";", e.g. "exp(-x);x/(1+y)".');
    o.settings.library.custom = v.split(';').map((s) => s.trim()).filter((s) => s !== '');
    return ok(undefined);
  },
  '--optimizer': (o, v) => {
    const r = pick('--optimizer', v, ['stlsq', 'lasso', 'sr3', 'mstls'] as const);
    if (!r.ok) return r;
    if (r.value === 'mstls') {
      // λ is relative (a share of the equation's balance), so STLSQ's threshold does not carry over.
      o.settings.optimizer = { method: 'mstls', threshold: mstlsDefaults.threshold, alpha: mstlsDefaults.alpha, maxIter: mstlsDefaults.maxIter };
      return ok(undefined);
    }
    const prev = o.settings.optimizer;
    const threshold = 'threshold' in prev ? prev.threshold : 0.1;
    const alpha = 'alpha' in prev ? prev.alpha : 0.05;
    o.settings.optimizer = r.value === 'stlsq' ? { method: 'stlsq', threshold, alpha, maxIter: 20 }
      : r.value === 'lasso' ? { method: 'lasso', alpha, maxIter: 1000, tol: 1e-8, unbias: true }
        : { method: 'sr3', threshold, nu: 1, regularizer: 'l0', maxIter: 1000, tol: 1e-8, unbias: true };
    return ok(undefined);
  },
  '--threshold': setNum('--threshold', 0, 1e6, false, (o, x) => { o.pending.threshold = x; }),
  '--alpha': setNum('--alpha', 0, 1e6, false, (o, x) => { o.pending.alpha = x; }),
  '--derivative': (o, v) => {
    const r = pick('--derivative', v, ['fd', 'savgol', 'tv'] as const);
    if (!r.ok) return r;
    o.pending.derivative = r.value;
    return ok(undefined);
  },
  '--window': setNum('--window', 3, 100001, true, (o, x) => { o.pending.window = x; }),
  '--poly-order': setNum('--poly-order', 1, 10, true, (o, x) => { o.pending.order = x; }),
  '--tv-alpha': setNum('--tv-alpha', 0, 1e6, false, (o, x) => { o.pending.tvAlpha = x; }),
  '--method': (o, v) => {
    const r = pick('--method', v, ['sindy', 'weak'] as const);
    if (!r.ok) return r;
    o.method = r.value;
    return ok(undefined);
  },
  '--test-functions': setNum('--test-functions', 0, 100000, true, (o, x) => { o.testFunctions = x; }),
  '--support': setNum('--support', 0, 1000000, false, (o, x) => { o.support = x; }),
  '--ensemble': setNum('--ensemble', 2, 10000, true, (o, x) => { o.ensemble = x; }),
  '--inclusion': (o, v) => {
    const r = num('--inclusion', v, 0, 1);
    if (!r.ok) return r;
    if (r.value === 0) return err('--inclusion 0: expected a fraction above 0, at most 1 (0.5 keeps terms found by half of the models).');
    o.inclusion = r.value;
    return ok(undefined);
  },
  '--seed': setNum('--seed', 0, 2 ** 31 - 1, true, (o, x) => { o.seed = x; }),
  '--repeats': setNum('--repeats', 1, 10000, true, (o, x) => { o.repeats = x; }),
};

const BOOL_FLAGS: Record<string, (o: Building) => void> = {
  '--json': (o) => { o.json = true; },
  '--no-bias': (o) => { o.settings.library.bias = false; },
  '--normalize': (o) => { o.settings.normalize = true; },
  '--gls': (o) => { o.gls = true; },
  '--help': (o) => { o.command = 'help'; },
  '-h': (o) => { o.command = 'help'; },
};


/** argv without node and script: e.g. ['fit', 'data.csv', '--degree', '3']. */
export function parseArgs(argv: readonly string[], defaults: FitSettings, tvDefaults: { alpha: number; iterations: number }): Result<CliOptions> {
  const o: Building = {
    command: 'fit', file: '', json: false, repeats: 1, settings: structuredClone(defaults), method: 'sindy',
    testFunctions: 0, support: 0, gls: false, ensemble: 0, inclusion: 0.5, seed: 0, pending: {},
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const b = BOOL_FLAGS[flag];
    const h = VALUE_FLAGS[flag];
    if (b) b(o);
    else if (h) {
      const value = inline ?? argv[++i];
      const r = h(o, value);
      if (!r.ok) return r;
    } else if (a.startsWith('-') && a !== '-') return err(`Unknown option ${a}. Run with --help to list the options.`);
    else positional.push(a);
  }
  if (o.command === 'help') return ok(o);
  if (positional[0] !== 'fit') return err(positional.length === 0 ? 'No command given. Usage: fit DATA.csv [options]; --help lists them.' : `Unknown command '${positional[0]}'. The command is: fit DATA.csv [options].`);
  if (!positional[1]) return err('fit needs a CSV file: fit DATA.csv [options].');
  if (positional.length > 2) return err(`Unexpected argument '${positional[2]}'. Quote expressions that contain spaces.`);
  o.file = positional[1];
  applyPending(o, o.pending, tvDefaults);
  const { pending: _pending, ...rest } = o;
  return ok(rest);
}

function applyPending(o: CliOptions, p: Pending, tv: { alpha: number; iterations: number }): void {
  const opt = o.settings.optimizer;
  if (p.threshold !== undefined && opt.method !== 'lasso') opt.threshold = p.threshold;
  if (p.alpha !== undefined && opt.method !== 'sr3') opt.alpha = p.alpha;
  const method = p.derivative ?? (p.window !== undefined || p.order !== undefined ? 'savgol' : p.tvAlpha !== undefined ? 'tv' : 'fd');
  if (method === 'savgol') o.settings.derivative = { method, window: p.window ?? 11, order: p.order ?? 3 };
  else if (method === 'tv') o.settings.derivative = { method, alpha: p.tvAlpha ?? tv.alpha, iterations: tv.iterations };
  else o.settings.derivative = { method: 'fd' };
}

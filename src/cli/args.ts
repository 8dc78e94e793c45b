/**
 * Command-line options → FitSettings. Pure (no fs, no process) so it is unit-tested.
 * Every bad option is a one-line message that names it and the allowed values.
 */
import { gpDefaults, parseOperators } from '../core/methods/gp/method';
import { neuralMethodDefaults, type SymbolicChoice } from '../core/methods/neural/settings';
import type { FitSettings } from '../core/pipeline/fit';
import { mstlsDefaults, type SparseSettings } from '../core/optimize/mstls';
import { sr3Defaults } from '../core/optimize/sr3';
import { weakDefaults } from '../core/weak/settings';
import { libraryLimits } from '../core/library/limits';
import { derivativeLimits } from '../core/derivative/registry';
import { err, ok, type Result } from '../core/types';
import { parseDecimal } from '../core/data/csvNumber';
import { MAX_STATES } from '../core/data/csvLimits';
import { excerpt } from '../core/text';

/** FitSettings whose optimizer may also be MSTLS (not in the optimizer registry). */
export interface CliFitSettings extends Omit<FitSettings, 'optimizer'> { optimizer: SparseSettings }

export interface CliOptions {
  command: 'fit' | 'help' | 'export';
  file: string;
  json: boolean;
  timeColumn?: string;
  /** --states: the state columns to fit, by name (default: every column but time and trajectory) */
  states?: string[];
  repeats: number;
  settings: CliFitSettings;
  method: 'sindy' | 'weak' | 'gp' | 'neural';
  /** --method neural: how the trained network becomes equations */
  symbolic: SymbolicChoice;
  /** --workers: processes of the search (1 for now) */
  workers: number;
  /** --method gp (and neural with --symbolic gp): operators, largest formula, iterations; any method: a time budget in seconds (0 = none) */
  operators: string;
  maxsize: number;
  iterations: number;
  budgetS: number;
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
  { flag: '--degree', arg: 'N', help: `polynomial library degree, ${libraryLimits.degree.min}–${libraryLimits.degree.max} (default ${libraryLimits.degree.default})` },
  { flag: '--no-bias', help: 'leave the constant term 1 out of the library' },
  { flag: '--fourier', arg: 'K', help: `add sin(k·x), cos(k·x) for k = 1..K, ${libraryLimits.fourier.min}–${libraryLimits.fourier.max} (default ${libraryLimits.fourier.default})` },
  { flag: '--terms', arg: '"expr;expr"', help: 'custom library terms in mathjs syntax, e.g. "exp(-x);x/(1+y)"' },
  { flag: '--optimizer', arg: 'stlsq|lasso|sr3|mstls', help: 'sparse regression method (default stlsq); mstls: scale-aware thresholds, λ chosen per equation (Messenger & Bortz 2021)' },
  { flag: '--threshold', arg: 'T', help: 'sparsity threshold of STLSQ and SR3 (default 0.1); with mstls a fixed relative λ in (0, 1), e.g. 0.05, instead of the automatic choice; refused with lasso' },
  { flag: '--alpha', arg: 'A', help: 'ridge α of STLSQ and MSTLS, or the L1 weight of LASSO (default 0.05); refused with sr3' },
  { flag: '--nu', arg: 'V', help: `SR3 relaxation ν > 0 (default ${sr3Defaults.nu}): smaller ν holds the fit closer to the thresholded copy` },
  { flag: '--regularizer', arg: 'l0|l1', help: `SR3 penalty: l0 (hard threshold, default) or l1 (soft threshold)` },
  { flag: '--max-iter', arg: 'N', help: 'iteration limit of the optimizer, 1–100000 (defaults: STLSQ/MSTLS 20 passes, LASSO 1000 sweeps, SR3 1000 iterations)' },
  { flag: '--normalize', help: 'scale every library column to unit norm before thresholding' },
  { flag: '--derivative', arg: 'fd|savgol|tv|smoothed-fd', help: 'derivative estimate (default fd: PySINDy\'s second-order finite differences; smoothed-fd: PySINDy\'s SmoothedFiniteDifference, savgol smoothing then fd); refused with --method weak' },
  { flag: '--window', arg: 'W', help: 'window in samples of savgol or smoothed-fd, odd (default 11)' },
  { flag: '--poly-order', arg: 'P', help: 'polynomial order of savgol or smoothed-fd (default 3)' },
  { flag: '--tv-alpha', arg: 'A', help: `total-variation regularisation weight, ${derivativeLimits.tv.alpha.min} to ${derivativeLimits.tv.alpha.max} (default ${derivativeLimits.tv.alpha.default})` },
  { flag: '--method', arg: 'sindy|weak|gp|neural', help: 'sindy (pointwise derivatives), weak (weak form: no derivatives), gp (symbolic regression on the derivative estimates: no library; see --operators) or neural (a neural ODE trained on the trajectories, no derivatives, then equations read off it: see --symbolic)' },
  { flag: '--symbolic', arg: 'gp|rational|sindy', help: `--method neural: how the trained network becomes equations: gp (symbolic regression, see --operators), rational (sparse P/(1 + Q)) or sindy (the library and optimizer options) (default ${neuralMethodDefaults.symbolic})` },
  { flag: '--operators', arg: '"+,-,*,/,sin"', help: `--method gp or --symbolic gp: the operators formulas may use, of + - * / neg square cube sqrt exp log sin cos (default "${gpDefaults.operators}")` },
  { flag: '--maxsize', arg: 'N', help: `--method gp or --symbolic gp: the largest formula, in nodes, 3–60 (default ${gpDefaults.maxsize})` },
  { flag: '--iterations', arg: 'N', help: `--method gp or --symbolic gp: search iterations, 1–10000 (default ${gpDefaults.iterations})` },
  { flag: '--workers', arg: 'N', help: 'processes for the symbolic search; 1 for now (the default: the search runs in this process)' },
  { flag: '--budget-s', arg: 'S', help: 'stop the method after S seconds with the best model so far, marked stopped (default: no limit)' },
  { flag: '--test-functions', arg: 'K', help: `weak form: number of test functions (default ${weakDefaults.testFunctions})` },
  { flag: '--support', arg: 'W', help: 'weak form: test-function support width in samples, or below 1 a fraction of the time span (default: automatic, from the data\'s spectrum)' },
  { flag: '--gls', help: 'weak form: generalised least squares, reweighting by the residual covariance (slower)' },
  { flag: '--ensemble', arg: 'N', help: 'E-SINDy: fit N models (2–10000) on bootstrap resamples of the rows (samples, or test functions with --method weak); report inclusion probabilities and coefficient spread' },
  { flag: '--inclusion', arg: 'P', help: 'E-SINDy: keep the terms nonzero in at least this fraction of the models, in (0, 1] (default 0.5)' },
  { flag: '--seed', arg: 'S', help: 'seed of the ensemble\'s resampling, the symbolic search or the neural ODE, 0 to 2^31−1 (default 0); the same seed gives the same output' },
  { flag: '--repeats', arg: 'R', help: 'run the fit R times; timings.fitMs is the median (default 1)' },
  { flag: '--help', help: 'show this help' },
];

/** Options of `export pysr` only (parsed by export.ts; listed here so --help shows them). */
export const PYSR_OPTIONS: readonly (OptSpec & { arg: string })[] = [
  { flag: '--binary-operators', arg: '"+,-,*,/"', help: 'binary operators of the search, comma-separated (default PySR\'s: +, -, *, /)' },
  { flag: '--unary-operators', arg: '"sin,cos,exp"', help: 'unary operators, comma-separated (default none, as PySR)' },
  { flag: '--maxsize', arg: 'N', help: 'largest expression size, 7–1000 (default PySR\'s 30)' },
  { flag: '--populations', arg: 'N', help: 'number of populations, 1–10000 (default PySR\'s 31)' },
  { flag: '--niterations', arg: 'N', help: 'iterations of the search, 1–1000000 (default PySR\'s 100)' },
];

export function helpText(): string {
  const rows = OPTIONS.map((o) => `  ${(o.flag + (o.arg ? ' ' + o.arg : '')).padEnd(34)} ${o.help}`);
  return [
    'SINDy Playground CLI: discover the equations behind a dynamical system from a CSV.',
    '',
    'Usage: npm run -s cli -- fit DATA.csv [options]',
    '       npm run -s cli -- export pysindy DATA.csv [fit options] > fit.py   (the same fit as a PySINDy 1.7.5 script)',
    '       npm run -s cli -- export pysr DATA.csv [options] > search.py       (a PySR search on the same data)',
    '',
    'DATA.csv: a header row, a time column, one column per state, and optionally a',
    "'trajectory' column telling several trajectories apart. '#' starts a comment line.",
    '',
    'Options:',
    ...rows,
    '',
    'Options of export pysr only:',
    ...PYSR_OPTIONS.map((o) => `  ${(o.flag + ' ' + o.arg).padEnd(34)} ${o.help}`),
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

type DerivativeFlag = 'fd' | 'savgol' | 'tv' | 'smoothed-fd';

interface Pending {
  threshold?: number; alpha?: number; nu?: number; regularizer?: 'l0' | 'l1'; maxIter?: number;
  derivative?: DerivativeFlag; window?: number; order?: number; tvAlpha?: number;
  /** the first flag of the symbolic search given (--operators, --maxsize, --iterations), and --symbolic */
  searchFlag?: string; symbolic?: SymbolicChoice;
}

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
  // Ranges from the core registries, as the playground's controls and links use them.
  '--degree': setNum('--degree', libraryLimits.degree.min, libraryLimits.degree.max, true, (o, x) => { o.settings.library.degree = x; }),
  '--fourier': setNum('--fourier', libraryLimits.fourier.min, libraryLimits.fourier.max, true, (o, x) => { o.settings.library.fourier = x; }),
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
  '--nu': (o, v) => {
    const r = num('--nu', v, 0, 1e6);
    if (!r.ok) return r;
    if (r.value === 0) return err('--nu 0: ν must be above 0 (1 is PySINDy\'s default; smaller holds the fit closer to the sparse copy).');
    o.pending.nu = r.value;
    return ok(undefined);
  },
  '--regularizer': (o, v) => {
    const r = pick('--regularizer', v, ['l0', 'l1'] as const);
    if (!r.ok) return r;
    o.pending.regularizer = r.value;
    return ok(undefined);
  },
  '--max-iter': setNum('--max-iter', 1, 100000, true, (o, x) => { o.pending.maxIter = x; }),
  '--derivative': (o, v) => {
    const r = pick('--derivative', v, ['fd', 'savgol', 'tv', 'smoothed-fd'] as const);
    if (!r.ok) return r;
    o.pending.derivative = r.value;
    return ok(undefined);
  },
  '--window': setNum('--window', 1, 100001, true, (o, x) => { o.pending.window = x; }),
  '--poly-order': setNum('--poly-order', 0, 100, true, (o, x) => { o.pending.order = x; }),
  '--tv-alpha': setNum('--tv-alpha', derivativeLimits.tv.alpha.min, derivativeLimits.tv.alpha.max, false, (o, x) => { o.pending.tvAlpha = x; }),
  '--operators': (o, v) => {
    if (v === undefined) return err('--operators needs a list, e.g. "+,-,*,/,sin".');
    const r = parseOperators(v);
    if (!r.ok) return err(`--operators: ${r.error}`);
    o.operators = v;
    o.pending.searchFlag ??= '--operators';
    return ok(undefined);
  },
  '--maxsize': setNum('--maxsize', 3, 60, true, (o, x) => { o.maxsize = x; o.pending.searchFlag ??= '--maxsize'; }),
  '--iterations': setNum('--iterations', 1, 10000, true, (o, x) => { o.iterations = x; o.pending.searchFlag ??= '--iterations'; }),
  '--symbolic': (o, v) => {
    const r = pick('--symbolic', v, ['gp', 'rational', 'sindy'] as const);
    if (!r.ok) return r;
    o.symbolic = r.value;
    o.pending.symbolic = r.value;
    return ok(undefined);
  },
  '--workers': (o, v) => {
    const r = num('--workers', v, 1, 1024, true);
    if (!r.ok) return r;
    if (r.value !== 1) return err(`--workers ${r.value}: the search runs in one process for now; use --workers 1 (or leave it out).`);
    o.workers = 1;
    return ok(undefined);
  },
  '--budget-s': setNum('--budget-s', 0.001, 1e6, false, (o, x) => { o.budgetS = x; }),
  '--method': (o, v) => {
    const r = pick('--method', v, ['sindy', 'weak', 'gp', 'neural'] as const);
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
    command: 'fit', file: '', json: false, repeats: 1, settings: structuredClone(defaults), method: 'sindy', symbolic: neuralMethodDefaults.symbolic, workers: 1, operators: gpDefaults.operators, maxsize: gpDefaults.maxsize, iterations: gpDefaults.iterations, budgetS: 0,
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
  const applied = applyPending(o, o.pending, tvDefaults);
  if (!applied.ok) return applied;
  const { pending: _pending, ...rest } = o;
  return ok(rest);
}

/**
 * Numeric settings whose meaning depends on other flags, applied once every flag is read.
 * A flag that the chosen method would ignore is refused (with what to do), never dropped.
 */
function applyPending(o: CliOptions, p: Pending, tv: { alpha: number; iterations: number }): Result<void> {
  const ignored = ignoredFlag(o, p);
  if (ignored) return err(ignored);
  const opt = o.settings.optimizer;
  if (p.threshold !== undefined && opt.method !== 'lasso') opt.threshold = p.threshold;
  if (p.alpha !== undefined && opt.method !== 'sr3') opt.alpha = p.alpha;
  if (p.maxIter !== undefined) opt.maxIter = p.maxIter;
  if (opt.method === 'sr3') {
    if (p.nu !== undefined) opt.nu = p.nu;
    if (p.regularizer !== undefined) opt.regularizer = p.regularizer;
  }
  const method = p.derivative ?? (p.window !== undefined || p.order !== undefined ? 'savgol' : p.tvAlpha !== undefined ? 'tv' : 'fd');
  if (method === 'savgol' || method === 'smoothed-fd') o.settings.derivative = { method, window: p.window ?? 11, order: p.order ?? 3 };
  else if (method === 'tv') o.settings.derivative = { method, alpha: p.tvAlpha ?? tv.alpha, iterations: tv.iterations };
  else o.settings.derivative = { method: 'fd' };
  return ok(undefined);
}

/** The first flag given that the chosen optimizer or derivative would not use, as advice; or null. */
function ignoredFlag(o: CliOptions, p: Pending): string | null {
  const opt = o.settings.optimizer.method;
  if (p.threshold !== undefined && opt === 'lasso') {
    return '--threshold has no effect with --optimizer lasso: LASSO has no threshold, its sparsity comes from --alpha. Drop --threshold, or use --optimizer stlsq, sr3 or mstls.';
  }
  if (p.alpha !== undefined && opt === 'sr3') {
    return '--alpha has no effect with --optimizer sr3: SR3 is steered by --threshold and --nu. Drop --alpha, or use --optimizer stlsq, lasso or mstls.';
  }
  for (const [flag, given] of [['--nu', p.nu], ['--regularizer', p.regularizer]] as const) {
    if (given !== undefined && opt !== 'sr3') return `${flag} is a setting of SR3 only: add --optimizer sr3, or drop ${flag}.`;
  }
  const derivativeFlags = [['--derivative', p.derivative], ['--window', p.window], ['--poly-order', p.order], ['--tv-alpha', p.tvAlpha]] as const;
  if (p.symbolic !== undefined && o.method !== 'neural') return `--symbolic has no effect without --method neural: it says how a trained network becomes equations. Add --method neural, or drop --symbolic.`;
  if (o.method === 'neural') {
    const given = derivativeFlags.find(([, v]) => v !== undefined);
    if (given) return `${given[0]} has no effect with --method neural: the network is trained on the trajectories and estimates no derivatives. Drop ${given[0]}.`;
    if (p.searchFlag && o.symbolic !== 'gp') return `${p.searchFlag} has no effect with --symbolic ${o.symbolic}: it sets the symbolic search. Add --symbolic gp, or drop ${p.searchFlag}.`;
    return null;
  }
  if (o.method === 'weak') {
    const given = derivativeFlags.find(([, v]) => v !== undefined);
    if (given) return `${given[0]} has no effect with --method weak: the weak form integrates against test functions and estimates no derivatives. Drop ${given[0]}, or use --method sindy.`;
    return null;
  }
  const d = p.derivative;
  if (d === 'fd' || d === 'tv') {
    const shape = [['--window', p.window], ['--poly-order', p.order]].find(([, v]) => v !== undefined);
    if (shape) return `${shape[0]} has no effect with --derivative ${d}: it sets the window of savgol or smoothed-fd. Drop it, or choose --derivative savgol or smoothed-fd.`;
  }
  if (p.tvAlpha !== undefined && d !== undefined && d !== 'tv') return `--tv-alpha has no effect with --derivative ${d}: it weights total-variation differentiation. Drop it, or use --derivative tv.`;
  if (p.tvAlpha !== undefined && (p.window !== undefined || p.order !== undefined) && d === undefined) {
    return '--tv-alpha cannot be combined with --window or --poly-order: they belong to different derivative methods. Say which with --derivative tv, savgol or smoothed-fd.';
  }
  return null;
}

/**
 * Command-line options → FitSettings. Pure (no fs, no process) so it is unit-tested.
 * Every bad option is a one-line message that names it and the allowed values.
 */
import type { FitSettings } from '../core/pipeline/fit';
import { mstlsDefaults, type SparseSettings } from '../core/optimize/mstls';
import { sr3Defaults } from '../core/optimize/sr3';
import { weakDefaults, weakLimits } from '../core/weak/settings';
import { libraryLimits } from '../core/library/limits';
import { derivativeLimits } from '../core/derivative/registry';
import { ensembleLimits } from '../core/ensemble/settings';
import { seedLimit } from '../core/data/rng';
import { typedRange, type NumericLimit } from '../core/limits';
import { optimizerLimits } from '../core/optimize/registry';
import { err, ok, type Result } from '../core/types';
import { parseDecimal } from '../core/data/csvNumber';
import { MAX_STATES } from '../core/data/csvLimits';
import { excerpt } from '../core/text';
import { fieldOfFlag, methodFlagsHelp, methodIds, ownersOfFlag, parseFieldFlag, takesValue, unusedFlag, type MethodValue } from './methodFlags';

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
  /** sindy, weak, or a registered method with declared settings (its flags are generated: methodFlags.ts) */
  method: string;
  /** that method's settings given by its flags (the method fills in its defaults) */
  methodSettings: Record<string, MethodValue>;
  /** any method: a time budget in seconds (0 = none) */
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

/**
 * The numeric flags that set a fitting setting, each with the core registry's limit of that
 * setting: the one source of the flag's range (the playground's controls and links read the
 * same entries). The CLI takes a limit's `typed` range where the entry has one, [min, max]
 * otherwise (core/limits.ts: typedRange). Flags of the CLI alone (--repeats, --budget-s and
 * the gp search's --maxsize, --iterations) have no page counterpart and keep their own bounds.
 */
export const CLI_LIMITS = Object.freeze({
  '--degree': libraryLimits.degree,
  '--fourier': libraryLimits.fourier,
  '--threshold': optimizerLimits.threshold,
  '--alpha': optimizerLimits.alpha,
  '--nu': optimizerLimits.nu,
  '--max-iter': optimizerLimits.maxIter,
  '--window': derivativeLimits.savgol.window,
  '--poly-order': derivativeLimits.savgol.order,
  '--tv-alpha': derivativeLimits.tv.alpha,
  '--test-functions': weakLimits.testFunctions,
  '--support': weakLimits.support,
  '--ensemble': ensembleLimits.models,
  '--inclusion': ensembleLimits.inclusion,
  '--seed': seedLimit,
} satisfies Record<string, NumericLimit>);
export type LimitedFlag = keyof typeof CLI_LIMITS;

/** A flag's range as its help prints it: '2–10000'. */
function span(flag: LimitedFlag): string {
  const r = typedRange(CLI_LIMITS[flag]);
  return `${r.min}–${r.max}`;
}

export const OPTIONS: readonly OptSpec[] = [
  { flag: '--json', help: 'print one JSON object (states, features, coefficients, equations, timings; with --ensemble also ensemble) and nothing else' },
  { flag: '--time', arg: 'NAME', help: "the time column (default: the column named t or time, else the first column)" },
  { flag: '--states', arg: 'a,b,c', help: `the state columns to fit, at most ${MAX_STATES} (default: every column but time and trajectory)` },
  { flag: '--degree', arg: 'N', help: `polynomial library degree, ${span('--degree')} (default ${libraryLimits.degree.default})` },
  { flag: '--no-bias', help: 'leave the constant term 1 out of the library' },
  { flag: '--fourier', arg: 'K', help: `add sin(k·x), cos(k·x) for k = 1..K, ${span('--fourier')} (default ${libraryLimits.fourier.default})` },
  { flag: '--terms', arg: '"expr;expr"', help: 'custom library terms in mathjs syntax, e.g. "exp(-x);x/(1+y)"' },
  { flag: '--optimizer', arg: 'stlsq|lasso|sr3|mstls', help: 'sparse regression method (default stlsq); mstls: scale-aware thresholds, λ chosen per equation (Messenger & Bortz 2021)' },
  { flag: '--threshold', arg: 'T', help: `sparsity threshold of STLSQ and SR3, ${span('--threshold')} (default ${optimizerLimits.threshold.default}; 0 is plain least squares); with mstls a fixed relative λ in (0, 1), e.g. 0.05, instead of the automatic choice; refused with lasso` },
  { flag: '--alpha', arg: 'A', help: `ridge α of STLSQ and MSTLS, or the L1 weight of LASSO, ${span('--alpha')} (default ${optimizerLimits.alpha.default}); refused with sr3` },
  { flag: '--nu', arg: 'V', help: `SR3 relaxation ν, ${span('--nu')} (default ${sr3Defaults.nu}): smaller ν holds the fit closer to the thresholded copy` },
  { flag: '--regularizer', arg: 'l0|l1', help: `SR3 penalty: l0 (hard threshold, default) or l1 (soft threshold)` },
  { flag: '--max-iter', arg: 'N', help: `iteration limit of the optimizer, ${span('--max-iter')} (defaults: STLSQ/MSTLS ${optimizerLimits.maxIter.default} passes, LASSO 1000 sweeps, SR3 1000 iterations)` },
  { flag: '--normalize', help: 'scale every library column to unit norm before thresholding' },
  { flag: '--derivative', arg: 'fd|savgol|tv|smoothed-fd', help: 'derivative estimate (default fd: PySINDy\'s second-order finite differences; smoothed-fd: PySINDy\'s SmoothedFiniteDifference, savgol smoothing then fd); refused with --method weak' },
  { flag: '--window', arg: 'W', help: `window in samples of savgol or smoothed-fd, odd, ${span('--window')} (default ${derivativeLimits.savgol.window.default})` },
  { flag: '--poly-order', arg: 'P', help: `polynomial order of savgol or smoothed-fd, ${span('--poly-order')} (default ${derivativeLimits.savgol.order.default})` },
  { flag: '--tv-alpha', arg: 'A', help: `total-variation regularisation weight, ${span('--tv-alpha')} (default ${derivativeLimits.tv.alpha.default})` },
  { flag: '--method', arg: 'ID', help: 'sindy (pointwise derivatives), weak (weak form: no derivatives), or a method listed below with its own options (e.g. gp: symbolic regression on the derivative estimates)' },
  { flag: '--budget-s', arg: 'S', help: 'stop the method after S seconds with the best model so far, marked stopped (default: no limit)' },
  { flag: '--test-functions', arg: 'K', help: `weak form: number of test functions, ${span('--test-functions')} (default ${weakDefaults.testFunctions})` },
  { flag: '--support', arg: 'W', help: `weak form: test-function support width in samples (at most ${typedRange(CLI_LIMITS['--support']).max}), or below 1 a fraction of the time span (default: automatic, from the data's spectrum)` },
  { flag: '--gls', help: 'weak form: generalised least squares, reweighting by the residual covariance (slower)' },
  { flag: '--ensemble', arg: 'N', help: `E-SINDy: fit N models (${span('--ensemble')}) on bootstrap resamples of the rows (samples, or test functions with --method weak); report inclusion probabilities and coefficient spread` },
  { flag: '--inclusion', arg: 'P', help: `E-SINDy: keep the terms nonzero in at least this fraction of the models, ${span('--inclusion')} (default ${ensembleLimits.inclusion.default})` },
  { flag: '--seed', arg: 'S', help: `seed of the ensemble's resampling, ${span('--seed')} (default ${seedLimit.default}); the same seed gives the same output` },
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
  const arg = (o: OptSpec): string => (o.flag === '--method' ? methodIds().join('|') : o.arg ?? '');
  const rows = OPTIONS.map((o) => `  ${(o.flag + (arg(o) ? ' ' + arg(o) : '')).padEnd(34)} ${o.help}`);
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
    ...methodFlagsHelp(34),
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
}

/** Options while parsing: numeric settings whose meaning depends on other flags wait in `pending`; `given` lists the flags used. */
type Building = CliOptions & { pending: Pending; given: Set<string> };

type Handler = (o: Building, value: string | undefined) => Result<void>;

const setNum = (flag: string, lo: number, hi: number, integer: boolean, apply: (o: Building, x: number) => void): Handler =>
  (o, v) => {
    const r = num(flag, v, lo, hi, integer);
    if (!r.ok) return r;
    apply(o, r.value);
    return ok(undefined);
  };

/** A flag of CLI_LIMITS: its range is the registry's (typedRange), never a constant of its own. */
const setLimited = (flag: LimitedFlag, apply: (o: Building, x: number) => void): Handler => {
  const l = CLI_LIMITS[flag];
  const r = typedRange(l);
  return setNum(flag, r.min, r.max, l.integer === true, apply);
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
  '--degree': setLimited('--degree', (o, x) => { o.settings.library.degree = x; }),
  '--fourier': setLimited('--fourier', (o, x) => { o.settings.library.fourier = x; }),
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
  '--threshold': setLimited('--threshold', (o, x) => { o.pending.threshold = x; }),
  '--alpha': setLimited('--alpha', (o, x) => { o.pending.alpha = x; }),
  '--nu': (o, v) => {
    if (v !== undefined && parseDecimal(v) === 0) return err('--nu 0: ν must be above 0 (1 is PySINDy\'s default; smaller holds the fit closer to the sparse copy).');
    return setLimited('--nu', (b, x) => { b.pending.nu = x; })(o, v);
  },
  '--regularizer': (o, v) => {
    const r = pick('--regularizer', v, ['l0', 'l1'] as const);
    if (!r.ok) return r;
    o.pending.regularizer = r.value;
    return ok(undefined);
  },
  '--max-iter': setLimited('--max-iter', (o, x) => { o.pending.maxIter = x; }),
  '--derivative': (o, v) => {
    const r = pick('--derivative', v, ['fd', 'savgol', 'tv', 'smoothed-fd'] as const);
    if (!r.ok) return r;
    o.pending.derivative = r.value;
    return ok(undefined);
  },
  '--window': setLimited('--window', (o, x) => { o.pending.window = x; }),
  '--poly-order': setLimited('--poly-order', (o, x) => { o.pending.order = x; }),
  '--tv-alpha': setLimited('--tv-alpha', (o, x) => { o.pending.tvAlpha = x; }),
  '--budget-s': setNum('--budget-s', 0.001, 1e6, false, (o, x) => { o.budgetS = x; }),
  '--method': (o, v) => {
    const r = pick('--method', v, methodIds());
    if (!r.ok) return r;
    o.method = r.value;
    return ok(undefined);
  },
  '--test-functions': setLimited('--test-functions', (o, x) => { o.testFunctions = x; }),
  '--support': setLimited('--support', (o, x) => { o.support = x; }),
  '--ensemble': setLimited('--ensemble', (o, x) => { o.ensemble = x; }),
  '--inclusion': setLimited('--inclusion', (o, x) => { o.inclusion = x; }),
  '--seed': setLimited('--seed', (o, x) => { o.seed = x; }),
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
    command: 'fit', file: '', json: false, repeats: 1, settings: structuredClone(defaults), method: 'sindy', methodSettings: {}, budgetS: 0,
    testFunctions: weakLimits.testFunctions.default, support: weakLimits.support.default, gls: false, ensemble: 0, inclusion: ensembleLimits.inclusion.default, seed: seedLimit.default, pending: {}, given: new Set(),
  };
  // The method first, wherever --method stands: its flags (generated from its fields) depend on it.
  const chosen = methodOf(argv);
  if (!chosen.ok) return chosen;
  const method = chosen.value;
  const methodFlags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const own = fieldOfFlag(method, flag);
    const b = BOOL_FLAGS[flag];
    const h = VALUE_FLAGS[flag];
    o.given.add(flag);
    if (own) {
      const value = takesValue(own.field) ? inline ?? argv[++i] : undefined;
      const r = parseFieldFlag(own.field, flag, value, own.negated);
      if (!r.ok) return r;
      o.methodSettings[own.field.key] = r.value;
      methodFlags.add(flag);
      // A flag the method shares with the CLI (--seed) sets both.
      if (h) { const g = h(o, value); if (!g.ok) return g; }
    } else if (b) b(o);
    else if (h) {
      const value = inline ?? argv[++i];
      const r = h(o, value);
      if (!r.ok) return r;
    } else if (a.startsWith('-') && a !== '-') {
      const owners = ownersOfFlag(flag, method);
      if (owners.length) return err(`${flag} is a setting of ${owners.map((m) => `--method ${m.id} (${m.label})`).join(' and ')}: add --method ${owners[0]!.id}, or drop ${flag}.`);
      return err(`Unknown option ${a}. Run with --help to list the options.`);
    } else positional.push(a);
  }
  const unused = unusedFlag(method, o.given, o.methodSettings, methodFlags);
  if (unused) return err(unused);
  if (o.command === 'help') return ok(o);
  if (positional[0] !== 'fit') return err(positional.length === 0 ? 'No command given. Usage: fit DATA.csv [options]; --help lists them.' : `Unknown command '${positional[0]}'. The command is: fit DATA.csv [options].`);
  if (!positional[1]) return err('fit needs a CSV file: fit DATA.csv [options].');
  if (positional.length > 2) return err(`Unexpected argument '${positional[2]}'. Quote expressions that contain spaces.`);
  o.file = positional[1];
  const applied = applyPending(o, o.pending, tvDefaults);
  if (!applied.ok) return applied;
  const { pending: _pending, given: _given, ...rest } = o;
  return ok(rest);
}

/** The --method value of argv (the last one given), checked against the registered methods; 'sindy' when absent. */
function methodOf(argv: readonly string[]): Result<string> {
  let id = 'sindy';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--method') id = argv[i + 1] ?? '';
    else if (a.startsWith('--method=')) id = a.slice('--method='.length);
  }
  const r = pick('--method', id === '' ? undefined : id, methodIds());
  return r.ok ? r : err(r.error);
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
  const sg = derivativeLimits.savgol;
  if (method === 'savgol' || method === 'smoothed-fd') o.settings.derivative = { method, window: p.window ?? sg.window.default, order: p.order ?? sg.order.default };
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
  if (o.method === 'neural') {
    const given = derivativeFlags.find(([, v]) => v !== undefined);
    if (given) return `${given[0]} has no effect with --method neural: the network is trained on the trajectories and estimates no derivatives. Drop ${given[0]}.`;
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

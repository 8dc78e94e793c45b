/**
 * The ONE module that reads and writes the URL. Everything a URL holds is untrusted text:
 *   parse   — split the query into known keys (unknown keys dropped with a note, lengths capped),
 *   migrate — bring an older schema version's keys up to the current one (a chain of steps),
 *   validate — numbers must be plain decimal literals within RANGES, ids must be in a registry,
 *             text is capped and filtered; a bad field falls back to its default with a note.
 * Nothing read here is executed or rendered as HTML: notes are shown as plain text by React,
 * custom terms go only to core/library/expression.ts, which parses (never evaluates) them.
 *
 * Schema v2 (readable keys, every setting written so a link keeps meaning if defaults change):
 *   v=2 src=system|upload sys=lorenz p.sigma=10 … x0=1,1,1 T=10 dt=0.002 irr=0 noise=1 seed=0
 *   deriv=fd|savgol|tv sgw sgo tva tvi deg bias fourier term=… (repeated)
 *   form=strong|weak wk wo ws gls  opt=stlsq|lasso|sr3|mstls thr mlam alpha nu reg=l0|l1 iter norm
 *   ens (0 = off) ensinc enslib  view=fit|lab lab.noise=0,1,5 lab.methods=fd,weak lab.seeds=4 present=1 (projector mode; written only when on)
 *   file time states=x,y
 * v1 (before weak form, ensembles and the noise lab) is migrated by writing those features'
 * "off" values explicitly, so an old link keeps meaning whatever the defaults become.
 */
import { getSystem } from '../core/systems/registry';
import {
  clamp, defaultLabSettings, defaultSettings, labMethods, MAX_SAMPLES, parseLabLevels, MAX_TERM_LENGTH, MAX_TERMS, RANGES, sampleCount,
  type LabMethod, type LabSettings, type Range, type Settings, type View,
} from './settings';

export const URL_VERSION = 2;
const MAX_QUERY = 8000;
const MAX_VALUE = 400;
const MAX_NOTES = 8;

/** Raw key → value(s) of one schema version. */
export type RawParams = Map<string, string[]>;
/** migrations[k] turns version k's keys into version k+1's. */
export type Migration = (raw: RawParams) => RawParams;
export const MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({
  1: (raw: RawParams): RawParams => {
    const out = new Map(raw);
    out.set('form', ['strong']);
    out.set('ens', ['0']);
    out.set('view', ['fit']);
    return out;
  },
});

/** What a link carries besides the fit settings (present: projector mode, for a class). */
export interface Shared { view: View; lab: LabSettings; present?: boolean }

export interface Decoded extends Shared { settings: Settings; notes: string[]; version: number }

const SCALAR_KEYS = ['v', 'src', 'sys', 'x0', 'T', 'dt', 'irr', 'noise', 'seed', 'deriv', 'sgw', 'sgo', 'tva', 'tvi',
  'deg', 'bias', 'fourier', 'form', 'wk', 'ws', 'wo', 'gls', 'opt', 'thr', 'mlam', 'alpha', 'nu', 'reg', 'iter', 'norm',
  'ens', 'ensinc', 'enslib', 'view', 'lab.noise', 'lab.methods', 'lab.seeds', 'file', 'time', 'states', 'present'] as const;
const KNOWN = new Set<string>([...SCALAR_KEYS, 'term']);

const isControl = (ch: string): boolean => { const c = ch.codePointAt(0)!; return c < 32 || (c >= 127 && c < 160); };

/** The text with every control character replaced by `by`. */
export function replaceControl(s: string, by = '?'): string {
  return Array.from(s, (ch) => (isControl(ch) ? by : ch)).join('');
}

/** Shown text of an untrusted value: short, printable, never interpreted. */
export function quote(s: string): string {
  const clean = replaceControl(s);
  return `'${clean.length > 40 ? clean.slice(0, 40) + '…' : clean}'`;
}

export function parseQuery(search: string, notes: string[]): RawParams {
  const raw: RawParams = new Map();
  let text = search.startsWith('?') ? search.slice(1) : search;
  if (text.length > MAX_QUERY) { notes.push(`The link is too long (${text.length} characters); only its first ${MAX_QUERY} were read.`); text = text.slice(0, MAX_QUERY); }
  let q: URLSearchParams;
  try { q = new URLSearchParams(text); } catch { notes.push('The link could not be read; opened the defaults.'); return raw; }
  for (const [key, value] of q) {
    if (!KNOWN.has(key) && !/^p\.[A-Za-z_][A-Za-z0-9_]{0,31}$/.test(key)) { notes.push(`Ignored the unknown setting ${quote(key)}.`); continue; }
    if (value.length > MAX_VALUE) { notes.push(`The value of ${quote(key)} is too long; using the default.`); continue; }
    const list = raw.get(key) ?? [];
    list.push(value);
    raw.set(key, list);
  }
  return raw;
}

/** Apply the migration chain from `from` up to URL_VERSION. */
export function migrate(raw: RawParams, from: number, chain: Readonly<Record<number, Migration>> = MIGRATIONS, to = URL_VERSION): RawParams {
  let out = raw;
  for (let k = from; k < to; k++) {
    const step = chain[k];
    if (step) out = step(out);
  }
  return out;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;

/** Reads, validates and migrates a query string into settings; every rejected field is a note. */
export function decodeUrl(search: string): Decoded {
  const notes: string[] = [];
  let raw = parseQuery(search, notes);
  const vText = raw.get('v')?.[0];
  let version = URL_VERSION;
  if (vText !== undefined) {
    const v = Number(vText);
    if (!/^\d{1,3}$/.test(vText) || v < 1) notes.push(`Unknown link version ${quote(vText)}; read it as version ${URL_VERSION}.`);
    else if (v > URL_VERSION) notes.push(`This link was made by a newer version of the playground (v${v}); some settings may not apply.`);
    else version = v;
  }
  raw = migrate(raw, version);
  const settings = validate(raw, notes);
  const shared = validateShared(raw, notes);
  if (notes.length > MAX_NOTES) notes.splice(MAX_NOTES, notes.length - MAX_NOTES, `…and ${notes.length - MAX_NOTES} more ignored settings.`);
  return { settings, ...shared, notes, version };
}

/** Readers of one raw key each; a bad value is a note and the fallback. */
interface Readers {
  one(k: string): string | undefined;
  num(key: string, label: string, range: Range, fallback: number): number;
  pick<T extends string>(key: string, label: string, allowed: readonly T[], fallback: T): T;
  bool(key: string, label: string, fallback: boolean): boolean;
}

function readers(raw: RawParams, notes: string[]): Readers {
  const one = (k: string): string | undefined => raw.get(k)?.[0];
  const num = (key: string, label: string, range: Range, fallback: number): number => {
    const t = one(key);
    if (t === undefined) return fallback;
    const v = NUMBER.test(t.trim()) ? Number(t) : NaN;
    if (!Number.isFinite(v) || v < range.min || v > range.max) {
      notes.push(`${label} = ${quote(t)} is not a number from ${range.min} to ${range.max}; using the default ${fallback}.`);
      return fallback;
    }
    return clamp(v, range);
  };
  const pick = <T extends string>(key: string, label: string, allowed: readonly T[], fallback: T): T => {
    const t = one(key);
    if (t === undefined) return fallback;
    if ((allowed as readonly string[]).includes(t)) return t as T;
    notes.push(`${label} ${quote(t)} is not one of ${allowed.join(', ')}; using ${fallback}.`);
    return fallback;
  };
  const bool = (key: string, label: string, fallback: boolean): boolean => pick(key, label, ['0', '1'], fallback ? '1' : '0') === '1';
  return { one, num, pick, bool };
}

/** The view and the noise lab's grid. */
function validateShared(raw: RawParams, notes: string[]): Shared {
  const { one, num, pick, bool } = readers(raw, notes);
  const d = defaultLabSettings();
  const view = pick<View>('view', 'View', ['fit', 'lab'], 'fit');
  const present = bool('present', 'Projector mode', false);
  const seeds = num('lab.seeds', 'Noise-lab seeds', RANGES.labSeeds, d.seeds);
  let levels = d.levels;
  const lv = one('lab.noise');
  if (lv !== undefined) {
    const r = parseLabLevels(lv);
    if (r.ok) levels = r.value;
    else notes.push(`Noise-lab levels ${quote(lv)}: ${r.error} Using the default.`);
  }
  let methods = d.methods;
  const mt = one('lab.methods');
  if (mt !== undefined) {
    const parts = mt.split(',');
    if (parts.length === 0 || parts.length > labMethods.length || parts.some((x) => !(labMethods as readonly string[]).includes(x))) {
      notes.push(`Noise-lab methods ${quote(mt)} must be some of ${labMethods.join(', ')}; using the default.`);
    } else methods = labMethods.filter((x) => parts.includes(x)) as LabMethod[];
  }
  return { view, lab: { levels, methods, seeds }, present };
}

function validate(raw: RawParams, notes: string[]): Settings {
  const { one, num, pick, bool } = readers(raw, notes);
  const sysId = one('sys');
  const sys = sysId === undefined ? undefined : getSystem(sysId);
  if (sysId !== undefined && !sys) notes.push(`Unknown system ${quote(sysId)}; showing the default system.`);
  const s = defaultSettings(sys?.id);
  const d = defaultSettings(sys?.id);
  s.source = pick('src', 'Data source', ['system', 'upload'], 'system');
  if (sys) {
    for (const p of sys.params) s.params[p.id] = num(`p.${p.id}`, `Parameter ${p.id}`, p, d.params[p.id]!);
    for (const key of raw.keys()) {
      if (key.startsWith('p.') && !sys.params.some((p) => `p.${p.id}` === key)) notes.push(`${sys.label} has no parameter ${quote(key.slice(2))}; ignored.`);
    }
    s.x0 = vector(one('x0'), sys.stateNames.length, d.x0, notes);
  }
  s.tEnd = num('T', 'Time span', RANGES.tEnd, d.tEnd);
  s.dt = num('dt', 'Sample step', RANGES.dt, d.dt);
  if (sampleCount(s) > MAX_SAMPLES) {
    notes.push(`Time span ${s.tEnd} with step ${s.dt} gives more than ${MAX_SAMPLES.toLocaleString('en')} samples; using the default step and span.`);
    s.tEnd = d.tEnd; s.dt = d.dt;
  }
  s.irregular = bool('irr', 'Irregular sampling', d.irregular);
  s.noise = num('noise', 'Noise', RANGES.noise, d.noise);
  s.seed = num('seed', 'Seed', RANGES.seed, d.seed);
  s.deriv = pick('deriv', 'Derivative method', ['fd', 'savgol', 'tv'], d.deriv);
  s.sgWindow = num('sgw', 'Savitzky–Golay window', RANGES.sgWindow, d.sgWindow);
  s.sgOrder = num('sgo', 'Savitzky–Golay order', RANGES.sgOrder, d.sgOrder);
  s.tvAlpha = num('tva', 'TV α', RANGES.tvAlpha, d.tvAlpha);
  s.tvIter = num('tvi', 'TV iterations', RANGES.tvIter, d.tvIter);
  s.degree = num('deg', 'Polynomial degree', RANGES.degree, d.degree);
  s.bias = bool('bias', 'Constant term', d.bias);
  s.fourier = num('fourier', 'Fourier frequencies', RANGES.fourier, d.fourier);
  s.terms = terms(raw.get('term') ?? [], notes);
  s.form = pick('form', 'Formulation', ['strong', 'weak'], d.form);
  s.weakK = num('wk', 'Test functions K', RANGES.weakK, d.weakK);
  s.weakSupport = num('ws', 'Test-function support', RANGES.weakSupport, d.weakSupport);
  s.weakOrder = num('wo', 'Test-function order', RANGES.weakOrder, d.weakOrder);
  s.gls = bool('gls', 'Generalised least squares', d.gls);
  s.opt = pick('opt', 'Optimizer', ['stlsq', 'lasso', 'sr3', 'mstls'], d.opt);
  s.threshold = num('thr', 'Threshold', RANGES.threshold, d.threshold);
  s.mlam = num('mlam', 'MSTLS λ', RANGES.mlam, d.mlam);
  s.alpha = num('alpha', 'α', RANGES.alpha, d.alpha);
  s.nu = num('nu', 'SR3 ν', RANGES.nu, d.nu);
  s.regularizer = pick('reg', 'SR3 regulariser', ['l0', 'l1'], d.regularizer);
  s.maxIter = num('iter', 'Iteration limit', RANGES.maxIter, d.maxIter);
  s.normalize = bool('norm', 'Normalise columns', d.normalize);
  s.ens = num('ens', 'Ensemble models', RANGES.ens, d.ens);
  if (s.ens === 1) { notes.push('An ensemble needs at least 2 models; the ensemble is off.'); s.ens = 0; }
  s.ensInc = num('ensinc', 'Inclusion threshold', RANGES.ensInc, d.ensInc);
  s.ensLib = bool('enslib', 'Library bagging', d.ensLib);
  s.file = text(one('file'), 100, /^[^<>"\\/]*$/, 'File name', notes);
  s.timeColumn = text(one('time'), 64, /^[A-Za-z_][A-Za-z0-9_]*$/, 'Time column', notes);
  const states = one('states');
  s.stateColumns = states === undefined ? [] : states.split(',').slice(0, 50).map((c) => text(c, 64, /^[A-Za-z_][A-Za-z0-9_]*$/, 'State column', notes)).filter((c) => c !== '');
  return s;
}

function vector(t: string | undefined, n: number, fallback: number[], notes: string[]): number[] {
  if (t === undefined) return [...fallback];
  const parts = t.split(',');
  const v = parts.map((x) => (NUMBER.test(x.trim()) ? Number(x) : NaN));
  if (parts.length !== n || v.some((x) => !Number.isFinite(x) || x < RANGES.x0.min || x > RANGES.x0.max)) {
    notes.push(`Initial state ${quote(t)} needs ${n} numbers from ${RANGES.x0.min} to ${RANGES.x0.max}; using the default.`);
    return [...fallback];
  }
  return v;
}

function terms(list: string[], notes: string[]): string[] {
  const out: string[] = [];
  for (const t of list) {
    if (out.length >= MAX_TERMS) { notes.push(`Only ${MAX_TERMS} custom terms are allowed; ignored the rest.`); break; }
    if (t.length > MAX_TERM_LENGTH || !/^[A-Za-z0-9_+\-*/^().,\s]+$/.test(t)) { notes.push(`Ignored the custom term ${quote(t)}: it may only use letters, digits, spaces and + - * / ^ ( ) . ,`); continue; }
    out.push(t.trim());
  }
  return out;
}

function text(t: string | undefined, max: number, allowed: RegExp, label: string, notes: string[]): string {
  if (t === undefined || t === '') return '';
  if (t.length > max || !allowed.test(t) || replaceControl(t) !== t) { notes.push(`${label} ${quote(t)} is not allowed; ignored.`); return ''; }
  return t;
}

/** Settings (and the view and the lab's grid) → query string (without '?'). Every key is written, in a fixed order. */
export function encodeUrl(s: Settings, shared: Shared = { view: 'fit', lab: defaultLabSettings() }): string {
  const q = new URLSearchParams();
  q.set('v', String(URL_VERSION));
  q.set('src', s.source);
  q.set('sys', s.system);
  for (const [id, val] of Object.entries(s.params)) q.set(`p.${id}`, String(val));
  q.set('x0', s.x0.map(String).join(','));
  q.set('T', String(s.tEnd));
  q.set('dt', String(s.dt));
  q.set('irr', s.irregular ? '1' : '0');
  q.set('noise', String(s.noise));
  q.set('seed', String(s.seed));
  q.set('deriv', s.deriv);
  if (s.deriv === 'savgol') { q.set('sgw', String(s.sgWindow)); q.set('sgo', String(s.sgOrder)); }
  if (s.deriv === 'tv') { q.set('tva', String(s.tvAlpha)); q.set('tvi', String(s.tvIter)); }
  q.set('deg', String(s.degree));
  q.set('bias', s.bias ? '1' : '0');
  q.set('fourier', String(s.fourier));
  for (const t of s.terms) q.append('term', t);
  q.set('form', s.form);
  if (s.form === 'weak') { q.set('wk', String(s.weakK)); q.set('ws', String(s.weakSupport)); q.set('wo', String(s.weakOrder)); q.set('gls', s.gls ? '1' : '0'); }
  q.set('opt', s.opt);
  if (s.opt === 'stlsq' || s.opt === 'sr3') q.set('thr', String(s.threshold));
  if (s.opt === 'mstls') q.set('mlam', String(s.mlam));
  q.set('alpha', String(s.alpha));
  if (s.opt === 'sr3') { q.set('nu', String(s.nu)); q.set('reg', s.regularizer); }
  q.set('iter', String(s.maxIter));
  q.set('norm', s.normalize ? '1' : '0');
  q.set('ens', String(s.ens));
  if (s.ens > 0) { q.set('ensinc', String(s.ensInc)); q.set('enslib', s.ensLib ? '1' : '0'); }
  q.set('view', shared.view);
  if (shared.present) q.set('present', '1');
  if (shared.view === 'lab') {
    q.set('lab.noise', shared.lab.levels.join(','));
    q.set('lab.methods', shared.lab.methods.join(','));
    q.set('lab.seeds', String(shared.lab.seeds));
  }
  if (s.source === 'upload') {
    if (s.file) q.set('file', s.file);
    if (s.timeColumn) q.set('time', s.timeColumn);
    if (s.stateColumns.length) q.set('states', s.stateColumns.join(','));
  }
  // Commas and parentheses are legal in a query (RFC 3986 sub-delims): keep them readable.
  return q.toString().replace(/%2C/g, ',').replace(/%28/g, '(').replace(/%29/g, ')');
}

/** The browser globals this module touches (typed here so the codec also compiles for Node tests). */
interface BrowserGlobals {
  location: { pathname: string; search: string; hash: string; href: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
}
const browser = (): BrowserGlobals => globalThis as unknown as BrowserGlobals;

/** Replace the current URL without adding a history entry (a slider drag must not flood history). */
export function writeUrl(s: Settings, shared?: Shared): string {
  const { location, history } = browser();
  const url = `${location.pathname}?${encodeUrl(s, shared)}${location.hash}`;
  history.replaceState(null, '', url);
  return location.href;
}

export function readUrl(): Decoded {
  return decodeUrl(browser().location.search);
}

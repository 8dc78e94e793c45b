/**
 * The link schema as one declarative table: every setting a URL carries is one entry with its
 * URL key, its path in the link state, its kind, its range or choices (from the core
 * registries, through RANGES), its label (used in notes, and by the controls later) and when it
 * applies. url.ts generates parsing, validation and encoding from this table (as the TF
 * Playground's state.ts does, but typed), so a field is added in one place:
 *
 *   num('sgw', 'sgWindow', 'Savitzky–Golay window', RANGES.sgWindow, (st) => st.settings.deriv === 'savgol'),
 *
 * Order matters: the encoder writes the fields in table order (the golden links in
 * test/state/encodeGolden.test.ts freeze it), and the decoder reads them in the same order
 * (after `sys`, which every other field's default depends on), so notes come in link order.
 * A field's `when` only decides whether the encoder writes it; the decoder reads every key the
 * link holds, so a link edited by hand still means what it says. The field model and the generic
 * kinds (num, choice, bool, text) are in fields.ts; the special fields are below.
 *
 * Adding a field: add a (required) member to Settings and its default to defaultSettings — or a
 * member to LinkState, for what is not a fit setting, like the view — then one entry below, e.g.
 *   num('tvi', 'tvIter', 'TV iterations', RANGES.tvIter, tv),
 *   bool('present', 'present', 'Projector mode'),
 * A fitting method's own settings need no entry: `method` and the prefix field m.<key> read and
 * write them from the method's declared fields (core/methods/types.ts MethodField).
 * Keys may be added within a version (older links lack them and open with the default);
 * renaming or removing a key needs URL_VERSION + 1, the old version's key list frozen in
 * LINK_KEYS and a migration step in url.ts (test/state/schema.test.ts shows one).
 */
import { MAX_NAME_LENGTH, MAX_STATES } from '../core/data/csvLimits';
import type { Choice } from '../core/limits';
import { derivativeChoices } from '../core/derivative/registry';
import { regularizerChoices, sparseMethodChoices } from '../core/optimize/registry';
import { getSystem, systems } from '../core/systems/registry';
import {
  bool, choice, FILE_NAME, IDENTIFIER, num, one, pair, readNumber, readText, text, type Field, type FieldOf, type LinkState, type ValueAt,
} from './fields';
import { getMethodInfo, methodCatalog } from '../core/methods/catalog';
import { decimal, quote } from './linkText';
import { getLessonInfo, LESSONS, MAX_LESSON_STEPS } from '../lessons/catalog';
import { BUNDLED, getBundled } from './bundled';
import { CONTROL_NAMES, readControlNames } from './classroom';
import { applicableFields, fieldText, methodChoices, readFieldText, SINDY_CHOICE } from './methods';
import { labMethods, MAX_SAMPLES, MAX_TERM_LENGTH, MAX_TERMS, parseLabLevels, RANGES, sampleCount, SINDY_FAMILY, type LabMethod, type MethodValue, type Settings, type View } from './settings';

const MAX_STATE_COLUMNS = MAX_STATES;
/** The id part of a prefix key such as p.<id>. */
const IDENTIFIER_32 = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

/** The link's system. Decoded first: every other field's default depends on it. */
const systemField: FieldOf<'system'> = {
  key: 'sys', path: 'system', kind: 'choice', label: 'System', choices: systems.map(({ id, label }) => ({ id, label })),
  decode: (values, ctx) => {
    const id = one(values);
    if (id === undefined) return undefined;
    const sys = getSystem(id);
    if (!sys) ctx.notes.push(`Unknown system ${quote(id)}; showing the default system.`);
    return sys?.id;
  },
  encode: (v) => [pair('sys', v)],
};

/** The system's parameters as p.<id>=value, each within the range its registry entry gives. */
const paramsField: FieldOf<'params'> = {
  key: 'p.*', path: 'params', kind: 'params', label: 'Parameter',
  decode: (_values, ctx) => {
    const sys = ctx.system;
    if (!sys) return undefined;
    const d = ctx.defaults.settings.params;
    const params = { ...d };
    for (const p of sys.params) params[p.id] = readNumber(one(ctx.raw.get(`p.${p.id}`)), `Parameter ${p.id}`, p, d[p.id]!, ctx.notes) ?? d[p.id]!;
    for (const key of ctx.raw.keys()) {
      if (key.startsWith('p.') && !sys.params.some((p) => `p.${p.id}` === key)) ctx.notes.push(`${sys.label} has no parameter ${quote(key.slice(2))}; ignored.`);
    }
    return params;
  },
  encode: (v) => Object.entries(v).map(([id, x]) => pair(`p.${id}`, String(x))),
};

/** The initial state: one number per state of the system, comma-separated. */
const x0Field: FieldOf<'x0'> = {
  key: 'x0', path: 'x0', kind: 'vector', label: 'Initial state', range: RANGES.x0,
  decode: (values, ctx) => {
    const t = one(values);
    if (t === undefined || !ctx.system) return undefined;
    const n = ctx.system.stateNames.length;
    const parts = t.split(',');
    const v = parts.map(decimal);
    const { min, max } = RANGES.x0;
    if (parts.length !== n || v.some((x) => !Number.isFinite(x) || x < min || x > max)) {
      ctx.notes.push(`Initial state ${quote(t)} needs ${n} numbers from ${min} to ${max}; using the default.`);
      return undefined;
    }
    return v;
  },
  encode: (v) => [pair('x0', v.map(String).join(','))],
};

/** Custom library terms, one `term` key each: only the expression alphabet, capped in number and length. */
const termsField: FieldOf<'terms'> = {
  key: 'term', path: 'terms', kind: 'repeated', label: 'Custom term',
  decode: (values, ctx) => {
    const out: string[] = [];
    for (const t of values ?? []) {
      if (out.length >= MAX_TERMS) { ctx.notes.push(`Only ${MAX_TERMS} custom terms are allowed; ignored the rest.`); break; }
      if (t.length > MAX_TERM_LENGTH || !/^[A-Za-z0-9_+\-*/^().,\s]+$/.test(t)) {
        ctx.notes.push(`Ignored the custom term ${quote(t)}: it may only use letters, digits, spaces and + - * / ^ ( ) . ,`);
        continue;
      }
      out.push(t.trim());
    }
    return out;
  },
  encode: (v) => v.map((t) => pair('term', t)),
};

/** The uploaded file's state columns, comma-separated identifiers; not written when empty. */
const statesField: FieldOf<'stateColumns'> = {
  key: 'states', path: 'stateColumns', kind: 'list', label: 'State column',
  when: (st) => st.settings.source === 'upload',
  decode: (values, ctx) => {
    const t = one(values);
    if (t === undefined) return undefined;
    return t.split(',').slice(0, MAX_STATE_COLUMNS).map((c) => readText(c, MAX_NAME_LENGTH, IDENTIFIER, 'State column', ctx.notes)).filter((c) => c !== '');
  },
  encode: (v) => (v.length ? [pair('states', v.join(','))] : []),
};

/** The noise lab's levels (% of each state's std), as the levels field parses them. */
const labLevelsField: FieldOf<'lab.levels'> = {
  key: 'lab.noise', path: 'lab.levels', kind: 'list', label: 'Noise-lab levels', range: RANGES.labLevel,
  when: (st) => st.view === 'lab',
  decode: (values, ctx) => {
    const t = one(values);
    if (t === undefined) return undefined;
    const r = parseLabLevels(t);
    if (r.ok) return r.value;
    ctx.notes.push(`Noise-lab levels ${quote(t)}: ${r.error} Using the default.`);
    return undefined;
  },
  encode: (v) => [pair('lab.noise', v.join(','))],
};

/** The noise lab's methods: some of labMethods, kept in their canonical order. */
const labMethodsField: FieldOf<'lab.methods'> = {
  key: 'lab.methods', path: 'lab.methods', kind: 'list', label: 'Noise-lab methods', choices: labMethods.map((id) => ({ id, label: id })),
  when: (st) => st.view === 'lab',
  decode: (values, ctx) => {
    const t = one(values);
    if (t === undefined) return undefined;
    const parts = t.split(',');
    if (parts.length > labMethods.length || parts.some((x) => !(labMethods as readonly string[]).includes(x))) {
      ctx.notes.push(`Noise-lab methods ${quote(t)} must be some of ${labMethods.join(', ')}; using the default.`);
      return undefined;
    }
    return labMethods.filter((x) => parts.includes(x)) as LabMethod[];
  },
  encode: (v) => [pair('lab.methods', v.join(','))],
};

/** The lesson a link opens (state/classroom.ts; the lessons are in src/lessons/). */
const lessonField: FieldOf<'lesson'> = {
  key: 'lesson', path: 'lesson', kind: 'choice', label: 'Lesson', choices: LESSONS.map(({ id, title }) => ({ id, label: title })),
  when: (st) => st.lesson !== '',
  decode: (values, ctx) => {
    const id = one(values);
    if (id === undefined) return undefined;
    if (getLessonInfo(id)) return id;
    ctx.notes.push(`There is no lesson ${quote(id)}; the lessons are ${LESSONS.map((l) => l.id).join(', ')} (menu Lessons). Opened without a lesson.`);
    return undefined;
  },
  encode: (v) => [pair('lesson', v)],
};

/**
 * A step belongs to a lesson; without one it is ignored, with a note. (Whether the lesson has
 * that many steps is checked when its steps load: the controller's note.)
 */
function lessonStep(st: LinkState): string | null {
  if (st.lesson || st.step === 1) return null;
  const note = `Step ${st.step} needs a lesson (lesson=…); ignored it.`;
  st.step = 1;
  return note;
}

/** A teacher link's controls (show=threshold,noise): setting names from state/classroom.ts, in panel order. */
function controlList<P extends 'show' | 'lock'>(key: P, label: string): FieldOf<P> {
  return {
    key, path: key, kind: 'list', label, choices: CONTROL_NAMES.map((id) => ({ id, label: id })),
    when: (st) => st[key].length > 0,
    decode: (values, ctx) => {
      const t = one(values);
      if (t === undefined) return undefined;
      const { names, unknown } = readControlNames(t);
      if (unknown.length) {
        const shown = unknown.slice(0, 4).map(quote).join(', ') + (unknown.length > 4 ? ', …' : '');
        ctx.notes.push(`${label}: ignored ${shown}: not the name of a control. Use the settings' names, such as threshold, noise, degree or deriv (the Share with class dialog writes them).`);
      }
      return names as string[] as ValueAt<P>;
    },
    encode: (v) => [pair(key, (v as string[]).join(','))],
  };
}

/** A data file that ships with the playground (state/bundled.ts), by id; only with uploaded data. */
const datasetField: FieldOf<'dataset'> = {
  key: 'data', path: 'dataset', kind: 'text', label: 'Bundled data',
  when: (st) => st.settings.source === 'upload' && st.dataset !== '',
  decode: (values, ctx) => {
    const id = one(values);
    if (id === undefined) return undefined;
    if (getBundled(id)) return id;
    ctx.notes.push(`There is no bundled data set ${quote(id)}; the playground ships ${BUNDLED.map((b) => b.id).join(', ')}. Load your own file under Data → Upload CSV.`);
    return undefined;
  },
  encode: (v) => [pair('data', v)],
};

/**
 * The fitting method: the SINDy family (not written: a link without `method` has always meant
 * it) or a registered method that declares its settings. The choices are read when a link is
 * read, so a method registered at run time is a choice too.
 */
const methodField: FieldOf<'method'> = {
  key: 'method', path: 'method', kind: 'choice', label: 'Fitting method',
  get choices(): readonly Choice[] { return methodChoices(); },
  when: (st) => st.settings.method !== SINDY_FAMILY,
  decode: (values, ctx) => {
    const id = one(values);
    if (id === undefined) return undefined;
    if (id === SINDY_FAMILY || getMethodInfo(id)?.fields) return id;
    ctx.notes.push(`Unknown fitting method ${quote(id)}: use one of ${methodChoices().map((c) => c.id).join(', ')}; using ${SINDY_CHOICE.label.split(':')[0]}.`);
    return undefined;
  },
  encode: (v) => [pair('method', v)],
};

/**
 * The chosen method's settings as m.<key>=value, each read against the method's declared field
 * (kind, range, choices, length, its own check); only values that differ from the method's
 * defaults are kept and written, and only fields that apply (`when`). A key of another method,
 * or of none, is a note naming whose it is.
 */
const methodSettingsField: FieldOf<'methodSettings'> = {
  key: 'm.*', path: 'methodSettings', kind: 'methodSettings', label: 'Method setting',
  when: (st) => st.settings.method !== SINDY_FAMILY,
  decode: (_values, ctx) => {
    const id = one(ctx.raw.get('method')) ?? SINDY_FAMILY;
    const info = id === SINDY_FAMILY ? undefined : getMethodInfo(id);
    const chosen = info ? info.label : id === SINDY_FAMILY ? SINDY_CHOICE.label.split(':')[0]! : 'the default method';
    const out: Record<string, MethodValue> = {};
    for (const [key, values] of ctx.raw) {
      if (!key.startsWith('m.')) continue;
      const name = key.slice(2);
      const f = info?.fields?.find((x) => x.key === name);
      if (!f) {
        const owner = methodCatalog().find((m) => m.fields?.some((x) => x.key === name));
        ctx.notes.push(owner && owner !== info
          ? `The setting ${quote(key)} belongs to ${owner.label}, not to ${chosen}; ignored.`
          : `${chosen} has no setting ${quote(name)}; ignored.`);
        continue;
      }
      const fallback = (info!.defaults as Record<string, unknown>)[name];
      const v = readFieldText(f, values[0] ?? '', fallback);
      if (!v.ok) { ctx.notes.push(v.error); continue; }
      if (v.value !== fallback) out[name] = v.value;
    }
    return out;
  },
  encode: (v, st) => {
    const info = getMethodInfo(st.settings.method);
    if (!info) return [];
    return applicableFields(info, v).filter((f) => f.key in v).map((f) => pair(`m.${f.key}`, fieldText(v[f.key]!)));
  },
};

/** Largest complexity a pick may name (a formula's node count; searches stay far below). */
export const MAX_PICK = 1000;

/** A formula picked per state on the Pareto front: complexities, 0 = the method's own choice. */
const pickField: FieldOf<'pick'> = {
  key: 'pick', path: 'pick', kind: 'list', label: 'Picked formulas', range: { min: 0, max: MAX_PICK, integer: true },
  when: (st) => st.settings.method !== SINDY_FAMILY && st.settings.pick.some((c) => c > 0),
  decode: (values, ctx) => {
    const t = one(values);
    if (t === undefined) return undefined;
    const parts = t.split(',');
    if (parts.length > MAX_STATE_COLUMNS || parts.some((x) => !/^\d{1,4}$/.test(x) || Number(x) > MAX_PICK)) {
      ctx.notes.push(`Picked formulas ${quote(t)} must be one complexity per state (whole numbers from 0 to ${MAX_PICK}, comma-separated); showing the method's choice.`);
      return undefined;
    }
    return parts.map(Number);
  },
  encode: (v) => [pair('pick', v.join(','))],
};

const SOURCES: readonly Choice<Settings['source']>[] = [{ id: 'system', label: 'Built-in system' }, { id: 'upload', label: 'Uploaded data' }];
const FORMS: readonly Choice<Settings['form']>[] = [{ id: 'strong', label: 'Strong form' }, { id: 'weak', label: 'Weak form' }];
const VIEWS: readonly Choice<View>[] = [{ id: 'fit', label: 'Fit' }, { id: 'lab', label: 'Noise lab' }];

/** the Savitzky–Golay window and order: our local-polynomial derivative, or PySINDy's smoothing before finite differences */
const savgol = (st: LinkState): boolean => st.settings.deriv === 'savgol' || st.settings.deriv === 'smoothed-fd';
const tv = (st: LinkState): boolean => st.settings.deriv === 'tv';
const weak = (st: LinkState): boolean => st.settings.form === 'weak';
const thresholded = (st: LinkState): boolean => st.settings.opt === 'stlsq' || st.settings.opt === 'sr3';
const mstls = (st: LinkState): boolean => st.settings.opt === 'mstls';
const sr3 = (st: LinkState): boolean => st.settings.opt === 'sr3';
const ensemble = (st: LinkState): boolean => st.settings.ens > 0;
const lab = (st: LinkState): boolean => st.view === 'lab';
const upload = (st: LinkState): boolean => st.settings.source === 'upload';

/** Span and step may not ask for more than MAX_SAMPLES samples: both fall back together. */
function sampleBudget(st: LinkState, d: LinkState): string | null {
  const s = st.settings;
  if (sampleCount(s) <= MAX_SAMPLES) return null;
  const note = `Time span ${s.tEnd} with step ${s.dt} gives more than ${MAX_SAMPLES.toLocaleString('en')} samples; using the default step and span.`;
  s.tEnd = d.settings.tEnd;
  s.dt = d.settings.dt;
  return note;
}

/** One bagged model is no ensemble: 1 turns it off. */
function ensembleSize(st: LinkState): string | null {
  if (st.settings.ens !== 1) return null;
  st.settings.ens = 0;
  return 'An ensemble needs at least 2 models; the ensemble is off.';
}

/** The current schema's fields, in the order they are written. */
export const FIELDS: readonly Field[] = Object.freeze([
  choice('src', 'source', 'Data source', SOURCES),
  systemField,
  paramsField,
  x0Field,
  num('T', 'tEnd', 'Time span', RANGES.tEnd),
  { ...num('dt', 'dt', 'Sample step', RANGES.dt), repair: sampleBudget },
  bool('irr', 'irregular', 'Irregular sampling'),
  num('noise', 'noise', 'Noise', RANGES.noise),
  num('seed', 'seed', 'Seed', RANGES.seed),
  choice('deriv', 'deriv', 'Derivative method', derivativeChoices),
  num('sgw', 'sgWindow', 'Savitzky–Golay window', RANGES.sgWindow, savgol),
  num('sgo', 'sgOrder', 'Savitzky–Golay order', RANGES.sgOrder, savgol),
  num('tva', 'tvAlpha', 'TV α', RANGES.tvAlpha, tv),
  num('tvi', 'tvIter', 'TV iterations', RANGES.tvIter, tv),
  num('deg', 'degree', 'Polynomial degree', RANGES.degree),
  bool('bias', 'bias', 'Constant term'),
  num('fourier', 'fourier', 'Fourier frequencies', RANGES.fourier),
  termsField,
  choice('form', 'form', 'Formulation', FORMS),
  num('wk', 'weakK', 'Test functions K', RANGES.weakK, weak),
  num('ws', 'weakSupport', 'Test-function support', RANGES.weakSupport, weak),
  num('wo', 'weakOrder', 'Test-function order', RANGES.weakOrder, weak),
  bool('gls', 'gls', 'Generalised least squares', weak),
  choice('opt', 'opt', 'Optimizer', sparseMethodChoices),
  num('thr', 'threshold', 'Threshold', RANGES.threshold, thresholded),
  num('mlam', 'mlam', 'MSTLS λ', RANGES.mlam, mstls),
  num('alpha', 'alpha', 'α', RANGES.alpha),
  num('nu', 'nu', 'SR3 ν', RANGES.nu, sr3),
  choice('reg', 'regularizer', 'SR3 regulariser', regularizerChoices, sr3),
  num('iter', 'maxIter', 'Iteration limit', RANGES.maxIter),
  bool('norm', 'normalize', 'Normalise columns'),
  { ...num('ens', 'ens', 'Ensemble models', RANGES.ens), repair: ensembleSize },
  num('ensinc', 'ensInc', 'Inclusion threshold', RANGES.ensInc, ensemble),
  bool('enslib', 'ensLib', 'Library bagging', ensemble),
  methodField,
  methodSettingsField,
  pickField,
  choice('view', 'view', 'View', VIEWS),
  // projector mode, written only when on (a class's link opens in large type)
  bool('present', 'present', 'Projector mode', (st) => st.present),
  // the classroom (state/classroom.ts): a lesson step, a teacher's focused tool, embed mode; each written only when used
  lessonField,
  { ...num('step', 'step', 'Lesson step', { min: 1, max: MAX_LESSON_STEPS, integer: true }, (st) => st.lesson !== ''), repair: lessonStep },
  controlList('show', 'Shown controls'),
  controlList('lock', 'Locked controls'),
  bool('embed', 'embed', 'Embed mode', (st) => st.embed),
  labLevelsField,
  labMethodsField,
  num('lab.seeds', 'lab.seeds', 'Noise-lab seeds', RANGES.labSeeds, lab),
  datasetField,
  text('file', 'file', 'File name', 100, FILE_NAME, upload),
  text('time', 'timeColumn', 'Time column', MAX_NAME_LENGTH, IDENTIFIER, upload),
  statesField,
] satisfies Field[]);

/** The key patterns a table reads: 'v' and every field's key. */
export function keysOf(fields: readonly Field[]): readonly string[] {
  return ['v', ...fields.map((f) => f.key)];
}

/**
 * The keys of each older schema version, frozen when the version was superseded (the current
 * version's keys are keysOf(FIELDS)). A link is parsed with its own version's keys, so a key
 * that a later version renamed still reaches the migration that renames it.
 * v1 (before weak form, ensembles and the noise lab).
 */
export const LINK_KEYS: Readonly<Record<number, readonly string[]>> = Object.freeze({
  1: Object.freeze(['v', 'src', 'sys', 'p.*', 'x0', 'T', 'dt', 'irr', 'noise', 'seed', 'deriv', 'sgw', 'sgo', 'tva', 'tvi',
    'deg', 'bias', 'fourier', 'term', 'opt', 'thr', 'alpha', 'nu', 'reg', 'iter', 'norm', 'file', 'time', 'states']),
});

/** Does `key` match a key pattern ('x0', or a prefix pattern such as 'p.*')? */
export function keyMatches(pattern: string, key: string): boolean {
  if (!pattern.endsWith('.*')) return pattern === key;
  const prefix = pattern.slice(0, -1);
  return key.startsWith(prefix) && IDENTIFIER_32.test(key.slice(prefix.length));
}

/**
 * The ONE module that reads and writes the URL, generated from the field table in schema.ts.
 * Everything a URL holds is untrusted text:
 *   version — read `v` first (missing: the current version);
 *   parse   — split the query into the keys of the LINK's version (a key unknown to that version
 *             is dropped with a note, lengths capped), so a key a later version renamed survives;
 *   migrate — bring the keys up to the current version, one step per version;
 *   validate — with the current table: numbers must be plain decimal literals within RANGES, ids
 *             must be in a registry, text is capped and filtered; a bad field keeps its default
 *             and gets a note.
 * Nothing read here is executed or rendered as HTML: notes are shown as plain text by React,
 * custom terms go only to core/library/expression.ts, which parses (never evaluates) them.
 *
 * Schema v2 (readable keys, every setting written so a link keeps meaning if defaults change):
 *   v=2 src=system|upload sys=lorenz p.sigma=10 … x0=1,1,1 T=10 dt=0.002 irr=0 noise=1 seed=0
 *   deriv=fd|savgol|tv sgw sgo tva tvi deg bias fourier term=… (repeated)
 *   form=strong|weak wk wo ws gls  opt=stlsq|lasso|sr3|mstls thr mlam alpha nu reg=l0|l1 iter norm
 *   ens (0 = off) ensinc enslib  view=fit|lab lab.noise=0,1,5 lab.methods=fd,weak lab.seeds=4
 *   file time states=x,y  data=lynx_hare (a bundled file, state/bundled.ts)
 *   present=1  lesson=sparsity step=2  show=threshold,noise lock=threshold  embed=1 (written only when used)
 * v1 (before weak form, ensembles and the noise lab) is migrated by writing those features'
 * "off" values explicitly, so an old link keeps meaning whatever the defaults become.
 */
import { systemOrDefault, defaultLabSettings, defaultSettings, type LabSettings, type Settings, type View } from './settings';
import { getAt, setAt, type Field, type FieldOf, type LinkState, type Path, type RawParams, type ReadContext } from './fields';
import { FIELDS, keyMatches, keysOf, LINK_KEYS } from './schema';
import { quote } from './linkText';
import { getSystem } from '../core/systems/registry';
import { NO_CLASSROOM, type Classroom } from './classroom';

export { quote, replaceControl } from './linkText';
export type { RawParams } from './fields';

export const URL_VERSION = 2;
const MAX_QUERY = 8000;
const MAX_VALUE = 400;
const MAX_NOTES = 8;

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

/**
 * What a link carries besides the fit settings: the view and the lab grid; present: projector
 * mode; the classroom part (lesson, step, show, lock, embed; state/classroom.ts); dataset: the
 * bundled file the upload came from (state/bundled.ts). What is absent takes its default.
 */
export interface Shared extends Partial<Classroom> { view: View; lab: LabSettings; present?: boolean; dataset?: string }

export interface Decoded extends Required<Shared> { settings: Settings; notes: string[]; version: number }

/**
 * A schema version: its field table, the key lists of the versions before it and the
 * migrations into it. The codec runs on SCHEMA; tests pass a made-up later version.
 */
export interface LinkSchema {
  version: number;
  fields: readonly Field[];
  keys: Readonly<Record<number, readonly string[]>>;
  migrations: Readonly<Record<number, Migration>>;
}
export const SCHEMA: LinkSchema = Object.freeze({ version: URL_VERSION, fields: FIELDS, keys: LINK_KEYS, migrations: MIGRATIONS });

/** The key patterns of links of `version` (the current version's come from its table). */
export function versionKeys(schema: LinkSchema, version: number): readonly string[] {
  return version === schema.version ? keysOf(schema.fields) : schema.keys[version] ?? keysOf(schema.fields);
}

/** The query's pairs, at most MAX_QUERY characters of it. */
function readQuery(search: string, notes: string[]): URLSearchParams {
  let text = search.startsWith('?') ? search.slice(1) : search;
  if (text.length > MAX_QUERY) { notes.push(`The link is too long (${text.length} characters); only its first ${MAX_QUERY} were read.`); text = text.slice(0, MAX_QUERY); }
  try { return new URLSearchParams(text); } catch { notes.push('The link could not be read; opened the defaults.'); return new URLSearchParams(); }
}

/** The link's schema version from `v` (absent or unreadable: the current one). */
function linkVersion(vText: string | null, current: number, notes: string[]): number {
  if (vText === null) return current;
  const v = Number(vText);
  if (!/^\d{1,3}$/.test(vText) || v < 1) { notes.push(`Unknown link version ${quote(vText)}; read it as version ${current}.`); return current; }
  if (v > current) { notes.push(`This link was made by a newer version of the playground (v${v}); some settings may not apply.`); return current; }
  return v;
}

/** The pairs whose key is one of `keys`; every other key and every overlong value is a note. */
function collect(q: URLSearchParams, keys: readonly string[], later: readonly string[], version: number, notes: string[]): RawParams {
  const raw: RawParams = new Map();
  for (const [key, value] of q) {
    if (!keys.some((k) => keyMatches(k, key))) {
      notes.push(later.some((k) => keyMatches(k, key))
        ? `Ignored the setting ${quote(key)}: links of version ${version} do not have it.`
        : `Ignored the unknown setting ${quote(key)}.`);
      continue;
    }
    if (value.length > MAX_VALUE) { notes.push(`The value of ${quote(key)} is too long; using the default.`); continue; }
    const list = raw.get(key) ?? [];
    list.push(value);
    raw.set(key, list);
  }
  return raw;
}

/** Split a query into the keys of one version (by default the current one's), with notes for the rest. */
export function parseQuery(search: string, notes: string[], keys: readonly string[] = keysOf(FIELDS)): RawParams {
  return collect(readQuery(search, notes), keys, keys, URL_VERSION, notes);
}

/** Apply the migration chain from `from` up to `to` (the current version). */
export function migrate(raw: RawParams, from: number, chain: Readonly<Record<number, Migration>> = MIGRATIONS, to = URL_VERSION): RawParams {
  let out = raw;
  for (let k = from; k < to; k++) {
    const step = chain[k];
    if (step) out = step(out);
  }
  return out;
}

/** Reads, migrates and validates a query string into settings; every rejected field is a note. */
export function decodeUrl(search: string): Decoded {
  return decodeWith(search, SCHEMA);
}

export function decodeWith(search: string, schema: LinkSchema): Decoded {
  const notes: string[] = [];
  const query = readQuery(search, notes);
  const version = linkVersion(query.get('v'), schema.version, notes);
  const raw = migrate(collect(query, versionKeys(schema, version), keysOf(schema.fields), version, notes), version, schema.migrations, schema.version);
  const st = validate(raw, schema.fields, notes);
  if (notes.length > MAX_NOTES) notes.splice(MAX_NOTES, notes.length - MAX_NOTES, `…and ${notes.length - MAX_NOTES} more ignored settings.`);
  const { settings, view, lab, present, lesson, step, show, lock, embed, dataset } = st;
  return { settings, view, lab, present, lesson, step, show, lock, embed, dataset, notes, version };
}

/** A link's defaults: the system's settings, the fit view, nothing of the classroom. */
export const linkDefaults = (systemId: string | undefined): LinkState => ({
  settings: defaultSettings(systemId), view: 'fit', lab: defaultLabSettings(), present: false,
  lesson: NO_CLASSROOM.lesson, step: NO_CLASSROOM.step, show: [], lock: [], embed: false, dataset: '',
});

/**
 * Every field of the table, in order, over the defaults of the link's system (read first). A
 * link without `sys` means the default system; a link naming an unknown one keeps that
 * system's parameters and initial state at the defaults' (they would not fit).
 */
function validate(raw: RawParams, fields: readonly Field[], notes: string[]): LinkState {
  const sysField = fields.find((f) => f.path === 'system') as FieldOf<'system'> | undefined;
  const probe: ReadContext = { raw, system: undefined, defaults: linkDefaults(undefined), notes };
  const sysId = sysField?.decode(raw.get(sysField.key), probe);
  const system = sysId !== undefined ? getSystem(sysId) : sysField && raw.has(sysField.key) ? undefined : systemOrDefault('');
  const defaults = linkDefaults(sysId);
  const st = linkDefaults(sysId);
  const ctx: ReadContext = { raw, system, defaults, notes };
  for (const f of fields) {
    if (f === sysField) continue;
    const g = f as FieldOf<Path>;
    const v = g.decode(raw.get(g.key), ctx);
    if (v !== undefined) setAt(st, g.path, v);
    const note = g.repair?.(st, defaults);
    if (note) notes.push(note);
  }
  return st;
}

/** Settings (and the view and the lab's grid) → query string (without '?'). Every applicable key is written, in table order. */
export function encodeUrl(s: Settings, shared: Shared = { view: 'fit', lab: defaultLabSettings() }): string {
  return encodeWith(linkState(s, shared), SCHEMA);
}

/** The link state of settings and what is shared beside them (absent parts at their defaults). */
export function linkState(s: Settings, shared: Shared): LinkState {
  const c = { ...NO_CLASSROOM, ...shared };
  return {
    settings: s, view: shared.view, lab: shared.lab, present: shared.present ?? false,
    lesson: c.lesson, step: c.step, show: [...c.show], lock: [...c.lock], embed: c.embed, dataset: shared.dataset ?? '',
  };
}

export function encodeWith(st: LinkState, schema: LinkSchema): string {
  const q = new URLSearchParams();
  q.set('v', String(schema.version));
  for (const f of schema.fields) {
    const g = f as FieldOf<Path>;
    if (g.when && !g.when(st)) continue;
    for (const [key, value] of g.encode(getAt(st, g.path), st)) q.append(key, value);
  }
  // Commas and parentheses are legal in a query (RFC 3986 sub-delims): keep them readable.
  return q.toString().replace(/%2C/g, ',').replace(/%28/g, '(').replace(/%29/g, ')');
}

/** Does the query name any fit setting (anything besides the version, the view and the classroom's keys)? */
export function hasSettings(search: string): boolean {
  const notFit = new Set(['v', 'view', 'present', 'lesson', 'step', 'show', 'lock', 'embed']);
  const notes: string[] = [];
  return [...parseQuery(search, notes).keys()].some((k) => !notFit.has(k));
}

/** The browser globals this module touches (typed here so the codec also compiles for Node tests). */
interface BrowserGlobals {
  location: { origin: string; pathname: string; search: string; hash: string; href: string };
  history: { replaceState(data: unknown, unused: string, url: string): void; pushState(data: unknown, unused: string, url: string): void };
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
}
const browser = (): BrowserGlobals => globalThis as unknown as BrowserGlobals;

/** The page's address for these settings (absolute: for a share dialog, a QR code or an iframe). */
export function linkTo(s: Settings, shared?: Shared): string {
  const { location } = browser();
  return `${location.origin}${location.pathname}?${encodeUrl(s, shared)}`;
}

/** Write the URL as a new history entry (a lesson's step: Back returns to the step before). */
export function pushUrl(s: Settings, shared?: Shared): string {
  const { location, history } = browser();
  const url = `${location.pathname}?${encodeUrl(s, shared)}${location.hash}`;
  history.pushState(null, '', url);
  return location.href;
}

/** Call `onPop` when the browser's Back or Forward changes the URL; returns the unsubscribe. */
export function onUrlPop(onPop: () => void): () => void {
  const g = browser();
  g.addEventListener('popstate', onPop);
  return () => g.removeEventListener('popstate', onPop);
}

/** Replace the current URL without adding a history entry (a slider drag must not flood history). */
export function writeUrl(s: Settings, shared?: Shared): string {
  const { location, history } = browser();
  const url = `${location.pathname}?${encodeUrl(s, shared)}${location.hash}`;
  history.replaceState(null, '', url);
  return location.href;
}

/** The page's query string, as it is now. */
export function readSearch(): string {
  return browser().location.search;
}

export function readUrl(): Decoded {
  return decodeUrl(readSearch());
}

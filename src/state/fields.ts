/**
 * The field model of the link schema (schema.ts holds the table): what a field is — URL key,
 * path in the link state, kind, range or choices, label, when it applies, and its typed
 * decode/encode — and the generic kinds (num, choice, bool, text) most entries are made with.
 * Decoders read untrusted text: a bad value is a note and the field keeps its default.
 */
import type { Choice } from '../core/limits';
import type { DynamicalSystem } from '../core/systems/registry';
import { decimal, quote, replaceControl } from './linkText';
import { clamp, type LabSettings, type Range, type Settings, type View } from './settings';

/**
 * Everything a link carries: the fit settings, the view and the noise lab's grid; present:
 * projector mode (large type for a class); the classroom part (state/classroom.ts): the lesson
 * and its step, the teacher's shown and locked controls, embed mode; dataset: the bundled data
 * file an upload came from (state/bundled.ts; '' for a user's own file).
 */
export interface LinkState {
  settings: Settings; view: View; lab: LabSettings; present: boolean;
  lesson: string; step: number; show: string[]; lock: string[]; embed: boolean; dataset: string;
}

/** Raw key → value(s) of one schema version, as read from the query. */
export type RawParams = Map<string, string[]>;

/** Link-state members besides the settings and the lab grid (the view, projector mode, the classroom part…). */
type TopKey = Exclude<keyof LinkState, 'settings' | 'lab'>;
/** Where a field lives in the link state: a setting, a top-level member, or lab.<member>. */
export type Path = keyof Settings | TopKey | `lab.${keyof LabSettings}`;
export type ValueAt<P extends Path> =
  P extends keyof Settings ? Settings[P]
    : P extends TopKey ? LinkState[P]
      : P extends `lab.${infer K extends keyof LabSettings}` ? LabSettings[K] : never;

/** params: the system's p.<id> keys; methodSettings: the chosen method's m.<key> keys */
export type FieldKind = 'number' | 'integer' | 'boolean' | 'choice' | 'text' | 'vector' | 'list' | 'repeated' | 'params' | 'methodSettings';

/** What a field's decoder sees besides its own values. */
export interface ReadContext {
  /** every key of the link (prefix fields such as p.<id> look up their own keys) */
  raw: RawParams;
  /** the link's system; undefined when the link names an unknown one */
  system: DynamicalSystem | undefined;
  /** the defaults for that system: a field that is absent or bad keeps its default */
  defaults: LinkState;
  notes: string[];
}

export interface FieldOf<P extends Path> {
  /** URL key; a prefix field's key ends in '.*' (p.* = p.<parameter id>) */
  key: string;
  path: P;
  kind: FieldKind;
  label: string;
  range?: Range;
  choices?: readonly Choice[];
  /** the encoder writes the field only when this holds (always when absent) */
  when?: (st: LinkState) => boolean;
  /** the link's values of `key` (undefined when absent) → the setting; undefined keeps the default */
  decode(values: readonly string[] | undefined, ctx: ReadContext): ValueAt<P> | undefined;
  /** the setting → key/value pairs to write ([] writes nothing) */
  encode(value: ValueAt<P>, st: LinkState): (readonly [string, string])[];
  /** a check across fields, after this field is read: fixes `st` and returns a note, or null */
  repair?(st: LinkState, defaults: LinkState): string | null;
}

/** One entry of the table (a FieldOf some path). */
export type Field = { [P in Path]: FieldOf<P> }[Path];

/** The object a path points into and the member's name (settings objects are always complete). */
function slot(st: LinkState, path: Path): [Record<string, unknown>, string] {
  if (path.startsWith('lab.')) return [st.lab as unknown as Record<string, unknown>, path.slice(4)];
  if (Object.prototype.hasOwnProperty.call(st.settings, path)) return [st.settings as unknown as Record<string, unknown>, path];
  return [st as unknown as Record<string, unknown>, path];
}

export function getAt<P extends Path>(st: LinkState, path: P): ValueAt<P> {
  const [obj, key] = slot(st, path);
  return obj[key] as ValueAt<P>;
}

export function setAt<P extends Path>(st: LinkState, path: P, value: ValueAt<P>): void {
  const [obj, key] = slot(st, path);
  obj[key] = value;
}

type PathsOf<T> = { [P in Path]: ValueAt<P> extends T ? P : never }[Path];
type NumberPath = PathsOf<number>;
type BooleanPath = PathsOf<boolean>;
type ChoicePath = { [P in Path]: ValueAt<P> extends string ? (string extends ValueAt<P> ? never : P) : never }[Path];

export const one = (values: readonly string[] | undefined): string | undefined => values?.[0];
export const pair = (key: string, value: string): readonly [string, string] => [key, value];

/** A number within `range` (rounded when the range is integer). */
export function num<P extends NumberPath>(key: string, path: P, label: string, range: Range, when?: (st: LinkState) => boolean): FieldOf<P> {
  return {
    key, path, kind: range.integer ? 'integer' : 'number', label, range, when,
    decode: (values, ctx) => readNumber(one(values), label, range, getAt(ctx.defaults, path) as number, ctx.notes) as ValueAt<P> | undefined,
    encode: (v) => [pair(key, String(v))],
  };
}

export function readNumber(t: string | undefined, label: string, range: Range, fallback: number, notes: string[]): number | undefined {
  if (t === undefined) return undefined;
  const v = decimal(t);
  if (!Number.isFinite(v) || v < range.min || v > range.max) {
    notes.push(`${label} = ${quote(t)} is not a number from ${range.min} to ${range.max}; using the default ${fallback}.`);
    return undefined;
  }
  return clamp(v, range);
}

/** One of `choices`, by id. */
export function choice<P extends ChoicePath>(key: string, path: P, label: string, choices: readonly Choice<ValueAt<P> & string>[], when?: (st: LinkState) => boolean): FieldOf<P> {
  const ids = choices.map((c) => c.id as string);
  return {
    key, path, kind: 'choice', label, choices, when,
    decode: (values, ctx) => readChoice(one(values), label, ids, getAt(ctx.defaults, path) as string, ctx.notes) as ValueAt<P> | undefined,
    encode: (v) => [pair(key, v as string)],
  };
}

function readChoice(t: string | undefined, label: string, ids: readonly string[], fallback: string, notes: string[]): string | undefined {
  if (t === undefined) return undefined;
  if (ids.includes(t)) return t;
  notes.push(`${label} ${quote(t)} is not one of ${ids.join(', ')}; using ${fallback}.`);
  return undefined;
}

/** A switch, written 1 or 0. */
export function bool<P extends BooleanPath>(key: string, path: P, label: string, when?: (st: LinkState) => boolean): FieldOf<P> {
  return {
    key, path, kind: 'boolean', label, when,
    decode: (values, ctx) => {
      const t = readChoice(one(values), label, ['0', '1'], getAt(ctx.defaults, path) ? '1' : '0', ctx.notes);
      return (t === undefined ? undefined : t === '1') as ValueAt<P> | undefined;
    },
    encode: (v) => [pair(key, v ? '1' : '0')],
  };
}

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Printable file names without markup or path separators. */
export const FILE_NAME = /^[^<>"\\/]*$/;

/** Untrusted text: at most `max` characters of the `allowed` pattern, else '' with a note. */
export function readText(t: string | undefined, max: number, allowed: RegExp, label: string, notes: string[]): string {
  if (t === undefined || t === '') return '';
  if (t.length > max || !allowed.test(t) || replaceControl(t) !== t) { notes.push(`${label} ${quote(t)} is not allowed; ignored.`); return ''; }
  return t;
}

/** A short text; not written when empty. */
export function text(key: string, path: 'file' | 'timeColumn', label: string, max: number, allowed: RegExp, when?: (st: LinkState) => boolean): FieldOf<typeof path> {
  return {
    key, path, kind: 'text', label, when,
    decode: (values, ctx) => readText(one(values), max, allowed, label, ctx.notes),
    encode: (v) => (v ? [pair(key, v)] : []),
  };
}

/**
 * The whole configuration as a versioned JSON file (Export → Configuration), and reading one
 * back. The file is the link in another dress: its settings are the link's keys and values
 * (url.ts, generated from schema.ts), typed for reading — numbers as numbers, switches as
 * true/false, lists as arrays — and its version is the link schema's. Reading turns it back
 * into a query and hands it to the link's own decoder, so a file is validated and migrated by
 * exactly the code a link is: a bad value keeps its default with a note, an old version is
 * migrated. What cannot be read at all (not JSON, another format, a newer version) is refused
 * with a message, and nothing the user had changes.
 *
 *   { "format": "sindy-playground-config", "version": 2,
 *     "settings": { "src": "system", "sys": "lorenz", "p.sigma": 10, "x0": [-8, 7, 27], "term": ["sin(x)"], … } }
 *
 * An uploaded file's contents are never in it (nor in a link): only its name and column roles,
 * and a note saying which file to load again.
 */
import { excerpt } from '../core/text';
import { err, ok, type Result } from '../core/types';
import type { FieldKind, LinkState } from './fields';
import { keyMatches } from './schema';
import { decodeWith, encodeUrl, SCHEMA, type Decoded, type LinkSchema } from './url';

export const CONFIG_FORMAT = 'sindy-playground-config';
/** A configuration is a few kB; anything much larger is not one. */
export const MAX_CONFIG_CHARS = 1_000_000;

type Value = string | number | boolean | (string | number)[];

export interface ConfigFile {
  format: typeof CONFIG_FORMAT;
  version: number;
  settings: Record<string, Value>;
  /** only for uploaded data: the file the settings were made with, which is not included */
  uploadedData?: { file: string; note: string };
}

/** A configuration read back: the decoded link state and its notes, and the file it needs, if any. */
export interface LoadedConfig { decoded: Decoded; uploadedFile: string | null }

/** The kind of the table field that reads `key` (p.sigma → params). */
function kindOf(key: string, schema: LinkSchema): FieldKind | undefined {
  return schema.fields.find((f) => keyMatches(f.key, key))?.kind;
}

/** A link value as JSON: numbers and switches typed, comma lists as arrays. */
function typed(kind: FieldKind | undefined, text: string): Value {
  const asNumber = (t: string): string | number => (t.trim() !== '' && String(Number(t)) === t ? Number(t) : t);
  switch (kind) {
    case 'number': case 'integer': case 'params': return asNumber(text);
    case 'boolean': return text === '1';
    case 'vector': case 'list': return text === '' ? [] : text.split(',').map(asNumber);
    default: return text;
  }
}

/** The configuration of `st` (the fit settings, the view and the noise lab's grid) as a file. */
export function configFile(st: Pick<LinkState, 'settings' | 'view' | 'lab'>): ConfigFile {
  const q = new URLSearchParams(encodeUrl(st.settings, { view: st.view, lab: st.lab }));
  const settings: Record<string, Value> = {};
  for (const [key, value] of q) {
    if (key === 'v') continue;
    const kind = kindOf(key, SCHEMA);
    if (kind === 'repeated') settings[key] = [...((settings[key] as string[] | undefined) ?? []), value];
    else settings[key] = typed(kind, value);
  }
  const s = st.settings;
  return {
    format: CONFIG_FORMAT,
    version: SCHEMA.version,
    settings,
    ...(s.source === 'upload' ? {
      uploadedData: {
        file: s.file,
        note: `The data came from the uploaded file '${s.file || 'unnamed'}', whose contents are not saved here (they never leave your browser). After loading this configuration, load ${s.file ? `'${s.file}'` : 'that file'} again (Data → Upload CSV).`,
      },
    } : {}),
  };
}

export function configJson(st: Pick<LinkState, 'settings' | 'view' | 'lab'>): string {
  return JSON.stringify(configFile(st), null, 2) + '\n';
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A JSON value of the file as the link's text; null when it cannot be one (an object, null, a nested list). */
function linkText(kind: FieldKind | undefined, v: unknown): string[] | null {
  const scalar = (x: unknown): string | null =>
    typeof x === 'string' ? x : typeof x === 'number' && Number.isFinite(x) ? String(x) : typeof x === 'boolean' ? (x ? '1' : '0') : null;
  if (Array.isArray(v)) {
    const parts = v.map(scalar);
    if (parts.some((p) => p === null)) return null;
    return kind === 'repeated' ? (parts as string[]) : [(parts as string[]).join(',')];
  }
  const one = scalar(v);
  return one === null ? null : [one];
}

/**
 * Reads a configuration file's text (`name` is its file name, for messages). Refused, with a
 * message naming the problem: text that is not JSON, JSON of another format, a version this
 * page does not know. Otherwise decoded like a link (bad values → defaults with notes).
 */
export function readConfig(text: string, name: string, schema: LinkSchema = SCHEMA): Result<LoadedConfig> {
  const file = `'${excerpt(name, 60)}'`;
  if (text.length > MAX_CONFIG_CHARS) return err(`${file} is too large for a configuration (${(text.length / 1e6).toFixed(1)} MB; one is a few kB). Choose a file saved by Export → Configuration.`);
  let json: unknown;
  try { json = JSON.parse(text.replace(/^\uFEFF/, '')); } catch (e) {
    return err(`${file} is not a configuration: it is not valid JSON (${excerpt(e instanceof Error ? e.message : String(e), 80)}). Choose a file saved by Export → Configuration.`);
  }
  if (!isRecord(json) || json.format !== CONFIG_FORMAT) {
    const what = !isRecord(json) ? 'it is JSON but not an object' : json.format === undefined ? 'it has no "format" field' : `its format is ${excerpt(JSON.stringify(json.format), 40)}`;
    return err(`${file} is not a SINDy Playground configuration: ${what} (expected "format": "${CONFIG_FORMAT}"). Choose a file saved by Export → Configuration.`);
  }
  const v = json.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    return err(`${file} has no valid "version" (a whole number from 1 to ${schema.version} is expected; it has ${excerpt(JSON.stringify(v) ?? 'none', 20)}).`);
  }
  if (v > schema.version) {
    return err(`${file} was saved by a newer version of the playground (configuration version ${v}; this page reads versions 1 to ${schema.version}). Reload the page to get the newer version, then load it again.`);
  }
  if (!isRecord(json.settings)) return err(`${file} has no "settings" object. Choose a file saved by Export → Configuration.`);
  const q = new URLSearchParams();
  q.set('v', String(v));
  const notes: string[] = [];
  for (const [key, value] of Object.entries(json.settings)) {
    const values = linkText(kindOf(key, schema), value);
    if (values === null) { notes.push(`Ignored the setting '${excerpt(key, 40)}': its value must be a number, text, true/false or a list of them.`); continue; }
    for (const x of values) q.append(key, x);
  }
  const decoded = decodeWith(q.toString(), schema);
  decoded.notes.unshift(...notes);
  const s = decoded.settings;
  return ok({ decoded, uploadedFile: s.source === 'upload' ? s.file : null });
}

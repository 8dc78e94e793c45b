/** Reading a method's settings from untrusted plain data (a URL, the CLI, a message). */
import { err, ok, type Result } from '../types';
import type { MethodField } from './types';

/**
 * The defaults overlaid with the given values, each of the same type as its default (number,
 * boolean, string, or a nested object read the same way); unknown keys are refused, so a
 * misspelt setting is never silently dropped.
 */
export function readSettings<S extends object>(defaults: Readonly<S>, given: Readonly<Record<string, unknown>>, where = 'settings'): Result<S> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    if (!(key in defaults)) return err(`Unknown ${where} entry '${key.slice(0, 40)}'. Known: ${Object.keys(defaults).join(', ')}.`);
    const d = (defaults as Record<string, unknown>)[key];
    if (d !== null && typeof d === 'object' && !Array.isArray(d)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return err(`The ${where} entry '${key}' must be a group of settings.`);
      const inner = readSettings(d as object, value as Record<string, unknown>, `${key}`);
      if (!inner.ok) return inner;
      out[key] = inner.value;
    } else if (typeof value !== typeof d || (typeof value === 'number' && !Number.isFinite(value))) {
      return err(`The ${where} entry '${key}' must be ${typeof d === 'number' ? 'a finite number' : `a ${typeof d}`}.`);
    } else out[key] = value;
  }
  return ok(out as S);
}

/**
 * A method's settings from untrusted data, read against its declared fields: the defaults
 * overlaid (readSettings: unknown keys and wrong types refused), then each field's range,
 * whole-number rule, choices and length checked, with a message naming the setting and the
 * range to use.
 */
export function validateFields<S extends object>(fields: readonly MethodField[], defaults: Readonly<S>, given: Readonly<Record<string, unknown>>, where = 'method setting'): Result<S> {
  const r = readSettings<S>(defaults, given, where);
  if (!r.ok) return r;
  const values = r.value as Record<string, unknown>;
  for (const f of fields) {
    const v = values[f.key];
    const problem = fieldProblem(f, v);
    if (problem) return err(problem);
  }
  return r;
}

/** What is wrong with a value of a field, or null. */
export function fieldProblem(f: MethodField, v: unknown): string | null {
  switch (f.kind) {
    case 'int':
    case 'number': {
      const whole = f.kind === 'int';
      if (typeof v !== 'number' || !Number.isFinite(v) || v < f.min || v > f.max || (whole && !Number.isInteger(v))) {
        return `${f.label} ${printable(v)} is out of range: use ${whole ? 'a whole number' : 'a number'} from ${f.min} to ${f.max}.`;
      }
      return null;
    }
    case 'choice':
      return typeof v === 'string' && f.choices.some((c) => c.id === v) ? null
        : `${f.label} ${printable(v)} is not one of ${f.choices.map((c) => c.id).join(', ')}.`;
    case 'text':
      if (typeof v !== 'string' || v.length > f.maxLength) return `${f.label} must be text of at most ${f.maxLength} characters.`;
      { const why = f.check?.(v); return why ? `${f.label}: ${why}` : null; }
    case 'bool':
      return typeof v === 'boolean' ? null : `${f.label} must be true or false.`;
  }
}

function printable(v: unknown): string {
  const s = typeof v === 'string' ? `'${v}'` : String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

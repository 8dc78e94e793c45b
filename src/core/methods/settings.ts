/** Reading a method's settings from untrusted plain data (a URL, the CLI, a message). */
import { err, ok, type Result } from '../types';

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

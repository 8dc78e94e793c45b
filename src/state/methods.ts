/**
 * The page's method choice, generated from the method catalog (core/methods/catalog.ts): the
 * SINDy family (driven by the page's own derivative, library and optimizer controls, with the
 * formulation and the ensemble choosing among sindy, weak and esindy in spec.ts) and every
 * registered method that declares its settings. Also what the settings panel, the link codec and
 * the adapter share: a method's effective settings, which shared controls it uses, and how an
 * untrusted text becomes a setting's value.
 */
import { getMethodInfo, methodCatalog, withDefaults } from '../core/methods/catalog';
import { fieldProblem } from '../core/methods/settings';
import { PIPELINE_CONTROLS, type MethodField, type MethodInfo, type PipelineControl } from '../core/methods/types';
import type { Result } from '../core/types';
import { decimal, quote, replaceControl } from './linkText';
import { SINDY_FAMILY, type MethodValue, type Settings } from './settings';

export interface MethodChoice { id: string; label: string; description: string }

/** The SINDy family as the page offers it (its variants are chosen by the controls below the choice). */
export const SINDY_CHOICE: MethodChoice = Object.freeze({
  id: SINDY_FAMILY,
  label: 'SINDy: sparse regression on a library',
  description: 'Estimate ẏ (or integrate against test functions, the weak form), build a library of candidate terms and keep the few that explain the data (Brunton, Proctor & Kutz 2016); optionally bag an ensemble.',
});

/** The choices of the method control and of the link's `method` key, in registration order. */
export function methodChoices(): readonly MethodChoice[] {
  return [SINDY_CHOICE, ...methodCatalog().filter((m) => m.fields).map(({ id, label, description }) => ({ id, label, description }))];
}

/** The chosen method's info (undefined for the SINDy family or an id no longer registered). */
export function chosenInfo(s: Pick<Settings, 'method'>): MethodInfo | undefined {
  return s.method === SINDY_FAMILY ? undefined : getMethodInfo(s.method);
}

/** The chosen method's settings with its defaults filled in. */
export function effectiveSettings(info: MethodInfo, values: Readonly<Record<string, MethodValue>>): Record<string, unknown> {
  return withDefaults(info, values);
}

/** The fields that apply to these settings (a field's `when`), in declared order. */
export function applicableFields(info: MethodInfo, values: Readonly<Record<string, MethodValue>>): readonly MethodField[] {
  const eff = effectiveSettings(info, values);
  return (info.fields ?? []).filter((f) => !f.when || f.when(eff));
}

/** The shared pipeline controls the chosen method reads: all of them for the SINDy family. */
export function controlsUsed(s: Pick<Settings, 'method' | 'methodSettings'>): ReadonlySet<PipelineControl> {
  if (s.method === SINDY_FAMILY) return new Set(PIPELINE_CONTROLS);
  const info = getMethodInfo(s.method);
  return new Set(info?.uses?.(effectiveSettings(info, s.methodSettings)) ?? []);
}

/**
 * `values` with `key` set to `v`, keeping only what differs from the defaults (so a link
 * carries only the settings the user changed, and a value set back to its default leaves it).
 */
export function withSetting(info: MethodInfo, values: Readonly<Record<string, MethodValue>>, key: string, v: MethodValue): Record<string, MethodValue> {
  const out = { ...values };
  if ((info.defaults as Record<string, unknown>)[key] === v) delete out[key];
  else out[key] = v;
  return out;
}

/**
 * Untrusted text (a link's m.<key>) → a value of the field's kind within its range, or a
 * message naming the setting, its range and the default that stays.
 */
export function readFieldText(f: MethodField, text: string, fallback: unknown): Result<MethodValue> {
  const keep = `; using the default ${String(fallback)}.`;
  let v: MethodValue;
  switch (f.kind) {
    case 'int':
    case 'number':
      v = decimal(text);
      if (!Number.isFinite(v)) {
        return { ok: false, error: `${f.label} ${quote(text)} is not a number: use ${f.kind === 'int' ? 'a whole number' : 'a number'} from ${f.min} to ${f.max}${keep}` };
      }
      break;
    case 'bool':
      if (text !== '0' && text !== '1') return { ok: false, error: `${f.label} ${quote(text)} must be 1 or 0${keep}` };
      v = text === '1';
      break;
    case 'choice':
    case 'text':
      if (replaceControl(text) !== text) return { ok: false, error: `${f.label} ${quote(text)} holds control characters${keep}` };
      v = text;
      break;
  }
  const problem = fieldProblem(f, v);
  return problem ? { ok: false, error: `${problem.replace(/\.$/, '')}${keep}` } : { ok: true, value: v };
}

/** A value as the link writes it (booleans as 1 and 0). */
export function fieldText(v: MethodValue): string {
  return typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
}

/**
 * The slider a numeric field gets: logarithmic when the field asks for it, or when its positive
 * range spans three decades or more (iterations 1…10000); linear for numbers and for whole-number
 * ranges of at most a thousand steps; none for wider whole-number ranges (a seed is typed).
 */
export function sliderScale(f: Extract<MethodField, { kind: 'int' | 'number' }>): 'log' | 'linear' | null {
  if (f.log ?? (f.min > 0 && f.max / f.min >= 1000)) return 'log';
  return f.kind === 'number' || f.max - f.min <= 1000 ? 'linear' : null;
}

/**
 * The settings' pick after choosing complexity c on state j's front: c, or 0 when c is the
 * method's own choice (so the link carries only real picks); [] when nothing is picked.
 */
export function pickOnFront(pick: readonly number[], nStates: number, j: number, c: number, chosen: readonly number[]): number[] {
  const out = Array.from({ length: nStates }, (_, k) => (k === j ? (c === chosen[j] ? 0 : c) : pick[k] ?? 0));
  return out.some((x) => x > 0) ? out : [];
}

/**
 * The CLI's options of the fitting methods, generated from their declared settings
 * (core/methods/types.ts MethodField), as the playground's controls and the link's m.<key> are:
 * for `--method <id>`, each field is the flag `--<cli ?? key>` (a bool field `--<flag>` and
 * `--no-<flag>`), its value parsed by kind and checked against its range, choices, length and
 * own check. A method registered at run time gets its flags with no line here. Pure: no fs, no
 * process.
 */
import { parseDecimal } from '../core/data/csvNumber';
import { fittingMethods, getMethod } from '../core/methods/registry';
import { fieldProblem } from '../core/methods/settings';
import type { AnyMethod, MethodField, PipelineControl } from '../core/methods/types';
import { excerpt } from '../core/text';
import { err, ok, type Result } from '../core/types';

export type MethodValue = string | number | boolean;

/** The SINDy family's own --method values (E-SINDy is --ensemble N on either). */
const FAMILY = ['sindy', 'weak'] as const;

/** The registered methods that declare their settings: each is a --method value with its own flags. */
export function flagMethods(): readonly AnyMethod[] {
  return fittingMethods().filter((m) => m.fields && !(FAMILY as readonly string[]).includes(m.id));
}

/** Every --method value: sindy, weak, then the methods with declared settings. */
export function methodIds(): string[] {
  return [...FAMILY, ...flagMethods().map((m) => m.id)];
}

export const isFamily = (id: string): boolean => (FAMILY as readonly string[]).includes(id);

export function flagOf(f: MethodField): string {
  return `--${f.cli ?? f.key}`;
}

/** The field a flag sets for method `id` (and whether it was the --no- form of a bool), or null. */
export function fieldOfFlag(id: string, flag: string): { field: MethodField; negated: boolean } | null {
  const fields = getMethod(id)?.fields ?? [];
  for (const f of fields) {
    if (flagOf(f) === flag) return { field: f, negated: false };
    if (f.kind === 'bool' && `--no-${f.cli ?? f.key}` === flag) return { field: f, negated: true };
  }
  return null;
}

/** The methods other than `id` that have this flag (for "a setting of --method gp" refusals). */
export function ownersOfFlag(flag: string, except: string): AnyMethod[] {
  return flagMethods().filter((m) => m.id !== except && fieldOfFlag(m.id, flag) !== null);
}

/** Whether a field's flag takes a value (a bool is a switch). */
export const takesValue = (f: MethodField): boolean => f.kind !== 'bool';

/** The value text of a flag → the field's value, or a one-line message naming the flag and what it takes. */
export function parseFieldFlag(f: MethodField, flag: string, text: string | undefined, negated = false): Result<MethodValue> {
  if (f.kind === 'bool') return ok(!negated);
  if (text === undefined || text.startsWith('--')) return err(`${flag} needs a value (${expects(f)}).`);
  let v: MethodValue;
  if (f.kind === 'int' || f.kind === 'number') {
    // Plain decimals only, as the other numeric options: Number would take '0x10' and ''.
    v = parseDecimal(text);
    if (Number.isNaN(v)) return err(`${flag} ${excerpt(text)}: expected ${expects(f)}.`);
  } else v = text;
  const problem = fieldProblem(f, v);
  return problem ? err(`${flag}: ${problem}`) : ok(v);
}

function expects(f: MethodField): string {
  switch (f.kind) {
    case 'int': return `a whole number from ${f.min} to ${f.max}`;
    case 'number': return `a number from ${f.min} to ${f.max}`;
    case 'choice': return `one of ${f.choices.map((c) => c.id).join(', ')}`;
    case 'text': return `text of at most ${f.maxLength} characters`;
    case 'bool': return 'no value';
  }
}

/** The flags of the SINDy pipeline's shared settings, by the control they set. */
export const CONTROL_FLAGS: Readonly<Record<PipelineControl, readonly string[]>> = Object.freeze({
  derivative: ['--derivative', '--window', '--poly-order', '--tv-alpha'],
  library: ['--degree', '--no-bias', '--fourier', '--terms'],
  optimizer: ['--optimizer', '--threshold', '--alpha', '--nu', '--regularizer', '--max-iter', '--normalize'],
});
/** Flags of the SINDy family's variants (weak form, ensemble), which other methods never read. */
const FAMILY_FLAGS: readonly string[] = ['--ensemble', '--inclusion', '--test-functions', '--support', '--gls'];

/**
 * With a method outside the SINDy family: the first flag given that it would not read (a shared
 * setting it does not use, a SINDy variant, one of its own fields that does not apply to the
 * other values given), as advice; or null.
 */
export function unusedFlag(id: string, given: ReadonlySet<string>, settings: Readonly<Record<string, MethodValue>>, methodFlags: ReadonlySet<string>): string | null {
  const m = getMethod(id);
  if (!m || isFamily(id)) return null;
  const eff = { ...(m.defaults as Record<string, unknown>), ...settings };
  const variant = FAMILY_FLAGS.find((f) => given.has(f));
  if (variant) return `${variant} belongs to SINDy (the weak form, E-SINDy) and has no effect with --method ${id}. Drop it, or use --method sindy or weak.`;
  const uses = new Set(m.uses?.(eff) ?? []);
  for (const [control, flags] of Object.entries(CONTROL_FLAGS) as [PipelineControl, readonly string[]][]) {
    if (uses.has(control)) continue;
    const flag = flags.find((f) => given.has(f) && !methodFlags.has(f));
    if (flag) return `${flag} has no effect with --method ${id}: ${m.label} does not use the ${control === 'derivative' ? 'derivative estimate' : control} settings. Drop ${flag}.`;
  }
  for (const f of m.fields ?? []) {
    if (f.when && !f.when(eff) && (given.has(flagOf(f)) || given.has(`--no-${f.cli ?? f.key}`))) {
      return `${flagOf(f)} (${f.label}) does not apply with the other settings of --method ${id} given. Drop it.`;
    }
  }
  return null;
}

/** --help's section per method: its flags with what they take, their help and their defaults. */
export function methodFlagsHelp(pad: number): string[] {
  const lines: string[] = [];
  for (const m of flagMethods()) {
    lines.push('', `Options of --method ${m.id} (${m.label}):`);
    for (const f of m.fields ?? []) {
      const d = (m.defaults as Record<string, unknown>)[f.key];
      const arg = f.kind === 'int' ? ' N' : f.kind === 'number' ? ' X' : f.kind === 'choice' ? ` ${f.choices.map((c) => c.id).join('|')}` : f.kind === 'text' ? ` "${f.placeholder ?? 'TEXT'}"` : '';
      const flag = f.kind === 'bool' ? `${flagOf(f)}, --no-${f.cli ?? f.key}` : flagOf(f) + arg;
      const range = f.kind === 'int' || f.kind === 'number' ? `, ${f.min}–${f.max}${f.unit ? ` ${f.unit}` : ''}` : '';
      const def = f.kind === 'bool' ? (d ? 'on' : 'off') : f.kind === 'text' ? `"${String(d)}"` : String(d);
      lines.push(`  ${flag.padEnd(pad)} ${f.help.replace(/\.$/, '')}${range} (default ${def})`);
    }
  }
  return lines;
}

/**
 * The classroom part of a link: the lesson step shown, a teacher's focused tool (`show`: only
 * these controls; `lock`: these read-only) and embed mode. Control names are the settings'
 * own names (Settings members, the `path` column of the link table in schema.ts: `threshold`,
 * `noise`, `degree`, …), not the short URL keys, so `show=threshold,noise` reads as it means.
 * Every name here has one control in the settings panel (wrapped in ui/classroom/Gate.tsx;
 * test/state/classroom.test.ts checks each name is gated there).
 */
import type { Settings } from './settings';

export interface Classroom {
  /** lesson id ('' = no lesson) and its step, 1-based */
  lesson: string;
  step: number;
  /** only these controls are shown (empty: all) */
  show: string[];
  /** these controls are shown read-only */
  lock: string[];
  /** embedded in another page: no header, minimal chrome */
  embed: boolean;
}

export const NO_CLASSROOM: Classroom = Object.freeze({ lesson: '', step: 1, show: Object.freeze([]) as unknown as string[], lock: Object.freeze([]) as unknown as string[], embed: false });

/** The settings panel's sections, in order (the share dialog groups its checkboxes by them). */
export const SECTIONS = Object.freeze([
  { id: 'method', label: 'Method' },
  { id: 'data', label: 'Data' },
  { id: 'noise', label: 'Noise & sampling' },
  { id: 'deriv', label: 'Derivatives' },
  { id: 'library', label: 'Library Θ' },
  { id: 'opt', label: 'Sparse regression' },
] as const);
export type SectionId = (typeof SECTIONS)[number]['id'];

/** Every control a teacher link can show or lock, by setting name, with its section, in panel order. */
export const CONTROLS = Object.freeze([
  { name: 'method', section: 'method' },
  { name: 'source', section: 'data' }, { name: 'system', section: 'data' }, { name: 'params', section: 'data' },
  { name: 'x0', section: 'data' }, { name: 'tEnd', section: 'data' }, { name: 'dt', section: 'data' },
  { name: 'noise', section: 'noise' }, { name: 'seed', section: 'noise' }, { name: 'irregular', section: 'noise' },
  { name: 'form', section: 'deriv' }, { name: 'weakK', section: 'deriv' }, { name: 'weakOrder', section: 'deriv' },
  { name: 'weakSupport', section: 'deriv' }, { name: 'gls', section: 'deriv' }, { name: 'deriv', section: 'deriv' },
  { name: 'sgWindow', section: 'deriv' }, { name: 'sgOrder', section: 'deriv' }, { name: 'tvAlpha', section: 'deriv' },
  { name: 'tvIter', section: 'deriv' },
  { name: 'degree', section: 'library' }, { name: 'fourier', section: 'library' }, { name: 'bias', section: 'library' },
  { name: 'terms', section: 'library' },
  { name: 'opt', section: 'opt' }, { name: 'threshold', section: 'opt' }, { name: 'mlam', section: 'opt' },
  { name: 'alpha', section: 'opt' }, { name: 'nu', section: 'opt' }, { name: 'regularizer', section: 'opt' },
  { name: 'normalize', section: 'opt' }, { name: 'ens', section: 'opt' }, { name: 'ensInc', section: 'opt' },
  { name: 'ensLib', section: 'opt' },
] as const satisfies readonly { name: keyof Settings; section: SectionId }[]);

export type ControlName = (typeof CONTROLS)[number]['name'];
export const CONTROL_NAMES: readonly ControlName[] = Object.freeze(CONTROLS.map((c) => c.name));

export function isControlName(name: string): name is ControlName {
  return (CONTROL_NAMES as readonly string[]).includes(name);
}

/** How a control shows under a teacher link: locked ones are visible too (read-only). */
export type ControlMode = 'shown' | 'hidden' | 'locked';
export function controlMode(name: ControlName, c: Pick<Classroom, 'show' | 'lock'>): ControlMode {
  if (c.lock.includes(name)) return 'locked';
  return c.show.length && !c.show.includes(name) ? 'hidden' : 'shown';
}

/** Is any control of the section visible? (an empty section is not drawn) */
export function sectionVisible(section: SectionId, c: Pick<Classroom, 'show' | 'lock'>): boolean {
  return CONTROLS.some((k) => k.section === section && controlMode(k.name, c) !== 'hidden');
}

/**
 * A settings patch without the locked settings: a locked control is read-only whatever asks
 * (its control, a click on the Pareto plot, a message's button). Returns the same object when
 * nothing is locked.
 */
export function unlockedPatch(patch: Partial<Settings>, lock: readonly string[]): Partial<Settings> {
  if (!lock.length) return patch;
  return Object.fromEntries(Object.entries(patch).filter(([k]) => !lock.includes(k))) as Partial<Settings>;
}

/** A list of control names from link text: known names in panel order, without repeats; the rest named in `unknown`. */
export function readControlNames(text: string): { names: ControlName[]; unknown: string[] } {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const unknown = [...new Set(parts.filter((p) => !isControlName(p)))];
  return { names: CONTROL_NAMES.filter((n) => parts.includes(n)), unknown };
}

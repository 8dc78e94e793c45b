/**
 * The fitting methods, by id: adding a method is its folder plus one line here, and — for a
 * method that declares its settings (`fields`) — one line in ./catalog.ts, the import-light list
 * from which the page's method choice and settings panel, the link and the CLI's flags are
 * generated. The noise lab's comparison (core/lab/methods.ts) is the only other, optional, one.
 */
import { registerMethodInfo } from './catalog';
import { esindyMethod } from './esindy/method';
import { gpMethod } from './gp/method';
import { neuralMethod } from './neural/method';
import { sindyMethod } from './sindy/method';
import type { AnyMethod } from './types';
import { weakMethod } from './weak/method';

const registered: AnyMethod[] = [sindyMethod, weakMethod, esindyMethod, gpMethod, neuralMethod];

export function fittingMethods(): readonly AnyMethod[] { return registered; }

export function getMethod(id: string): AnyMethod | undefined {
  return registered.find((m) => m.id === id);
}

/**
 * Add a method at run time (tests register doubles; a lazily loaded method registers itself).
 * A method with the same id replaces the earlier one.
 */
export function registerMethod(m: AnyMethod): void {
  const k = registered.findIndex((x) => x.id === m.id);
  if (k >= 0) registered[k] = m; else registered.push(m);
  if (m.fields) registerMethodInfo(m);
}

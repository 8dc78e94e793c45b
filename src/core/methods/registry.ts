/**
 * The fitting methods, by id: adding a method is its folder plus one line here (and, for each
 * surface that offers it, one registration: its UI panel, its CLI options, the noise lab).
 */
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
}

/**
 * The methods the surfaces offer by their declared settings, as import-light infos (no engine
 * code): the page's method choice and settings panel, the link's `method` and `m.<key>` fields
 * and the CLI's generated flags read this list. The engine's registry (./registry.ts) holds the
 * runnable methods; a method that declares `fields` is listed in both (the two lines of
 * registration), and registerMethod adds a run-time method to both, so a test double shows
 * up everywhere. test/core/methods/catalog.test.ts fails when a registered method with fields
 * is missing here or differs.
 *
 * The SINDy family (sindy, weak, esindy) declares no fields: the page drives it with its own
 * controls (formulation, ensemble) and offers it as one choice.
 */
import { gpInfo } from './gp/info';
import { neuralInfo } from './neural/info';
import type { MethodInfo } from './types';

const infos: MethodInfo[] = [gpInfo as MethodInfo, neuralInfo as MethodInfo];

/** The methods with declared settings, in registration order. */
export function methodCatalog(): readonly MethodInfo[] { return infos; }

export function getMethodInfo(id: string): MethodInfo | undefined {
  return infos.find((m) => m.id === id);
}

/** Add (or replace, by id) a method's info; registerMethod calls it for methods with fields. */
export function registerMethodInfo(info: MethodInfo): void {
  const k = infos.findIndex((x) => x.id === info.id);
  if (k >= 0) infos[k] = info; else infos.push(info);
}

/** A method's settings with its defaults filled in (what its fields' `when` and `uses` read). */
export function withDefaults(info: MethodInfo, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...(info.defaults as Record<string, unknown>), ...given };
}

/**
 * The registry of named dynamical systems (PySINDy's `utils/odes.py` as typed entries).
 * Only a system's id crosses the worker boundary or goes into a URL; the UI, the worker and
 * the CLI look the entry up here. Order = order in the playground's menu.
 */
import { cubicOscillator } from './cubicOscillator';
import { dampedPendulum } from './dampedPendulum';
import { duffing } from './duffing';
import { hopf } from './hopf';
import { linearOscillator } from './linearOscillator';
import { lorenz } from './lorenz';
import { lotkaVolterra } from './lotkaVolterra';
import { pendulum } from './pendulum';
import { rationalOscillator } from './rationalOscillator';
import { rossler } from './rossler';
import type { DynamicalSystem } from './system';
import { vanDerPol } from './vanDerPol';

export type { DynamicalSystem, SystemParam, Truth } from './system';

export const systems: readonly DynamicalSystem[] = Object.freeze([
  lorenz,
  lotkaVolterra,
  linearOscillator,
  cubicOscillator,
  vanDerPol,
  duffing,
  rossler,
  hopf,
  pendulum,
  dampedPendulum,
  rationalOscillator,
]);

const byId = new Map(systems.map((s) => [s.id, s]));

export function getSystem(id: string): DynamicalSystem | undefined {
  return byId.get(id);
}

/** The default parameter values of a system, by parameter id (a fresh object). */
export function defaultParams(sys: DynamicalSystem): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of sys.params) out[p.id] = p.value;
  return out;
}

/**
 * Choosing another system loads its suggested library and threshold (a degree-4 library on
 * the pendulum would only slow the class down). When that replaces what the user had set,
 * they are told what changed, with a way back: the note carries the old values as a patch.
 */
import { getSystem } from '../core/systems/registry';
import type { Settings } from './settings';

export interface SwitchNote { text: string; action: { label: string; patch: Partial<Settings> } }

const describe = (s: Settings): string =>
  `degree ${s.degree}, Fourier ${s.fourier}, ${s.bias ? 'constant term' : 'no constant term'}${s.terms.length ? `, ${s.terms.length} custom term${s.terms.length > 1 ? 's' : ''}` : ''}, λ ${s.threshold}`;

export function librarySwitchNote(prev: Settings, next: Settings): SwitchNote | null {
  const same = prev.degree === next.degree && prev.fourier === next.fourier && prev.bias === next.bias
    && prev.threshold === next.threshold && prev.terms.join('\n') === next.terms.join('\n');
  if (same || prev.system === next.system) return null;
  const label = getSystem(next.system)?.label ?? next.system;
  // Custom terms name states: they carry over only to a system with the same state names.
  const sameStates = (getSystem(prev.system)?.stateNames ?? []).join() === (getSystem(next.system)?.stateNames ?? []).join();
  const patch: Partial<Settings> = { degree: prev.degree, fourier: prev.fourier, bias: prev.bias, threshold: prev.threshold, ...(sameStates ? { terms: prev.terms } : {}) };
  return {
    text: `${label} starts with its suggested library and threshold: ${describe(next)}. Yours was ${describe(prev)}.`,
    action: { label: 'Keep my library', patch },
  };
}

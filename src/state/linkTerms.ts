/**
 * Custom terms from a link are untrusted text that the URL codec can only screen by
 * character (it does not load the expression parser, to keep the first bundle small). Before
 * the first fit each is added to the link's library; one that does not parse, or repeats a
 * column, is
 * dropped with a note naming it and why, like every other bad value of a link, instead of
 * failing the whole fit. Uploaded data is checked when its columns are known (the fit says
 * which term fails).
 */
import { getSystem } from '../core/systems/registry';
import type { Settings } from './settings';

export interface CheckedTerms { terms: string[]; notes: string[] }

export async function checkLinkTerms(s: Settings): Promise<CheckedTerms> {
  const sys = getSystem(s.system);
  if (s.terms.length === 0 || s.source !== 'system' || !sys) return { terms: s.terms, notes: [] };
  const { buildLibrary } = await import('../core/library/library');
  const terms: string[] = [];
  const notes: string[] = [];
  // Term by term on top of the link's library, so a term that repeats a column is caught too.
  for (const t of s.terms) {
    const r = buildLibrary(sys.stateNames, { degree: s.degree, bias: s.bias, fourier: s.fourier, custom: [...terms, t] });
    if (r.ok) terms.push(t);
    else notes.push(`Ignored a custom term of the link. ${r.error}`);
  }
  return { terms, notes };
}

/**
 * LaTeX of recovered equations with each term marked against the truth (pure, no React):
 *   correct term: plain;  extra term: underlined, vermillion;  missing term: struck out, grey.
 * Marks are drawn with KaTeX built-ins allowed under trust: false (\underline, \cancel, \textcolor),
 * and never only by colour (underline and strike-through carry the meaning too).
 */
import { fmtCoef } from '../core/model/equations';
import type { FitPayload } from '../worker/protocol';

export const EXTRA_COLOR = '#D55E00';
export const MISSING_COLOR = '#8a9099';

export type TermKind = 'correct' | 'extra' | 'missing' | 'plain';

export { dotLatex } from '../core/model/equations';

function latexNumber(c: number): string {
  const s = fmtCoef(Math.abs(c));
  const m = /^(.*)e([+-]?\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}

function termTex(c: number, name: string, tex: string): string {
  const mag = latexNumber(c);
  return name === '1' ? mag : mag === '1' ? tex : `${mag}\\,${tex}`;
}

function mark(kind: TermKind, body: string): string {
  if (kind === 'extra') return `\\underline{\\textcolor{${EXTRA_COLOR}}{${body}}}`;
  if (kind === 'missing') return `\\textcolor{${MISSING_COLOR}}{\\cancel{${body}}}`;
  return body;
}

/** The recovered right-hand side of state j with marks (or plain when the truth is unknown). */
export function markedLatex(fit: FitPayload, j: number): string {
  const p = fit.features.length;
  let out = '';
  for (let a = 0; a < p; a++) {
    const c = fit.coefficients[j * p + a]!;
    const tc = fit.truthRow ? fit.truthRow[j * p + a]! : 0;
    if (c === 0 && tc === 0) continue;
    const kind: TermKind = !fit.truthRow ? 'plain' : c !== 0 && tc !== 0 ? 'correct' : c !== 0 ? 'extra' : 'missing';
    const value = c !== 0 ? c : tc;
    const body = termTex(value, fit.features[a]!, fit.featuresLatex[a]!);
    const sep = out === '' ? (value < 0 ? '-' : '') : value < 0 ? ' - ' : ' + ';
    out += sep + mark(kind, body);
  }
  return out === '' ? '0' : out;
}

export interface CoefRow { state: string; term: string; truth: number; recovered: number; relError: number | null; kind: TermKind }

/** Every term that is true or recovered, with the relative coefficient error of true terms. */
export function coefficientRows(fit: FitPayload): CoefRow[] {
  const rows: CoefRow[] = [];
  const p = fit.features.length;
  if (!fit.truthRow) return rows;
  fit.stateNames.forEach((state, j) => {
    for (let a = 0; a < p; a++) {
      const c = fit.coefficients[j * p + a]!;
      const tc = fit.truthRow![j * p + a]!;
      if (c === 0 && tc === 0) continue;
      const kind: TermKind = c !== 0 && tc !== 0 ? 'correct' : c !== 0 ? 'extra' : 'missing';
      rows.push({ state, term: fit.features[a]!, truth: tc, recovered: c, relError: tc !== 0 ? Math.abs(c - tc) / Math.abs(tc) : null, kind });
    }
  });
  return rows;
}

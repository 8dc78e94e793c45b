/**
 * LaTeX through KaTeX, loaded with the first equation. Safe settings: trust false (no \href,
 * \htmlClass…), bounded sizes and macro expansion, HTML + MathML output (screen readers read
 * the MathML), and parse errors shown as escaped text, never as HTML.
 */
import { useEffect, useState } from 'react';
import { KATEX_OPTIONS } from './katexOptions';

type Katex = typeof import('katex').default;
let katexPromise: Promise<Katex> | null = null;

function loadKatex(): Promise<Katex> {
  katexPromise ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => m.default);
  return katexPromise;
}

export { KATEX_OPTIONS };

/** Rendered HTML, or null with the error message when the LaTeX does not parse. */
export function renderTex(katex: Katex, tex: string, display: boolean): { html: string } | { error: string } {
  try {
    return { html: katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

interface Props { tex: string; display?: boolean; className?: string }

export function Equation({ tex, display = false, className }: Props) {
  const [katex, setKatex] = useState<Katex | null>(null);
  useEffect(() => {
    let alive = true;
    loadKatex().then((k) => { if (alive) setKatex(() => k); }, () => undefined);
    return () => { alive = false; };
  }, []);
  if (!katex) return <code className={`tex-fallback ${className ?? ''}`}>{tex}</code>;
  const r = renderTex(katex, tex, display);
  if ('error' in r) return <code className={`tex-error ${className ?? ''}`} title={r.error}>{tex}</code>;
  // KaTeX output with trust: false is escaped HTML built by KaTeX itself.
  return <span className={className} dangerouslySetInnerHTML={{ __html: r.html }} />;
}

/**
 * A lesson's text: plain text with `$…$` as inline LaTeX (KaTeX through Equation). Our own
 * text, never a link's. Punctuation right after a formula stays on its line.
 */
import { Fragment, type ReactNode } from 'react';
import { splitTex } from '../../lessons/richText';
import { Equation } from '../Equation';

export function RichText({ text }: { text: string }) {
  const parts = splitTex(text);
  const out: ReactNode[] = [];
  let carry = '';
  parts.forEach((part, k) => {
    if (k % 2 === 0) {
      const rest = part.slice(carry.length);
      if (rest) out.push(<Fragment key={k}>{rest}</Fragment>);
      return;
    }
    const next = parts[k + 1] ?? '';
    carry = /^[,.;:!?)]+/.exec(next)?.[0] ?? '';
    out.push(<span key={k} className="tex-inline"><Equation tex={part} />{carry}</span>);
  });
  return <>{out}</>;
}

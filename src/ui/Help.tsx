/**
 * A "?" button that opens a short explanation beside it: a disclosure (aria-expanded), so a
 * keyboard opens it with Enter or Space and a screen reader reads the text that follows the
 * button; Escape or a second press closes it.
 */
import { useId, useState } from 'react';
import { HELP, type HelpTopic } from './helpText';

/** `topic`: an entry of the help table; `entry`: a text declared elsewhere (a method's setting). */
export function Help({ topic, entry, testId }: { topic: HelpTopic; entry?: undefined; testId?: string } | { topic?: undefined; entry: { title: string; text: string }; testId?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const h = entry ?? HELP[topic!];
  return (
    <span className="help" onKeyDown={(e) => { if (e.key === 'Escape' && open) { e.stopPropagation(); setOpen(false); } }}>
      <button type="button" className="help-btn" aria-expanded={open} aria-controls={id} aria-label={`What is ${h.title}?`}
        data-testid={testId ?? `help-${topic ?? 'entry'}`} onClick={() => setOpen(!open)}>?</button>
      {open ? <span id={id} role="note" className="help-pop">{h.text}</span> : null}
    </span>
  );
}

/**
 * Errors and notes (from links, uploads, system switches and fits), as plain text — never as
 * HTML. One current message per source (the store replaces a source's older one), each
 * dismissible; text is shown as a printable excerpt (control characters replaced, length capped).
 */
import { useStore, type Note } from '../state/store';

const MAX_SHOWN = 400;

/** Printable text of at most MAX_SHOWN characters. */
export function printable(text: string): string {
  const clean = Array.from(text, (ch) => { const c = ch.codePointAt(0)!; return c < 32 || (c >= 127 && c < 160) || c === 0xfffd ? '?' : ch; }).join('');
  return clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN)}…` : clean;
}

export function Messages() {
  const notes = useStore((s) => s.notes);
  const phase = useStore((s) => s.status.phase);
  const runError = useStore((s) => (s.status.phase === 'error' ? s.status.message : null));
  const fitMessage = useStore((s) => (s.fit && s.fit.status !== 'ok' ? s.fit.message : null));
  const warnings = useStore((s) => s.fit?.warnings);
  const empty = notes.length === 0 && !runError && !fitMessage && !warnings?.length;
  return (
    <div className={`messages ${empty ? 'empty' : ''}`} data-testid="message" aria-live="polite">
      {phase === 'error' && runError ? <p className="msg error" role="alert">{printable(runError)}</p> : null}
      {fitMessage ? <p className="msg warn">{printable(fitMessage)}</p> : null}
      {/* A stopped run's message is also its first warning: say it once. */}
      {warnings?.filter((w) => w !== fitMessage).map((w) => <p key={w} className="msg warn">{printable(w)}</p>)}
      {notes.map((n) => <NoteLine key={n.id} note={n} />)}
    </div>
  );
}

function NoteLine({ note }: { note: Note }) {
  const dismiss = useStore((s) => s.dismissNote);
  const setSettings = useStore((s) => s.setSettings);
  return (
    <p className={`msg ${note.kind}`} data-source={note.source}>
      <span>{printable(note.text)}</span>
      <span className="msg-buttons">
        {note.action ? (
          <button type="button" className="btn ghost" onClick={() => { setSettings(note.action!.patch); dismiss(note.id); }}>{note.action.label}</button>
        ) : null}
        <button type="button" className="msg-x" aria-label="Dismiss this message" onClick={() => dismiss(note.id)}>×</button>
      </span>
    </p>
  );
}

/** Errors and notes (from links, uploads and fits), as plain text — never as HTML. */
import { useStore } from '../state/store';

export function Messages() {
  const notes = useStore((s) => s.notes);
  const phase = useStore((s) => s.status.phase);
  const runError = useStore((s) => (s.status.phase === 'error' ? s.status.message : null));
  const fitMessage = useStore((s) => (s.fit && s.fit.status !== 'ok' ? s.fit.message : null));
  const warnings = useStore((s) => s.fit?.warnings);
  const dismiss = useStore((s) => s.dismissNote);
  const empty = notes.length === 0 && !runError && !fitMessage && !warnings?.length;
  return (
    <div className={`messages ${empty ? 'empty' : ''}`} data-testid="message" aria-live="polite">
      {phase === 'error' && runError ? <p className="msg error" role="alert">{runError}</p> : null}
      {fitMessage ? <p className="msg warn">{fitMessage}</p> : null}
      {warnings?.map((w) => <p key={w} className="msg warn">{w}</p>)}
      {notes.map((n) => (
        <p key={n.id} className={`msg ${n.kind}`}>
          <span>{n.text}</span>
          <button type="button" className="msg-x" aria-label="Dismiss" onClick={() => dismiss(n.id)}>×</button>
        </p>
      ))}
    </div>
  );
}

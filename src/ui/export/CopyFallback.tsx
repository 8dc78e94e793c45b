/**
 * When the browser refuses the clipboard (no permission, an insecure origin, an embedding
 * page), the text is shown selected in a modal dialog to copy by hand. A native <dialog>
 * (showModal): focus stays inside, Escape closes it, focus returns to the Export button.
 */
import { useEffect, useId, useRef } from 'react';

export function CopyFallback({ title, text, onClose }: { title: string; text: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    area.current?.focus();
    area.current?.select();
  }, []);
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <dialog ref={dialog} className="copy-fallback" aria-labelledby={titleId} data-testid="copy-fallback" onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      <p className="small">The browser did not allow copying to the clipboard. The text is selected: press {mac ? '⌘C' : 'Ctrl+C'} to copy it.</p>
      <textarea ref={area} readOnly rows={Math.min(12, text.split('\n').length + 1)} value={text} data-testid="copy-fallback-text"
        onFocus={(e) => e.currentTarget.select()} />
      <div className="copy-fallback-buttons">
        <button type="button" className="btn" onClick={() => dialog.current?.close()}>Close</button>
      </div>
    </dialog>
  );
}

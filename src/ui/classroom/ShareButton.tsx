/** "Share with class" in the header: opens the share dialog, loaded on first use (it carries the QR encoder). */
import { lazy, Suspense, useRef, useState } from 'react';

const loadDialog = () => import('./ShareDialog');
const ShareDialog = lazy(loadDialog);

export function ShareButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button ref={button} type="button" className="btn" data-testid="share-open" aria-haspopup="dialog"
        onPointerEnter={() => void loadDialog()} onFocus={() => void loadDialog()} onClick={() => setOpen(true)}>
        Share with class
      </button>
      {open ? (
        <Suspense fallback={null}>
          <ShareDialog onClose={() => { setOpen(false); button.current?.focus(); }} />
        </Suspense>
      ) : null}
    </>
  );
}

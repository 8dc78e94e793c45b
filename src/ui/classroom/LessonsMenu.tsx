/**
 * The lessons in the header: a button that opens a list of the lessons (title and one line
 * each). Each entry is a real link (?lesson=<id>: it can be opened in a new tab or copied);
 * a plain click starts the lesson in place. Escape or a click elsewhere closes the list.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { LESSONS } from '../../lessons/catalog';
import { controller } from '../../state/controllerInstance';
import { useStore } from '../../state/store';

export function LessonsMenu() {
  const [open, setOpen] = useState(false);
  const current = useStore((s) => s.classroom.lesson);
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    box.current?.querySelector<HTMLElement>('a')?.focus();
    const onKey = (e: KeyboardEvent): void => { if (e.key === 'Escape') { setOpen(false); button.current?.focus(); } };
    const onDown = (e: PointerEvent): void => { if (!box.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => { document.removeEventListener('keydown', onKey); document.removeEventListener('pointerdown', onDown); };
  }, [open]);
  return (
    <div className="lessons-menu" ref={box}>
      <button ref={button} type="button" className="btn ghost" aria-expanded={open} aria-controls={id} data-testid="lessons-menu"
        onClick={() => setOpen(!open)}>
        Lessons <span aria-hidden="true">▾</span>
      </button>
      <nav id={id} className="lessons-list" hidden={!open} aria-label="Lessons">
        <ol>
          {LESSONS.map((l) => (
            <li key={l.id}>
              <a href={`?lesson=${l.id}`} data-testid={`lesson-link-${l.id}`} aria-current={l.id === current ? 'step' : undefined}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                  e.preventDefault();
                  setOpen(false);
                  controller().goToStep(l.id, 1);
                }}>
                <strong>{l.title}</strong>
                <span>{l.summary}</span>
              </a>
            </li>
          ))}
        </ol>
      </nav>
    </div>
  );
}

/**
 * The lesson's current step (state: classroom.lesson and .step, in the URL): its text with
 * KaTeX, what to look at (outlined on the page while the step shows; "Show me" scrolls to it),
 * a question, Previous / Next (each a new history entry: Back and Forward move between steps)
 * and a way out that keeps the current settings as a normal link.
 */
import { useEffect, useRef, useState } from 'react';
import { loadLesson, peekLesson, type Lesson } from '../../lessons/catalog';
import { controller } from '../../state/controllerInstance';
import { useStore } from '../../state/store';
import { RichText } from './RichText';

/** Where the settings drawer listens for "open" (a lesson pointing at a control, on a phone). */
export const REVEAL_SETTINGS = 'sindy:reveal-settings';

export function LessonPanel() {
  const lessonId = useStore((s) => s.classroom.lesson);
  const k = useStore((s) => s.classroom.step);
  const lesson = useLesson(lessonId);
  const step = lesson?.steps[k - 1];
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // A new step moves the keyboard focus to its title (not on the page's first paint).
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    heading.current?.focus({ preventScroll: true });
  }, [lessonId, k]);
  useLook(step?.look.testId ?? null);
  if (!lesson || !step) return null;
  const n = lesson.steps.length;
  return (
    <section className="card lesson" data-testid="lesson-panel" aria-labelledby="lesson-title">
      <header className="lesson-head">
        <p className="lesson-name">Lesson: {lesson.title}</p>
        <p className="lesson-step" data-testid="lesson-step" aria-live="polite">Step {k} of {n}</p>
      </header>
      <ol className="lesson-dots" aria-hidden="true">
        {lesson.steps.map((_, j) => <li key={j} className={j + 1 === k ? 'on' : j + 1 < k ? 'done' : ''} />)}
      </ol>
      <h2 id="lesson-title" ref={heading} tabIndex={-1}>{step.title}</h2>
      <div className="lesson-body">
        <div>{step.text.map((p, j) => <p key={j} className="lesson-text"><RichText text={p} /></p>)}</div>
        <div>
          <p className="lesson-look-line">
            <strong>Look at</strong> {step.look.label}.{' '}
            <button type="button" className="link-btn" data-testid="lesson-show-me" onClick={() => reveal(step.look.testId)}>Show me</button>
          </p>
          <p className="lesson-question" data-testid="lesson-question"><strong>Think about:</strong> <RichText text={step.question} /></p>
        </div>
      </div>
      <div className="lesson-nav">
        <button type="button" className="btn ghost" data-testid="lesson-prev" disabled={k <= 1} onClick={() => controller().goToStep(lesson.id, k - 1)}>← Previous</button>
        <button type="button" className="btn" data-testid="lesson-next" disabled={k >= n} onClick={() => controller().goToStep(lesson.id, k + 1)}>Next →</button>
        <button type="button" className="btn ghost lesson-leave" data-testid="lesson-leave" title="Leave the lesson and keep these settings as a normal link" onClick={() => controller().leaveLesson()}>
          {k >= n ? 'Finish lesson' : 'Leave lesson'}
        </button>
      </div>
    </section>
  );
}

/** The lesson with its steps: at once when loaded before (the controller loads it to apply a step), else when its chunk arrives. */
function useLesson(id: string): Lesson | undefined {
  const [, setLoaded] = useState<Lesson | undefined>(undefined);
  const lesson = id ? peekLesson(id) : undefined;
  useEffect(() => {
    if (!id || peekLesson(id)) return;
    let alive = true;
    void loadLesson(id).then((l) => { if (alive) setLoaded(l); }, () => undefined);
    return () => { alive = false; };
  }, [id]);
  return lesson;
}

/** The element a step points at, by test id; its field or card is what gets outlined. */
function lookTarget(testId: string): Element | null {
  const el = document.querySelector(`[data-testid="${CSS.escape(testId)}"]`);
  return el ? el.closest('.field, .card') ?? el : null;
}

/**
 * Outlines the step's target while the step shows. Plots and fields are drawn late and redrawn,
 * so the outline follows the page's changes (one check per animation frame at most).
 */
function useLook(testId: string | null): void {
  useEffect(() => {
    if (!testId) return;
    let marked: Element | null = null;
    const mark = (): void => {
      const box = lookTarget(testId);
      if (box === marked && box?.classList.contains('lesson-look')) return;
      marked?.classList.remove('lesson-look');
      box?.classList.add('lesson-look');
      marked = box;
    };
    mark();
    let raf = 0;
    const root = document.getElementById('root') ?? document.body;
    const mo = new MutationObserver(() => { raf ||= requestAnimationFrame(() => { raf = 0; mark(); }); });
    mo.observe(root, { childList: true, subtree: true });
    return () => { mo.disconnect(); cancelAnimationFrame(raf); marked?.classList.remove('lesson-look'); };
  }, [testId]);
}

/** Scrolls the step's target into view; a control in the closed phone drawer opens the drawer first. */
function reveal(testId: string): void {
  const el = document.querySelector(`[data-testid="${CSS.escape(testId)}"]`);
  if (!el) return;
  if (el.closest('#settings')) window.dispatchEvent(new Event(REVEAL_SETTINGS));
  requestAnimationFrame(() => (lookTarget(testId) ?? el).scrollIntoView({ behavior: 'smooth', block: 'center' }));
}

/**
 * Share with class: builds a teacher's link to what is on screen now (the settings, and the
 * lesson step if one shows) with the controls the class sees (`show`), those it sees read-only
 * (`lock`) and present mode, and shows it as text to copy, as a QR code (projector → phones)
 * and as an <iframe> snippet for a course page (embed=1). A native modal dialog: the page
 * behind is inert, Escape closes it, focus returns to the button that opened it.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { CONTROLS, SECTIONS, type ControlName } from '../../state/classroom';
import { controller } from '../../state/controllerInstance';
import { getLessonInfo } from '../../lessons/catalog';
import { FIELDS } from '../../state/schema';
import { useStore } from '../../state/store';
import { linkState } from '../../state/url';
import { qrPath } from './qr';

/** Labels of the few controls whose link-table label names one item of a group. */
const PLURAL: Partial<Record<ControlName, string>> = { params: 'Parameters', terms: 'Custom terms' };
const labelOf = (name: ControlName): string => PLURAL[name] ?? FIELDS.find((f) => f.path === name)?.label ?? name;

export default function ShareDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const st = useStore.getState();
  const [show, setShow] = useState<ReadonlySet<string>>(() => new Set(st.classroom.show));
  const [lock, setLock] = useState<ReadonlySet<string>>(() => new Set(st.classroom.lock));
  // Off by default: the class's phones open in normal type even while the teacher presents.
  const [present, setPresent] = useState(false);
  const [bigQr, setBigQr] = useState(false);
  const lesson = getLessonInfo(st.classroom.lesson);
  const [withLesson, setWithLesson] = useState(!!lesson);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => { if (d?.open) d.close(); };
  }, []);
  // Closed first (the page stops being inert), then the opener takes the focus back.
  const close = (): void => { ref.current?.close(); onClose(); };

  // Only the controls that apply to these settings are offered (and any already chosen).
  const offered = useMemo(() => {
    const s = useStore.getState();
    const link = linkState(s.settings, { view: s.view, lab: s.lab });
    return CONTROLS.filter((c) => {
      const field = FIELDS.find((f) => f.path === c.name);
      return !field?.when || field.when(link) || show.has(c.name) || lock.has(c.name);
    });
  }, [show, lock]);

  const order = (set: ReadonlySet<string>): string[] => CONTROLS.map((c) => c.name).filter((n) => set.has(n));
  const classroom = {
    show: order(show), lock: order(lock), present,
    lesson: withLesson && lesson ? lesson.id : '', step: withLesson && lesson ? st.classroom.step : 1,
  };
  const link = controller().shareLink({ ...classroom, embed: false });
  const embedLink = controller().shareLink({ ...classroom, embed: true });
  const snippet = `<iframe src="${embedLink.replace(/&/g, '&amp;')}" width="100%" height="760" style="border:0" title="SINDy Playground" loading="lazy"></iframe>`;
  const qr = useMemo(() => qrPath(link), [link]);

  const toggle = (set: ReadonlySet<string>, name: string, on: boolean): Set<string> => {
    const next = new Set(set);
    if (on) next.add(name); else next.delete(name);
    return next;
  };
  const nSeen = show.size + [...lock].filter((n) => !show.has(n)).length;
  const seen = !show.size ? 'every control' : nSeen === 1 ? 'one control' : `${nSeen} controls`;

  return (
    <dialog ref={ref} className="share-dialog" aria-labelledby="share-title" data-testid="share-dialog"
      onCancel={(e) => { e.preventDefault(); close(); }} onKeyDown={(e) => { if (e.key === 'Tab') trapTab(e.currentTarget, e); }}>
      <div className="share-head">
        <h2 id="share-title">Share with class</h2>
        <button type="button" className="msg-x" aria-label="Close" data-testid="share-close" onClick={close}>×</button>
      </div>
      <p className="muted small">A link to what you see now. Tick the controls your class should see: the page then shows only those (none ticked: all of them). Locked controls are shown read-only.</p>
      <div className="share-body">
        <div className="share-controls">
          {SECTIONS.map((sec) => {
            const rows = offered.filter((c) => c.section === sec.id);
            if (!rows.length) return null;
            return (
              <table key={sec.id} className="share-table">
                <caption>{sec.label}</caption>
                <thead><tr><th scope="col">Control</th><th scope="col">Show</th><th scope="col">Lock</th></tr></thead>
                <tbody>
                  {rows.map((c) => {
                    const label = labelOf(c.name);
                    return (
                      <tr key={c.name}>
                        <th scope="row"><span>{label}</span> <code className="muted">{c.name}</code></th>
                        <td><input type="checkbox" aria-label={`Show ${label}`} data-testid={`share-show-${c.name}`} checked={show.has(c.name)} onChange={(e) => setShow(toggle(show, c.name, e.target.checked))} /></td>
                        <td><input type="checkbox" aria-label={`Lock ${label}`} data-testid={`share-lock-${c.name}`} checked={lock.has(c.name)} onChange={(e) => setLock(toggle(lock, c.name, e.target.checked))} /></td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            );
          })}
        </div>
        <div className="share-out">
          <p className="small" data-testid="share-summary">The class sees {seen}{lock.size ? `, ${lock.size} locked` : ''}.</p>
          <label className="check-inline"><input type="checkbox" data-testid="share-present" checked={present} onChange={(e) => setPresent(e.target.checked)} /> Present mode (large type, for a projector)</label>
          {lesson ? (
            <label className="check-inline"><input type="checkbox" data-testid="share-lesson" checked={withLesson} onChange={(e) => setWithLesson(e.target.checked)} /> With the lesson ({lesson.title}, step {st.classroom.step})</label>
          ) : null}
          <CopyField label="Link" value={link} testId="share-link" />
          {qr ? (
            <figure className={`share-qr${bigQr ? ' big' : ''}`}>
              <svg viewBox={`0 0 ${qr.size + 8} ${qr.size + 8}`} role="img" aria-label="QR code of the link" data-testid="share-qr" shapeRendering="crispEdges">
                <rect width="100%" height="100%" fill="#fff" />
                <path d={qr.path} fill="#000" />
              </svg>
              <figcaption className="muted small">
                Scan with a phone to open the link.{' '}
                <button type="button" className="link-btn" aria-pressed={bigQr} data-testid="share-qr-big" onClick={() => setBigQr(!bigQr)}>
                  {bigQr ? 'Smaller' : 'Enlarge for the room'}
                </button>
              </figcaption>
            </figure>
          ) : <p className="muted small" data-testid="share-qr-none">This link is too long for a QR code a phone can read from a projector: share the text instead.</p>}
          <h3 className="subhead">Embed in a course page</h3>
          <p className="muted small">The same view without the page header, for an &lt;iframe&gt;.</p>
          <CopyField label="Embed code" value={snippet} testId="share-embed" rows={4} />
        </div>
      </div>
      <div className="share-foot">
        <a className="btn ghost" href={link} target="_blank" rel="noopener" data-testid="share-try">Open the link in a new tab</a>
        <button type="button" className="btn" onClick={close}>Done</button>
      </div>
    </dialog>
  );
}

/**
 * Tab and Shift+Tab cycle through the dialog's controls: the page behind is inert, and the
 * browser would otherwise move on to its own toolbar after the last one.
 */
function trapTab(dialog: HTMLElement, e: KeyboardEvent<HTMLElement>): void {
  const items = Array.from(dialog.querySelectorAll<HTMLElement>('a[href], button, input, textarea, select, [tabindex]:not([tabindex="-1"])'))
    .filter((el) => !el.hasAttribute('disabled') && el.offsetParent !== null);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !dialog.contains(active))) { e.preventDefault(); last.focus(); }
  else if (!e.shiftKey && (active === last || !dialog.contains(active))) { e.preventDefault(); first.focus(); }
}

/** Read-only text with a Copy button; says whether the clipboard took it. */
function CopyField({ label, value, testId, rows = 2 }: { label: string; value: string; testId: string; rows?: number }) {
  // What the last Copy said, for the value it copied (a changed link clears it).
  const [said, setSaid] = useState({ value: '', text: '' });
  const area = useRef<HTMLTextAreaElement>(null);
  const copy = async (): Promise<void> => {
    area.current?.select();
    try { await navigator.clipboard.writeText(value); setSaid({ value, text: 'Copied.' }); }
    catch { setSaid({ value, text: 'Selected: press Ctrl+C (⌘C) to copy.' }); }
  };
  return (
    <div className="field copy-field">
      <label htmlFor={`${testId}-text`}>{label}</label>
      <div className="row tight">
        <textarea id={`${testId}-text`} ref={area} readOnly rows={rows} value={value} data-testid={testId} spellCheck={false} onFocus={(e) => e.target.select()} />
        <button type="button" className="btn" data-testid={`${testId}-copy`} onClick={() => void copy()}>Copy</button>
      </div>
      <span className="field-hint" role="status">{said.value === value ? said.text : ''}</span>
    </div>
  );
}

/**
 * A control under a teacher's link (state/classroom.ts): drawn as usual, left out when the link
 * shows other controls only, or drawn read-only — a disabled fieldset disables every input,
 * select and button inside it — with a note saying why.
 */
import { useId, type ReactNode } from 'react';
import { controlMode, type ControlName } from '../../state/classroom';
import { useStore } from '../../state/store';

export function useControlMode(name: ControlName) {
  return useStore((s) => controlMode(name, s.classroom));
}

/** Is any of the controls shown (shown or locked)? For a group's heading. */
export function useAnyShown(...names: ControlName[]): boolean {
  return useStore((s) => names.some((n) => controlMode(n, s.classroom) !== 'hidden'));
}

export function Gate({ name, children }: { name: ControlName; children: ReactNode }) {
  const mode = useControlMode(name);
  const id = useId();
  if (mode === 'hidden') return null;
  if (mode === 'shown') return <>{children}</>;
  return (
    <fieldset className="locked" disabled data-locked={name} aria-describedby={id}>
      {children}
      <p className="lock-note" id={id}>
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" /><rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" /></svg>
        Locked by your teacher&apos;s link
      </p>
    </fieldset>
  );
}

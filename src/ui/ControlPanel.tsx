/**
 * The left column: the method, then data source, noise, derivatives, library, regression — in
 * pipeline order. A shared panel the chosen method does not read is collapsed to a line that
 * says so (the method's `uses`).
 */
import { controlsUsed } from '../state/methods';
import { useStore } from '../state/store';
import { DerivativePanel } from './controls/DerivativePanel';
import { LibraryPanel } from './controls/LibraryPanel';
import { MethodPanel, UnusedSection } from './controls/MethodPanel';
import { NoisePanel } from './controls/NoisePanel';
import { OptimizerPanel } from './controls/OptimizerPanel';
import { SystemPanel } from './controls/SystemPanel';

export function ControlPanel() {
  const method = useStore((s) => s.settings.method);
  const methodSettings = useStore((s) => s.settings.methodSettings);
  const uses = controlsUsed({ method, methodSettings });
  return (
    <>
      <TeacherNote />
      <MethodPanel />
      <SystemPanel />
      <NoisePanel />
      {uses.has('derivative') ? <DerivativePanel /> : <UnusedSection title="Derivatives" id="sec-deriv" what="it needs no derivative estimates." />}
      {uses.has('library') ? <LibraryPanel /> : <UnusedSection title="Library Θ" id="sec-lib" what="it chooses no terms from a library." />}
      {uses.has('optimizer') ? <OptimizerPanel /> : <UnusedSection title="Sparse regression" id="sec-opt" what="it runs no sparse regression." />}
    </>
  );
}

/** Under a teacher's link: how many controls it shows and locks, and a way to see them all. */
function TeacherNote() {
  const shown = useStore((s) => s.classroom.show.length);
  const locked = useStore((s) => s.classroom.lock.length);
  const setClassroom = useStore((s) => s.setClassroom);
  if (!shown && !locked) return null;
  const parts = [shown ? `shows ${shown === 1 ? 'one control' : `${shown} controls`}` : '', locked ? `locks ${locked === 1 ? 'one' : locked}` : ''].filter(Boolean);
  return (
    <p className="teacher-note" data-testid="teacher-note">
      Your teacher&apos;s link {parts.join(' and ')}.{' '}
      {shown ? <button type="button" className="link-btn" data-testid="show-all-controls" onClick={() => setClassroom({ show: [] })}>Show all controls</button> : null}
    </p>
  );
}

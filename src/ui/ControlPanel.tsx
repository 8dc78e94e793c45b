/** The left column: data source, noise, derivatives, library, regression — in pipeline order. */
import { DerivativePanel } from './controls/DerivativePanel';
import { LibraryPanel } from './controls/LibraryPanel';
import { NoisePanel } from './controls/NoisePanel';
import { OptimizerPanel } from './controls/OptimizerPanel';
import { SystemPanel } from './controls/SystemPanel';
import { useStore } from '../state/store';

export function ControlPanel() {
  return (
    <>
      <TeacherNote />
      <SystemPanel />
      <NoisePanel />
      <DerivativePanel />
      <LibraryPanel />
      <OptimizerPanel />
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

/**
 * Every system of the registry as a card with its true equations (KaTeX), behind a disclosure so
 * the equations are typeset only when someone opens it. Choosing a card selects the system.
 */
import { useState } from 'react';
import { systems } from '../../core/systems/registry';
import { useStore } from '../../state/store';
import { Equation } from '../Equation';
import { dotLatex } from '../equationMarkup';

export function SystemGallery() {
  const [open, setOpen] = useState(false);
  const current = useStore((s) => s.settings.system);
  const setSystem = useStore((s) => s.setSystem);
  return (
    <details className="gallery" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Browse all {systems.length} systems</summary>
      {open ? (
        <ul className="gallery-list">
          {systems.map((sys) => (
            <li key={sys.id}>
              <button type="button" className={`gallery-card ${sys.id === current ? 'on' : ''}`} aria-pressed={sys.id === current}
                onClick={() => setSystem(sys.id)}>
                <span className="gallery-title">{sys.label}</span>
                <span className="gallery-eqs">
                  {sys.stateNames.map((n, j) => <Equation key={n} tex={`${dotLatex(n)} = ${sys.latex[j] ?? ''}`} />)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}

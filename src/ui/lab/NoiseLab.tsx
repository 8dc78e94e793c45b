/**
 * The noise lab: how much measurement noise can each method take? The current system,
 * library and optimizer are fitted at every noise level × seed with each chosen method (in a
 * worker of its own, with progress and Stop); the plots show how often the exact equations
 * come back and how far the coefficients are off, one curve per method. The grid is in the
 * URL, and a shared lab link runs the same sweep again.
 */
import { useMemo, useState } from 'react';
import { ensembleNote, type EnsembleBase } from '../../core/lab/explain';
import { labMethods } from '../../core/lab/methodIds';
import type { NoiseSweepSettings } from '../../core/lab/noiseSweep';
import { getSystem } from '../../core/systems/registry';
import { controller } from '../../state/controllerInstance';
import { labSweepSettings } from '../../state/labSettings';
import { parseLabLevels, RANGES } from '../../state/settings';
import { useStore } from '../../state/store';
import { NumberField } from '../controls/fields';
import { LabPlots } from './LabPlots';
import { LabTable } from './LabTable';
import { METHOD_LABEL } from './labLabels';

export function NoiseLab() {
  const settings = useStore((s) => s.settings);
  const lab = useStore((s) => s.lab);
  const run = useStore((s) => s.labRun);
  const setLab = useStore((s) => s.setLab);
  const current = useMemo(() => labSweepSettings(settings, lab), [settings, lab]);
  const stale = run.key !== '' && current.ok && JSON.stringify(current.value) !== run.key;
  const sys = getSystem(settings.system);
  const total = lab.levels.length * lab.methods.length * lab.seeds;
  const running = run.phase === 'running';

  return (
    <section className="card lab" aria-labelledby="lab-title" data-testid="noise-lab">
      <header className="card-head">
        <h2 id="lab-title">Noise lab</h2>
        <p className="card-sub">
          {settings.source === 'upload' ? 'Needs a built-in system' : `${sys?.label ?? settings.system}, degree-${settings.degree} library, ${settings.opt.toUpperCase()}${settings.opt === 'lasso' ? '' : ` λ = ${settings.threshold}`}`}
          {' '}— every fit scored against the true equations
        </p>
      </header>
      <div className="lab-controls">
        <LevelsField levels={lab.levels} onCommit={(levels) => setLab({ levels })} />
        <fieldset className="lab-methods">
          <legend>Methods</legend>
          {labMethods.map((mth) => (
            <label key={mth} className="check-inline">
              <input type="checkbox" data-testid={`lab-method-${mth}`} checked={lab.methods.includes(mth)}
                onChange={(e) => setLab({ methods: labMethods.filter((x) => (x === mth ? e.target.checked : lab.methods.includes(x))) })} />
              {METHOD_LABEL[mth]}
            </label>
          ))}
        </fieldset>
        <NumberField label="Seeds per level" value={lab.seeds} {...RANGES.labSeeds} step={1} testId="lab-seeds" onCommit={(v) => setLab({ seeds: v })} />
        <div className="lab-buttons">
          <button type="button" className="btn" data-testid="lab-run" disabled={!current.ok} onClick={() => controller().runLab()}>
            {running ? 'Restart sweep' : 'Run sweep'}
          </button>
          <button type="button" className="btn danger" data-testid="lab-stop" disabled={!running} onClick={() => controller().stopLab()}>Stop</button>
        </div>
      </div>
      <p className="muted small">
        {total} fits: {lab.levels.length} noise levels × {lab.methods.length} methods × {lab.seeds} seeds (seeds {settings.seed}…{settings.seed + lab.seeds - 1}).
        Derivative, weak-form and ensemble settings are the ones in Settings (Derivatives, Sparse regression).
      </p>
      {!current.ok ? <p className="advice" role="alert">{current.error}</p> : null}
      <LabStatus />
      {stale && run.phase !== 'running' ? <p className="advice" role="status">The settings have changed since this sweep. Run it again to update the plots.</p> : null}
      <LabPlots cells={run.cells} levels={run.cells.length ? undefined : lab.levels} />
      <EnsembleNote />
      {run.cells.length ? <LabTable cells={run.cells} /> : null}
    </section>
  );
}

/**
 * Where the ensemble did worse than its own base method in this sweep, why (core/lab/explain.ts),
 * from the settings the sweep ran with (its key), not the ones changed since.
 */
function EnsembleNote() {
  const run = useStore((s) => s.labRun);
  const note = useMemo(() => (run.phase === 'running' ? null : ensembleNote(run.cells, baseOfRun(run.key), (m) => METHOD_LABEL[m])), [run.phase, run.cells, run.key]);
  return note ? <p className="advice lab-note" role="note" data-testid="lab-ensemble-note">{note}</p> : null;
}

/** The ensemble's base in the sweep's settings: a lab method, or null when the lab has no such method. */
function baseOfRun(key: string): EnsembleBase {
  if (!key) return null;
  const b = (JSON.parse(key) as Partial<NoiseSweepSettings>).ensembleBase;
  return b && (labMethods as readonly string[]).includes(b) ? (b as EnsembleBase) : null;
}

function LabStatus() {
  const run = useStore((s) => s.labRun);
  const text = run.phase === 'idle' ? 'Not run yet: press Run sweep.'
    : run.phase === 'running' ? `running · ${run.done} of ${run.total} fits`
      : run.phase === 'done' ? `done · ${run.total} fits in ${((run.ms ?? 0) / 1000).toFixed(1)} s`
        : run.phase === 'stopped' ? `stopped after ${run.done} of ${run.total} fits (completed noise levels are shown)`
          : `error: ${run.message ?? 'the sweep failed'}`;
  return (
    <div className={`lab-status phase-${run.phase}`}>
      <p data-testid="lab-status" role="status" aria-live="polite">{text}</p>
      {run.phase === 'running' || run.phase === 'stopped' ? <progress max={Math.max(1, run.total)} value={run.done} aria-label="Sweep progress" /> : null}
    </div>
  );
}

/** Noise levels as comma-separated percentages; committed when every entry is valid. */
function LevelsField({ levels, onCommit }: { levels: number[]; onCommit: (v: number[]) => void }) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? levels.join(', ');
  const parsed = text === null ? null : parseLabLevels(text);
  const error = parsed && !parsed.ok ? parsed.error : null;
  return (
    <div className="field lab-levels">
      <label htmlFor="lab-levels">Noise levels (% of each state's std)</label>
      <input id="lab-levels" type="text" inputMode="decimal" value={shown} data-testid="lab-levels" aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'lab-levels-err' : undefined}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          const r = parseLabLevels(t);
          if (r.ok) onCommit(r.value);
        }}
        onBlur={() => setText(null)} />
      {error ? <span className="field-error" id="lab-levels-err" role="alert">{error}</span> : <span className="field-hint">e.g. 0, 1, 5, 10, 20</span>}
    </div>
  );
}

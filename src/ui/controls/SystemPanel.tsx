/**
 * Data source: a system from the registry (its card shows the true equations) with editable
 * parameters, initial state, time span and sample step — or an uploaded CSV.
 */
import { systems, getSystem, type DynamicalSystem } from '../../core/systems/registry';
import { capSamples, MAX_SAMPLES, RANGES, sampleCount } from '../../state/settings';
import { useStore } from '../../state/store';
import { Equation } from '../Equation';
import { dotLatex } from '../equationMarkup';
import { CsvUpload } from './CsvUpload';
import { NumberField, Section, Select } from './fields';
import { SystemGallery } from './SystemGallery';
import { Gate, useAnyShown } from '../classroom/Gate';

export function SystemPanel() {
  const source = useStore((s) => s.settings.source);
  const setSettings = useStore((s) => s.setSettings);
  const upload = useStore((s) => s.upload);
  const dismissSource = useStore((s) => s.dismissSource);
  return (
    <Section title="Data" id="sec-data" section="data">
      <Gate name="source">
        <div className="segmented" role="radiogroup" aria-label="Data source">
          {(['system', 'upload'] as const).map((k) => (
            <label key={k} className={source === k ? 'on' : ''}>
              <input type="radio" name="source" value={k} checked={source === k}
                onChange={() => {
                  // Back on a built-in system, the upload's messages no longer apply.
                  if (k === 'system') dismissSource('upload');
                  setSettings(k === 'upload' && upload ? { source: k, file: upload.fileName } : { source: k });
                }} />
              {k === 'system' ? 'Built-in system' : 'Upload CSV'}
            </label>
          ))}
        </div>
      </Gate>
      {source === 'system' ? <SystemEditor /> : null}
      <Gate name="source"><CsvUpload hidden={source !== 'upload'} /></Gate>
    </Section>
  );
}

function SystemEditor() {
  const systemId = useStore((s) => s.settings.system);
  const setSystem = useStore((s) => s.setSystem);
  const sys = getSystem(systemId) ?? systems[0]!;
  return (
    <>
      <Gate name="system">
        <Select label="System" value={sys.id} testId="system-select" options={systems.map((s) => ({ id: s.id, label: s.label }))} onChange={setSystem} />
        <SystemCard sys={sys} />
        <SystemGallery />
      </Gate>
      <ParamFields sys={sys} />
    </>
  );
}

function SystemCard({ sys }: { sys: DynamicalSystem }) {
  return (
    <div className="system-card">
      <p className="muted small">{sys.description}</p>
      <div className="system-eqs">
        {sys.stateNames.map((n, j) => <div key={n}><Equation tex={`${dotLatex(n)} = ${sys.latex[j] ?? ''}`} /></div>)}
      </div>
    </div>
  );
}

function ParamFields({ sys }: { sys: DynamicalSystem }) {
  const params = useStore((s) => s.settings.params);
  const x0 = useStore((s) => s.settings.x0);
  const tEnd = useStore((s) => s.settings.tEnd);
  const dt = useStore((s) => s.settings.dt);
  const setParam = useStore((s) => s.setParam);
  const setX0 = useStore((s) => s.setX0);
  const setSettings = useStore((s) => s.setSettings);
  const n = sampleCount({ tEnd, dt });
  const time = useAnyShown('tEnd', 'dt');
  return (
    <>
      <Gate name="params">
        <fieldset className="grid-fields">
          <legend>Parameters</legend>
          {sys.params.map((p) => (
            <NumberField key={`${sys.id}.${p.id}`} label={<Equation tex={p.latex} />} ariaLabel={p.label} value={params[p.id] ?? p.value} min={p.min} max={p.max} step={p.step} onCommit={(v) => setParam(p.id, v)} />
          ))}
        </fieldset>
      </Gate>
      <Gate name="x0">
        <fieldset className="grid-fields">
          <legend>Initial state</legend>
          {sys.stateNames.map((name, j) => (
            <NumberField key={`${sys.id}.x0.${name}`} label={`${name}(0)`} value={x0[j] ?? 0} min={RANGES.x0.min} max={RANGES.x0.max} onCommit={(v) => setX0(j, v)} />
          ))}
        </fieldset>
      </Gate>
      {time ? (
        <fieldset className="grid-fields">
          <legend>Time</legend>
          <Gate name="tEnd">
            <NumberField label="span T" value={tEnd} min={RANGES.tEnd.min} max={RANGES.tEnd.max}
              onCommit={(v) => setSettings({ tEnd: v, dt: capSamples(v, dt) })} />
          </Gate>
          <Gate name="dt">
            <NumberField label="step Δt" value={dt} min={RANGES.dt.min} max={RANGES.dt.max}
              onCommit={(v) => setSettings({ dt: capSamples(tEnd, v) })}
              hint={`${n.toLocaleString('en')} samples (max ${MAX_SAMPLES.toLocaleString('en')})`} />
          </Gate>
        </fieldset>
      ) : null}
    </>
  );
}

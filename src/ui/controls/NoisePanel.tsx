/** Noise (% of each state's standard deviation), its seed, and irregular sampling. */
import { RANGES } from '../../state/settings';
import { useStore } from '../../state/store';
import { Gate } from '../classroom/Gate';
import { Checkbox, NumberField, Section, Slider } from './fields';

export function NoisePanel() {
  const noise = useStore((s) => s.settings.noise);
  const seed = useStore((s) => s.settings.seed);
  const irregular = useStore((s) => s.settings.irregular);
  const source = useStore((s) => s.settings.source);
  const setSettings = useStore((s) => s.setSettings);
  return (
    <Section title="Noise & sampling" id="sec-noise" section="noise">
      <Gate name="noise">
        <Slider label="Noise (% of std)" value={noise} min={0} max={RANGES.noise.max} step={0.1} testId="noise"
          format={(v) => `${v.toFixed(1)} %`} onChange={(v) => setSettings({ noise: v })} />
        {source === 'upload' ? <p className="field-hint" data-testid="noise-upload-hint">Uploaded data already carries its own measurement noise: this adds more on top of it (to test how robust a fit is), it does not clean it.</p> : null}
      </Gate>
      <Gate name="seed">
        <div className="row">
          <NumberField label="Seed" value={seed} min={RANGES.seed.min} max={RANGES.seed.max} step={1} integer testId="seed" onCommit={(v) => setSettings({ seed: v })} />
          <button type="button" className="btn ghost" data-testid="new-draw" onClick={() => setSettings({ seed: (seed + 1) % RANGES.seed.max })} title="Next seed: a new draw of the noise">New draw</button>
        </div>
      </Gate>
      {source === 'system' ? <Gate name="irregular"><Checkbox label="Irregular sample times" checked={irregular} onChange={(v) => setSettings({ irregular: v })} /></Gate> : null}
    </Section>
  );
}

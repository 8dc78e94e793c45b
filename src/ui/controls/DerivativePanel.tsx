/**
 * How the left-hand side ẏ enters the regression. Strong form: ẏ is estimated from the samples
 * (finite differences, Savitzky–Golay or total variation). Weak form (Messenger & Bortz 2021):
 * the ODE is integrated against K compactly supported test functions, so no pointwise
 * derivative is needed and noise is averaged out.
 */
import { RANGES, SINDY_FAMILY, type DerivMethod, type Formulation } from '../../state/settings';
import { useStore } from '../../state/store';
import { Gate } from '../classroom/Gate';
import { Checkbox, NumberField, Section, Select } from './fields';

const METHODS: readonly { id: DerivMethod; label: string }[] = [
  { id: 'fd', label: 'Finite differences (2nd order)' },
  { id: 'savgol', label: 'Savitzky–Golay (smoothing)' },
  { id: 'smoothed-fd', label: "Smoothed finite differences (PySINDy's)" },
  { id: 'tv', label: 'Total variation (noisy data)' },
];

const FORMS: readonly { id: Formulation; label: string }[] = [
  { id: 'strong', label: 'Strong form: estimate ẏ' },
  { id: 'weak', label: 'Weak form: integrals, no ẏ' },
];

export function DerivativePanel() {
  const form = useStore((s) => s.settings.form);
  const deriv = useStore((s) => s.settings.deriv);
  const sgWindow = useStore((s) => s.settings.sgWindow);
  const sgOrder = useStore((s) => s.settings.sgOrder);
  const tvAlpha = useStore((s) => s.settings.tvAlpha);
  const tvIter = useStore((s) => s.settings.tvIter);
  const setSettings = useStore((s) => s.setSettings);
  // The weak form is a SINDy variant: other methods take the derivative estimates as they are.
  const family = useStore((s) => s.settings.method === SINDY_FAMILY);
  const weak = family && form === 'weak';
  return (
    <Section title="Derivatives" id="sec-deriv" section="deriv">
      {family ? <Gate name="form"><Select label="Formulation" value={form} options={FORMS} onChange={(v) => setSettings({ form: v })} testId="formulation" /></Gate> : null}
      {weak ? <WeakFields /> : null}
      <Gate name="deriv">
        <Select label={weak ? 'Derivative estimate (strong form and noise lab only)' : 'Method'} value={deriv} options={METHODS} onChange={(v) => setSettings({ deriv: v })} testId="deriv-method" />
      </Gate>
      {deriv === 'savgol' || deriv === 'smoothed-fd' ? (
        <div className="row">
          <Gate name="sgWindow"><NumberField label="Window (odd)" value={sgWindow} {...RANGES.sgWindow} step={2} onCommit={(v) => setSettings({ sgWindow: v % 2 ? v : v + 1 })} /></Gate>
          <Gate name="sgOrder"><NumberField label="Poly. order" value={sgOrder} {...RANGES.sgOrder} step={1} onCommit={(v) => setSettings({ sgOrder: v })} /></Gate>
        </div>
      ) : null}
      {deriv === 'tv' ? (
        <div className="row">
          <Gate name="tvAlpha"><NumberField label="TV α" value={tvAlpha} {...RANGES.tvAlpha} onCommit={(v) => setSettings({ tvAlpha: v })} /></Gate>
          <Gate name="tvIter"><NumberField label="Iterations" value={tvIter} {...RANGES.tvIter} step={1} onCommit={(v) => setSettings({ tvIter: v })} /></Gate>
        </div>
      ) : null}
    </Section>
  );
}

/** Test functions φ(t) = C(t − a)^p (b − t)^p: how many, how wide, which order, and GLS. */
function WeakFields() {
  const k = useStore((s) => s.settings.weakK);
  const support = useStore((s) => s.settings.weakSupport);
  const order = useStore((s) => s.settings.weakOrder);
  const gls = useStore((s) => s.settings.gls);
  const used = useStore((s) => s.fit?.weak ?? null);
  const setSettings = useStore((s) => s.setSettings);
  const width = used ? `${used.automatic ? 'automatic: ' : ''}${used.widthSamples.join(', ')} samples wide` : null;
  return (
    <>
      <Gate name="form"><p className="muted small">Multiplies the equations by test functions φ(t) = C(t−a)<sup>p</sup>(b−t)<sup>p</sup> and integrates by parts: −∫φ′y dt = ∫φ Θ(y) dt ξ. Noise averages out; no derivative is estimated.</p></Gate>
      <div className="row">
        <Gate name="weakK"><NumberField label="Test functions K" value={k} {...RANGES.weakK} step={10} onCommit={(v) => setSettings({ weakK: v })} testId="weak-k" /></Gate>
        <Gate name="weakOrder"><NumberField label="Order p" value={order} {...RANGES.weakOrder} step={1} onCommit={(v) => setSettings({ weakOrder: v })} /></Gate>
      </div>
      <Gate name="weakSupport">
        <NumberField label="Support width (0 = automatic)" value={support} {...RANGES.weakSupport}
          hint={width ?? 'below 1: fraction of the time span; 2 or more: samples'}
          onCommit={(v) => setSettings({ weakSupport: v })} testId="weak-support" />
      </Gate>
      <Gate name="gls"><Checkbox label="Generalised least squares (reweight by the noise covariance)" checked={gls} onChange={(v) => setSettings({ gls: v })} /></Gate>
    </>
  );
}

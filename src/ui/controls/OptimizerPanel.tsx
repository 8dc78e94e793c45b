/**
 * The sparse regression: optimizer, threshold (log slider, the hot setting: only the optimizer
 * re-runs) and α. An 'all pruned' result shows its advice here, next to the control that fixes it.
 */
import { fmtCoef } from '../../core/model/equations';
import { optimizers } from '../../core/optimize/registry';
import { DEFAULT_ENSEMBLE, RANGES, SINDY_FAMILY, type OptMethod } from '../../state/settings';
import { useStore } from '../../state/store';
import { Checkbox, NumberField, Section, Select, Slider } from './fields';

/** The registry's optimizers and MSTLS (which the weak form, the ensemble and the lab also accept). */
const OPTIMIZERS: readonly { id: OptMethod; label: string; description: string }[] = [
  ...optimizers.map((o) => ({ id: o.id as OptMethod, label: o.label, description: o.description })),
  { id: 'mstls', label: 'MSTLS (automatic threshold)', description: 'Modified STLSQ: a term stays when its share of the equation, |ξ|·‖θ‖/‖ẏ‖, is at least λ; λ is chosen per equation by a fit-vs-sparsity loss (Messenger & Bortz 2021). Scale-free: one setting suits every equation.' },
];

export function OptimizerPanel() {
  const opt = useStore((s) => s.settings.opt);
  const threshold = useStore((s) => s.settings.threshold);
  const alpha = useStore((s) => s.settings.alpha);
  const nu = useStore((s) => s.settings.nu);
  const regularizer = useStore((s) => s.settings.regularizer);
  const normalize = useStore((s) => s.settings.normalize);
  const status = useStore((s) => s.fit?.status);
  const advice = useStore((s) => (s.fit?.status === 'all_pruned' ? s.fit.message : null));
  const suggested = useStore((s) => s.fit?.suggested ?? null);
  const setSettings = useStore((s) => s.setSettings);
  // E-SINDy bags SINDy models: offered with the SINDy family only.
  const family = useStore((s) => s.settings.method === SINDY_FAMILY);
  const info = OPTIMIZERS.find((o) => o.id === opt);
  return (
    <Section title="Sparse regression" id="sec-opt">
      <Select label="Optimizer" value={opt} options={OPTIMIZERS} onChange={(v) => setSettings({ opt: v })} testId="optimizer" />
      <p className="muted small">{info?.description}</p>
      {opt === 'mstls' ? <MstlsFields /> : null}
      {opt === 'stlsq' || opt === 'sr3' ? (
        <Slider label="Threshold λ" value={threshold} min={RANGES.threshold.min} max={RANGES.threshold.max} log testId="threshold"
          format={(v) => fmtCoef(v, 3)} onChange={(v) => setSettings({ threshold: v })} />
      ) : null}
      {opt === 'lasso' ? (
        <Slider label="LASSO α" value={Math.max(alpha, 1e-6)} min={1e-6} max={RANGES.alpha.max} log testId="alpha"
          format={(v) => fmtCoef(v, 3)} onChange={(v) => setSettings({ alpha: v })} />
      ) : null}
      {advice && status === 'all_pruned' && opt !== 'mstls' ? (
        <div className="advice" role="status">
          <p>{advice}</p>
          {suggested !== null ? <button type="button" className="btn" onClick={() => setSettings(opt === 'lasso' ? { alpha: suggested } : { threshold: Number(suggested.toPrecision(3)) })}>Use {fmtCoef(suggested, 3)}</button> : null}
        </div>
      ) : null}
      <div className="row">
        {opt === 'stlsq' || opt === 'sr3' ? <NumberField label="Threshold" value={threshold} {...RANGES.threshold} onCommit={(v) => setSettings({ threshold: v })} /> : null}
        {opt === 'stlsq' || opt === 'mstls' ? <NumberField label="Ridge α" help="ridge" value={alpha} {...RANGES.alpha} onCommit={(v) => setSettings({ alpha: v })} /> : null}
        {opt === 'sr3' ? <NumberField label="ν (relaxation)" help="nu" value={nu} {...RANGES.nu} onCommit={(v) => setSettings({ nu: v })} /> : null}
      </div>
      {opt === 'sr3' ? <Select label="Regulariser" value={regularizer} options={[{ id: 'l0', label: 'L0 (hard threshold)' }, { id: 'l1', label: 'L1 (soft threshold)' }]} onChange={(v) => setSettings({ regularizer: v })} /> : null}
      <Checkbox label="Normalise library columns" help="normalize" checked={normalize} onChange={(v) => setSettings({ normalize: v })} />
      {family ? <EnsembleFields /> : null}
    </Section>
  );
}

/** E-SINDy (Fasel et al. 2022): bag N models over bootstrap samples, keep terms included often. */
function EnsembleFields() {
  const ens = useStore((s) => s.settings.ens);
  const inc = useStore((s) => s.settings.ensInc);
  const lib = useStore((s) => s.settings.ensLib);
  const setSettings = useStore((s) => s.setSettings);
  return (
    <>
      <Checkbox label="Ensemble (E-SINDy bagging)" checked={ens > 0} onChange={(v) => setSettings({ ens: v ? DEFAULT_ENSEMBLE : 0 })} testId="ensemble" />
      {ens > 0 ? (
        <>
          <p className="muted small">Fits {ens} models on bootstrap resamples (seeded by the noise seed) and keeps the terms present in at least {Math.round(inc * 100)} % of them; the heatmap shows each term's inclusion and 90 % interval.</p>
          <div className="row">
            <NumberField label="Models N" value={ens} min={2} max={RANGES.ens.max} integer step={10} onCommit={(v) => setSettings({ ens: v })} testId="ensemble-models" />
            <NumberField label="Inclusion ≥" help="inclusion" value={inc} {...RANGES.ensInc} step={0.05} onCommit={(v) => setSettings({ ensInc: v })} />
          </div>
          <Checkbox label="Also bag library terms (drop 10 % per model)" checked={lib} onChange={(v) => setSettings({ ensLib: v })} />
        </>
      ) : null}
    </>
  );
}

/** A stable empty list: a selector must not return a new array on every call (zustand re-renders forever). */
const NO_STATES: readonly string[] = Object.freeze([]);

/** MSTLS: automatic λ (per equation, by the loss) or a fixed relative threshold. */
function MstlsFields() {
  const mlam = useStore((s) => s.settings.mlam);
  const used = useStore((s) => s.fit?.lambdas ?? null);
  const states = useStore((s) => s.fit?.stateNames ?? NO_STATES);
  const advice = useStore((s) => (s.fit?.status === 'all_pruned' ? s.fit.message : null));
  const setSettings = useStore((s) => s.setSettings);
  const auto = mlam === 0;
  return (
    <>
      <Checkbox label="Choose λ automatically (per equation)" checked={auto} onChange={(v) => setSettings({ mlam: v ? 0 : Number((used?.[0] ?? 0.05).toPrecision(3)) })} testId="mstls-auto" />
      {!auto ? (
        <Slider label="Relative threshold λ" value={Math.max(mlam, 1e-3)} min={1e-3} max={RANGES.mlam.max} log testId="mstls-lambda"
          format={(v) => fmtCoef(v, 3)} onChange={(v) => setSettings({ mlam: v })} />
      ) : null}
      {used ? <p className="muted small" data-testid="mstls-used">λ {auto ? 'chosen' : 'used'}: {used.map((l, j) => `${states[j] ? `d${states[j]}/dt ` : ''}${fmtCoef(l, 2)}`).join(' · ')}</p> : null}
      {advice ? <div className="advice" role="status"><p>{advice}</p></div> : null}
    </>
  );
}

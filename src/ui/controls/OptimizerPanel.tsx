/**
 * The sparse regression: optimizer, threshold (log slider, the hot setting: only the optimizer
 * re-runs) and α. An 'all pruned' result shows its advice here, next to the control that fixes it.
 */
import { fmtCoef } from '../../core/model/equations';
import { optimizers } from '../../core/optimize/registry';
import { DEFAULT_ENSEMBLE, RANGES, SINDY_FAMILY, type OptMethod } from '../../state/settings';
import { useStore } from '../../state/store';
import { Gate } from '../classroom/Gate';
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
    <Section title="Sparse regression" id="sec-opt" section="opt">
      <Gate name="opt">
        <Select label="Optimizer" value={opt} options={OPTIMIZERS} onChange={(v) => setSettings({ opt: v })} testId="optimizer" />
        <p className="muted small">{info?.description}</p>
      </Gate>
      {opt === 'mstls' ? <Gate name="mlam"><MstlsFields /></Gate> : null}
      {opt === 'stlsq' || opt === 'sr3' ? (
        <Gate name="threshold">
          <Slider label="Threshold λ" value={threshold} min={RANGES.threshold.min} max={RANGES.threshold.max} log testId="threshold"
            format={(v) => fmtCoef(v, 3)} onChange={(v) => setSettings({ threshold: v })} />
          <KeptReadout />
        </Gate>
      ) : null}
      {opt === 'lasso' ? (
        <Gate name="alpha">
          <Slider label="LASSO α" value={Math.max(alpha, 1e-6)} min={1e-6} max={RANGES.alpha.max} log testId="alpha"
            format={(v) => fmtCoef(v, 3)} onChange={(v) => setSettings({ alpha: v })} />
        </Gate>
      ) : null}
      {advice && status === 'all_pruned' && opt !== 'mstls' ? (
        <Gate name={opt === 'lasso' ? 'alpha' : 'threshold'}>
          <div className="advice" role="status">
            <p>{advice}</p>
            {suggested !== null ? <button type="button" className="btn" onClick={() => setSettings(opt === 'lasso' ? { alpha: suggested } : { threshold: Number(suggested.toPrecision(3)) })}>Use {fmtCoef(suggested, 3)}</button> : null}
          </div>
        </Gate>
      ) : null}
      <div className="row">
        {opt === 'stlsq' || opt === 'sr3' ? <Gate name="threshold"><NumberField label="Threshold" value={threshold} {...RANGES.threshold} onCommit={(v) => setSettings({ threshold: v })} /></Gate> : null}
        {opt === 'stlsq' || opt === 'mstls' ? <Gate name="alpha"><NumberField label="Ridge α" help="ridge" value={alpha} {...RANGES.alpha} onCommit={(v) => setSettings({ alpha: v })} /></Gate> : null}
        {opt === 'sr3' ? <Gate name="nu"><NumberField label="ν (relaxation)" help="nu" value={nu} {...RANGES.nu} onCommit={(v) => setSettings({ nu: v })} /></Gate> : null}
      </div>
      {opt === 'sr3' ? <Gate name="regularizer"><Select label="Regulariser" value={regularizer} options={[{ id: 'l0', label: 'L0 (hard threshold)' }, { id: 'l1', label: 'L1 (soft threshold)' }]} onChange={(v) => setSettings({ regularizer: v })} /></Gate> : null}
      <Gate name="normalize"><Checkbox label="Normalise library columns" help="normalize" checked={normalize} onChange={(v) => setSettings({ normalize: v })} /></Gate>
      {family ? <EnsembleFields /> : null}
    </Section>
  );
}

/**
 * What the threshold keeps, beside it: the model's term count (the same `kept` the heatmap and
 * the Pareto marker show), and — when the unbiasing refit leaves kept coefficients below λ —
 * why they are there: STLSQ thresholds the ridge solution, then refits the kept terms by plain
 * least squares, and nearly collinear terms (y/(1+y) beside y, y², y³) share their weight
 * differently in the two fits. Ridge α = 0 thresholds the least-squares values themselves.
 */
function KeptReadout() {
  const kept = useStore((s) => s.fit?.kept ?? null);
  const total = useStore((s) => s.fit?.coefficients.length ?? 0);
  const threshold = useStore((s) => s.settings.threshold);
  const opt = useStore((s) => s.settings.opt);
  const alpha = useStore((s) => s.settings.alpha);
  const running = useStore((s) => s.status.phase === 'running');
  // Plain STLSQ on raw columns only: there λ is compared with the coefficients as shown.
  const below = useStore((s) => (s.fit && s.fit.point?.value === s.settings.threshold && !s.settings.normalize && !s.fit.ensemble
    ? countBelow(s.fit.coefficients, s.settings.threshold) : 0));
  const setSettings = useStore((s) => s.setSettings);
  if (kept === null) return null;
  return (
    <div className="kept-readout">
      <p className="muted small" data-testid="threshold-kept">
        {running ? 'refitting…' : `keeps ${kept} of ${total} terms`}
      </p>
      {!running && below > 0 && opt === 'stlsq' && alpha > 0 ? (
        <div className="advice" role="status" data-testid="below-threshold">
          <p>{below} kept coefficient{below === 1 ? ' is' : 's are'} smaller than λ = {fmtCoef(threshold, 3)}: STLSQ thresholds the ridge fit (α = {fmtCoef(alpha, 3)}), then refits the kept terms by least squares, and terms that nearly duplicate each other share their weight differently in the two fits.</p>
          <button type="button" className="btn" onClick={() => setSettings({ alpha: 0 })}>Set ridge α to 0</button>
        </div>
      ) : null}
    </div>
  );
}

function countBelow(coef: Float64Array, threshold: number): number {
  let n = 0;
  for (let k = 0; k < coef.length; k++) if (coef[k] !== 0 && Math.abs(coef[k]!) < threshold) n++;
  return n;
}

/** E-SINDy (Fasel et al. 2022): bag N models over bootstrap samples, keep terms included often. */
function EnsembleFields() {
  const ens = useStore((s) => s.settings.ens);
  const inc = useStore((s) => s.settings.ensInc);
  const lib = useStore((s) => s.settings.ensLib);
  const setSettings = useStore((s) => s.setSettings);
  return (
    <>
      <Gate name="ens"><Checkbox label="Ensemble (E-SINDy bagging)" checked={ens > 0} onChange={(v) => setSettings({ ens: v ? DEFAULT_ENSEMBLE : 0 })} testId="ensemble" /></Gate>
      {ens > 0 ? (
        <>
          <Gate name="ens"><p className="muted small">Fits {ens} models on bootstrap resamples (seeded by the noise seed) and keeps the terms present in at least {Math.round(inc * 100)} % of them; the heatmap shows each term's inclusion and 90 % interval.</p></Gate>
          <div className="row">
            <Gate name="ens"><NumberField label="Models N" value={ens} min={2} max={RANGES.ens.max} integer step={10} onCommit={(v) => setSettings({ ens: v })} testId="ensemble-models" /></Gate>
            <Gate name="ensInc"><NumberField label="Inclusion ≥" help="inclusion" value={inc} {...RANGES.ensInc} step={0.05} onCommit={(v) => setSettings({ ensInc: v })} /></Gate>
          </div>
          <Gate name="ensLib"><Checkbox label="Also bag library terms (drop 10 % per model)" checked={lib} onChange={(v) => setSettings({ ensLib: v })} /></Gate>
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

/**
 * Pareto front of a sparsity sweep: number of kept terms vs relative error of the derivative
 * fit, one point per threshold (or LASSO α). Clicking a point sets that threshold; the same
 * points are listed in a select, the keyboard's way to pick one.
 */
import { useCallback, useMemo } from 'react';
import { fmtCoef } from '../../core/model/equations';
import { median } from '../../core/stats';
import { useStore } from '../../state/store';
import type { SweepPayload } from '../../worker/protocol';
import { Help } from '../Help';
import { PlotlyFigure } from './PlotlyFigure';
import type { Layout, Trace } from './plotlyTypes';
import { axis, baseLayout, OKABE_ITO } from './theme';

export function ParetoPlot() {
  const sweep = useStore((s) => s.sweep);
  const current = useStore((s) => (s.settings.opt === 'lasso' ? s.settings.alpha
    : s.settings.opt === 'mstls' ? (s.settings.mlam > 0 ? s.settings.mlam : median(s.fit?.lambdas ?? [0.01])) : s.settings.threshold));
  const projector = useStore((s) => s.projector);
  const setSettings = useStore((s) => s.setSettings);
  const fig = useMemo(() => (sweep ? figure(sweep, current, projector) : null), [sweep, current, projector]);
  const onPoint = useCallback((value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || !sweep) return;
    // Three significant digits, like the slider: a readable value in the URL.
    const v = Number(value.toPrecision(3));
    setSettings(sweep.parameter === 'alpha' ? { alpha: v } : sweep.parameter === 'lambda' ? { mlam: Math.min(v, 0.99) } : { threshold: v });
  }, [sweep, setSettings]);
  const what = sweep?.parameter === 'alpha' ? 'α' : sweep?.parameter === 'lambda' ? 'MSTLS λ' : 'threshold';
  return (
    <section className="card plot-card" aria-labelledby="pareto-title">
      <header className="card-head">
        <h2 id="pareto-title">Sparsity sweep<Help topic="pareto" /></h2>
        <p className="card-sub">Terms vs error over the {what}; click a point to use its {what}</p>
      </header>
      {sweep ? <PointPicker sweep={sweep} what={what} onPick={onPoint} /> : null}
      {fig ? <PlotlyFigure label={`Pareto plot: number of terms against error for a sweep of the ${what}`} data={fig.data} layout={fig.layout} height={projector ? 420 : 320} onPoint={onPoint} testId="pareto-plot" />
        : <div className="plot-empty">The sweep runs after the fit…</div>}
    </section>
  );
}

/** The sweep's points as options (keyboard and screen readers): choosing one sets its value. */
function PointPicker({ sweep, what, onPick }: { sweep: SweepPayload; what: string; onPick: (v: unknown) => void }) {
  const pts = sweep.points.filter((p) => p.nTerms > 0);
  return (
    <div className="inline-field pareto-pick">
      <label htmlFor="pareto-pick">Use the {what} of</label>
      <select id="pareto-pick" data-testid="pareto-pick" value="" onChange={(e) => { if (e.target.value !== '') onPick(Number(e.target.value)); }}>
        <option value="">a point of the sweep…</option>
        {pts.map((p) => <option key={p.value} value={p.value}>{fmtCoef(p.value, 3)}: {p.nTerms} terms, error {p.error.toExponential(1)}</option>)}
      </select>
    </div>
  );
}

/** Log-axis ticks every `n` decades so that at most ~6 labels show (log axes of 15 decades crowd). */
function decadeStep(values: number[]): number {
  const logs = values.map((v) => Math.log10(v));
  const span = Math.max(...logs) - Math.min(...logs);
  return Math.max(1, Math.ceil(span / 6));
}

function figure(sw: SweepPayload, current: number, projector: boolean): { data: Trace[]; layout: Layout } {
  const pts = sw.points.filter((p) => p.nTerms > 0);
  let best = -1;
  pts.forEach((p, k) => { if (best < 0 || Math.abs(Math.log(p.value / current)) < Math.abs(Math.log(pts[best]!.value / current))) best = k; });
  const label = sw.parameter === 'alpha' ? 'α' : sw.parameter === 'lambda' ? 'λ' : 'threshold';
  const err = pts.map((p) => Math.max(p.error, 1e-16));
  const traces: Trace[] = [{
    type: 'scatter', mode: 'lines+markers', name: 'sweep', x: pts.map((p) => p.nTerms), y: err, customdata: pts.map((p) => p.value),
    text: pts.map((p) => `${label} ${fmtCoef(p.value, 3)}`), hovertemplate: '%{text}<br>%{x} terms, error %{y:.2e}<extra></extra>',
    line: { color: OKABE_ITO[0], width: 1.5, shape: 'hv' }, marker: { size: 8, color: OKABE_ITO[0] },
  }];
  if (best >= 0) {
    const b = pts[best]!;
    traces.push({ type: 'scatter', mode: 'markers', name: `current ${label}`, x: [b.nTerms], y: [err[best]], customdata: [b.value], hoverinfo: 'skip', marker: { size: 16, symbol: 'diamond-open', color: OKABE_ITO[1], line: { width: 3 } } });
  }
  return {
    data: traces,
    layout: baseLayout(projector, {
      showlegend: false,
      // Terms are whole numbers: integer ticks only (no "2.5 terms").
      xaxis: axis('terms kept', { tickmode: 'linear', tick0: 0, dtick: Math.max(1, Math.ceil((Math.max(...pts.map((p) => p.nTerms), 1) - Math.min(...pts.map((p) => p.nTerms), 1)) / 8)), tickformat: 'd' }),
      yaxis: axis('relative error (1 − R²)', { type: 'log', exponentformat: 'power', dtick: decadeStep(err) }),
    }),
  };
}

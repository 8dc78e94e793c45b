/**
 * Pareto front of a sparsity sweep: number of kept terms vs relative error of the derivative
 * fit, one point per threshold (or LASSO α). Clicking a point sets that threshold; the same
 * points are listed in a select, the keyboard's way to pick one.
 */
import { useCallback, useMemo } from 'react';
import { fmtCoef } from '../../core/model/equations';
import { useStore } from '../../state/store';
import type { FitPoint, SweepPayload, SweepPoint } from '../../worker/protocol';
import { Help } from '../Help';
import { PlotlyFigure } from './PlotlyFigure';
import type { Layout, Trace } from './plotlyTypes';
import { axis, baseLayout, OKABE_ITO } from './theme';

export function ParetoPlot() {
  const sweep = useStore((s) => s.sweep);
  // The marker is the fit shown (its terms and error, as the sweep measures them), when it belongs to this sweep.
  const point = useStore((s) => s.fit?.point ?? null);
  const projector = useStore((s) => s.projector);
  const setSettings = useStore((s) => s.setSettings);
  const current = sweep && point?.sweepKey === sweep.key ? point : null;
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

/**
 * The sweep's line with the current fit on it: the fit's point joins the line at its value
 * (the sweep's grid rarely holds the current threshold, and between two grid values the kept
 * terms can jump: 19 at 0.0436, 10 at 0.05, 10 at 0.0574). A model off the line (an ensemble,
 * MSTLS with λ per equation) is only marked.
 */
function linePoints(sw: SweepPayload, current: FitPoint | null): SweepPoint[] {
  const pts = sw.points.filter((p) => p.nTerms > 0);
  const v = current?.value;
  if (v === null || v === undefined || current!.nTerms === 0 || pts.some((p) => p.value === v)) return pts;
  return [...pts, { value: v, nTerms: current!.nTerms, error: current!.error }].sort((a, b) => a.value - b.value);
}

function figure(sw: SweepPayload, current: FitPoint | null, projector: boolean): { data: Trace[]; layout: Layout } {
  const pts = linePoints(sw, current);
  const label = sw.parameter === 'alpha' ? 'α' : sw.parameter === 'lambda' ? 'λ' : 'threshold';
  const err = pts.map((p) => Math.max(p.error, 1e-16));
  const traces: Trace[] = [{
    type: 'scatter', mode: 'lines+markers', name: 'sweep', x: pts.map((p) => p.nTerms), y: err, customdata: pts.map((p) => p.value),
    text: pts.map((p) => `${label} ${fmtCoef(p.value, 3)}`), hovertemplate: '%{text}<br>%{x} terms, error %{y:.2e}<extra></extra>',
    line: { color: OKABE_ITO[0], width: 1.5, shape: 'hv' }, marker: { size: 8, color: OKABE_ITO[0] },
  }];
  if (current && current.nTerms > 0) {
    const what = current.value === null ? 'the model shown' : `current ${label} ${fmtCoef(current.value, 3)}`;
    traces.push({
      type: 'scatter', mode: 'markers', name: `current ${label}`, x: [current.nTerms], y: [Math.max(current.error, 1e-16)],
      text: [what], hovertemplate: '%{text}<br>%{x} terms, error %{y:.2e}<extra></extra>',
      marker: { size: 16, symbol: 'diamond-open', color: OKABE_ITO[1], line: { width: 3 } },
    });
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

/**
 * Pareto front of a sparsity sweep: number of kept terms vs relative error of the derivative
 * fit, one point per threshold (or LASSO α). Clicking a point sets that threshold.
 */
import { useCallback, useMemo } from 'react';
import { fmtCoef } from '../../core/model/equations';
import { median } from '../../core/stats';
import { useStore } from '../../state/store';
import type { SweepPayload } from '../../worker/protocol';
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
        <h2 id="pareto-title">Sparsity sweep</h2>
        <p className="card-sub">Terms vs error over the {what}; click a point to use its {what}</p>
      </header>
      {fig ? <PlotlyFigure label={`Pareto plot: number of terms against error for a sweep of the ${what}`} data={fig.data} layout={fig.layout} height={projector ? 420 : 320} onPoint={onPoint} testId="pareto-plot" />
        : <div className="plot-empty">The sweep runs after the fit…</div>}
    </section>
  );
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
    layout: baseLayout(projector, { showlegend: false, xaxis: axis('terms kept'), yaxis: axis('relative error (1 − R²)', { type: 'log', exponentformat: 'power' }) }),
  };
}

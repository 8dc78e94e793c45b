/** Estimated derivatives (the chosen method applied to the data) against the exact f(y). */
import { useMemo } from 'react';
import { useStore } from '../../state/store';
import type { DataPayload, DerivativePayload } from '../../worker/protocol';
import { PlotlyFigure } from './PlotlyFigure';
import type { Layout, Trace } from './plotlyTypes';
import { axis, baseLayout, column, RECOVERED, stateColor } from './theme';

export function DerivativePlot() {
  const data = useStore((s) => s.data);
  const deriv = useStore((s) => s.derivatives);
  const projector = useStore((s) => s.projector);
  const fig = useMemo(() => (data && deriv ? figure(data, deriv, projector) : null), [data, deriv, projector]);
  return (
    <section className="card plot-card" aria-labelledby="deriv-title">
      <header className="card-head">
        <h2 id="deriv-title">Derivatives</h2>
        <p className="card-sub">{data?.dydtTrue ? 'Estimated from the data (dashed) vs exact' : 'Estimated from the data'}</p>
      </header>
      {fig ? <PlotlyFigure label="Estimated and true time derivatives per state" data={fig.data} layout={fig.layout} height={projector ? 460 : 380} testId="derivative-plot" />
        : <div className="plot-empty">Waiting for data…</div>}
    </section>
  );
}

function figure(d: DataPayload, der: DerivativePayload, projector: boolean): { data: Trace[]; layout: Layout } {
  const m = d.stateNames.length;
  const shown = Math.min(m, 4);
  const traces: Trace[] = [];
  const layout: Layout = baseLayout(projector, { grid: { rows: shown, columns: 1, pattern: 'coupled', ygap: 0.15 } });
  for (let j = 0; j < shown; j++) {
    const ax = j === 0 ? '' : String(j + 1);
    const common = { xaxis: 'x', yaxis: `y${ax}`, showlegend: j === 0 };
    if (d.dydtTrue) traces.push({ ...common, type: 'scatter', mode: 'lines', name: 'exact f(y)', legendgroup: 'true', x: Array.from(d.t), y: column(d.dydtTrue, m, j), line: { color: stateColor(j), width: 2 } });
    traces.push({ ...common, type: 'scatter', mode: 'lines', name: 'estimated', legendgroup: 'est', x: Array.from(der.t), y: column(der.dydt, m, j), line: { color: RECOVERED, width: 1.5, dash: 'dash' } });
    layout[`yaxis${ax}`] = axis(`d${d.stateNames[j]}/dt`);
  }
  layout.xaxis = axis('t');
  return { data: traces, layout };
}

/**
 * Strong form: the estimated derivatives (the chosen method applied to the data) against the
 * exact f(y). Weak form, which estimates no derivative: the recovered model's f̂(y) instead.
 */
import { useMemo } from 'react';
import { controlsUsed } from '../../state/methods';
import { SINDY_FAMILY } from '../../state/settings';
import { useStore } from '../../state/store';
import type { DataPayload, DerivativePayload } from '../../worker/protocol';
import { PlotlyFigure } from './PlotlyFigure';
import { derivativesOf } from './sameData';
import type { Layout, Trace } from './plotlyTypes';
import { axis, baseLayout, column, RECOVERED, stateColor } from './theme';

export function DerivativePlot() {
  const data = useStore((s) => s.data);
  const storedDeriv = useStore((s) => s.derivatives);
  // No derivative is estimated in the weak form, nor for a method that does not use the estimates (a neural ODE):
  // the plot shows the recovered field f̂(y) then.
  const weak = useStore((s) => (s.settings.method === SINDY_FAMILY ? s.settings.form === 'weak' : !controlsUsed(s.settings).has('derivative')));
  const family = useStore((s) => s.settings.method === SINDY_FAMILY);
  const sim = useStore((s) => s.sim);
  const projector = useStore((s) => s.projector);
  const picked = useStore((s) => s.shownTrajectory);
  const k = data && picked <= data.extra.length ? picked : 0;
  const deriv = derivativesOf(data, storedDeriv);
  const fig = useMemo(() => {
    if (!data) return null;
    // The trajectory the trajectory plot shows (uploads with several): its times and exact curve.
    const shown = k === 0 ? data : { ...data, t: data.extra[k - 1]!.t, dydtTrue: null };
    if (weak) {
      const rate = k === 0 ? sim?.rate : sim?.extra[k - 1]?.rate;
      return rate ? figure(shown, { t: shown.t, dydt: rate }, 'recovered f̂(y)', projector) : null;
    }
    const est = k === 0 ? deriv?.dydt : deriv?.extra[k - 1];
    return deriv && est ? figure(shown, { t: k === 0 ? deriv.t : shown.t, dydt: est }, 'estimated', projector) : null;
  }, [data, deriv, sim, weak, projector, k]);
  const sub = weak ? `${family ? 'The weak form' : 'This method'} estimates no derivative: the recovered f̂(y) (dashed) vs exact`
    : data?.dydtTrue ? 'Estimated from the data (dashed) vs exact' : `Estimated from the data${data && data.nTrajectories > 1 ? ` (trajectory ${k + 1})` : ''}`;
  return (
    <section className="card plot-card" aria-labelledby="deriv-title">
      <header className="card-head">
        <h2 id="deriv-title">Derivatives</h2>
        <p className="card-sub">{sub}</p>
      </header>
      {fig ? <PlotlyFigure label="Estimated and true time derivatives per state" data={fig.data} layout={fig.layout} height={projector ? 460 : 380} testId="derivative-plot" />
        : <div className="plot-empty">Waiting for data…</div>}
    </section>
  );
}

function figure(d: DataPayload, der: Pick<DerivativePayload, 't' | 'dydt'>, name: string, projector: boolean): { data: Trace[]; layout: Layout } {
  const m = d.stateNames.length;
  const shown = Math.min(m, 4);
  const traces: Trace[] = [];
  const layout: Layout = baseLayout(projector, { grid: { rows: shown, columns: 1, pattern: 'coupled', ygap: 0.15 } });
  for (let j = 0; j < shown; j++) {
    const ax = j === 0 ? '' : String(j + 1);
    const common = { xaxis: 'x', yaxis: `y${ax}`, showlegend: j === 0 };
    if (d.dydtTrue) traces.push({ ...common, type: 'scatter', mode: 'lines', name: 'exact f(y)', legendgroup: 'true', x: Array.from(d.t), y: column(d.dydtTrue, m, j), line: { color: stateColor(j), width: 2 } });
    traces.push({ ...common, type: 'scatter', mode: 'lines', name, legendgroup: 'est', x: Array.from(der.t), y: column(der.dydt, m, j), line: { color: RECOVERED, width: 1.5, dash: 'dash' } });
    layout[`yaxis${ax}`] = axis(`d${d.stateNames[j]}/dt`);
  }
  layout.xaxis = axis('t');
  return { data: traces, layout };
}

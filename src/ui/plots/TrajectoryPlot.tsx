/**
 * Recovered vs true (or uploaded) trajectories over time, one panel per state: the recovered
 * model is simulated from the same initial state. A diverging model is cut at the failure
 * time and said so, instead of drawing garbage. Data with several trajectories get a picker.
 */
import { useId, useMemo } from 'react';
import { useStore } from '../../state/store';
import type { DataPayload, SimPayload } from '../../worker/protocol';
import { PlotlyFigure } from './PlotlyFigure';
import type { Layout, Trace } from './plotlyTypes';
import { axis, baseLayout, column, DATA_GREY, RECOVERED, stateColor } from './theme';

const MAX_DOTS = 300;

/** One trajectory as the plot draws it. */
interface Shown { d: Pick<DataPayload, 'stateNames' | 't' | 'y' | 'yTrue' | 'noisy'>; sim: Pick<SimPayload, 't' | 'y' | 'tFail' | 'status'> | null }

function shownTrajectory(data: DataPayload, sim: SimPayload | null, k: number): Shown {
  if (k === 0) return { d: data, sim };
  const tr = data.extra[k - 1]!;
  const s = sim?.extra[k - 1];
  return { d: { stateNames: data.stateNames, t: tr.t, y: tr.y, yTrue: null, noisy: data.noisy }, sim: s ? { t: tr.t, y: s.y, tFail: s.tFail, status: s.status } : null };
}

export function TrajectoryPlot() {
  const data = useStore((s) => s.data);
  const sim = useStore((s) => s.sim);
  const projector = useStore((s) => s.projector);
  const picked = useStore((s) => s.shownTrajectory);
  const setPicked = useStore((s) => s.setShownTrajectory);
  const pickerId = useId();
  const count = data ? 1 + data.extra.length : 1;
  const k = picked < count ? picked : 0;
  const shown = useMemo(() => (data ? shownTrajectory(data, sim, k) : null), [data, sim, k]);
  const fig = useMemo(() => (shown ? figure(shown.d, shown.sim, projector) : null), [shown, projector]);
  const m = data?.stateNames.length ?? 3;
  const height = Math.min(560, 120 + 150 * m) + (projector ? 60 : 0);
  const failed = shown?.sim && shown.sim.status !== 'ok' ? shown.sim : null;
  return (
    <section className="card plot-card" aria-labelledby="traj-title">
      <header className="card-head">
        <h2 id="traj-title">Trajectories</h2>
        {count > 1 ? (
          <div className="inline-field">
            <label htmlFor={pickerId}>Trajectory</label>
            <select id={pickerId} value={k} data-testid="trajectory-picker" onChange={(e) => setPicked(Number(e.target.value))}>
              {Array.from({ length: count }, (_, i) => <option key={i} value={i}>{i + 1} of {data!.nTrajectories}</option>)}
            </select>
          </div>
        ) : null}
        <p className="card-sub">{failed
          ? <span className="warn" data-testid="divergence">{k === 0 && sim?.message ? sim.message : `The recovered model diverged at t = ${failed.tFail?.toPrecision(3)}`}</span>
          : count > 1 ? `Trajectory ${k + 1}: data and the recovered model simulated from its initial state`
            : 'Data, true system and the recovered model simulated from the same initial state'}</p>
      </header>
      {fig ? <PlotlyFigure testId="trajectory-plot" label="Trajectories over time: data, true and recovered, one panel per state" data={fig.data} layout={fig.layout} height={height} />
        : <div className="plot-empty" data-testid="trajectory-plot">Waiting for data…</div>}
    </section>
  );
}

function figure(d: Shown['d'], sim: Shown['sim'], projector: boolean): { data: Trace[]; layout: Layout } {
  const m = d.stateNames.length;
  const t = Array.from(d.t);
  const traces: Trace[] = [];
  const layout: Layout = baseLayout(projector, { grid: { rows: m, columns: 1, pattern: 'coupled', ygap: 0.12 }, shapes: [], annotations: [] });
  // Noisy samples are drawn as dots, thinned to at most ~MAX_DOTS (SVG markers are costly);
  // clean samples coincide with the true curve and are not drawn twice.
  const stride = Math.max(1, Math.ceil(t.length / MAX_DOTS));
  const thin = <T,>(a: T[]): T[] => a.filter((_, i) => i % stride === 0);
  d.stateNames.forEach((name, j) => {
    const ax = j === 0 ? '' : String(j + 1);
    const common = { xaxis: 'x', yaxis: `y${ax}`, legendgroup: '', showlegend: j === 0 };
    if (d.noisy && d.yTrue) traces.push({ ...common, type: 'scatter', mode: 'markers', name: 'data (with noise)', x: thin(t), y: thin(column(d.y, m, j)), marker: { color: DATA_GREY, size: 4 }, legendgroup: 'data' });
    else if (!d.yTrue) traces.push({ ...common, type: 'scatter', mode: d.noisy ? 'markers' : 'lines', name: 'data', x: t, y: column(d.y, m, j), marker: { color: stateColor(j), size: 3 }, line: { color: stateColor(j), width: 2 }, legendgroup: 'data' });
    if (d.yTrue) traces.push({ ...common, type: 'scatter', mode: 'lines', name: 'true', x: t, y: column(d.yTrue, m, j), line: { color: stateColor(j), width: 2 }, legendgroup: 'true' });
    if (sim) traces.push({ ...common, type: 'scatter', mode: 'lines', name: 'recovered', x: Array.from(sim.t), y: column(sim.y, m, j), line: { color: RECOVERED, width: 2, dash: 'dash' }, legendgroup: 'rec' });
    layout[`yaxis${ax}`] = axis(name);
  });
  layout.xaxis = axis('t');
  if (sim && sim.tFail !== null) {
    layout.shapes = [{ type: 'line', xref: 'x', yref: 'paper', x0: sim.tFail, x1: sim.tFail, y0: 0, y1: 1, line: { color: '#D55E00', width: 2, dash: 'dot' } }];
    layout.annotations = [{ xref: 'x', yref: 'paper', x: sim.tFail, y: 1, yanchor: 'bottom', text: `diverged at t = ${sim.tFail.toPrecision(3)}`, showarrow: false, font: { color: '#D55E00' } }];
  }
  return { data: traces, layout };
}

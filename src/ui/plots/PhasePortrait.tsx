/**
 * Phase portrait of the true (or uploaded) and recovered trajectories: 3D for three or more
 * states (first three; the gl3d bundle is loaded only then), a plane for two, (x, ẋ) for one.
 * Without WebGL the 3D view falls back to the (first, second) plane and says so.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { useStore } from '../../state/store';
import type { DataPayload, DerivativePayload, SimPayload } from '../../worker/protocol';
import { CAMERA_KEYS, DEFAULT_EYE, turnEye, type Eye } from './camera';
import { hasWebGL } from './loadPlotly';
import { PlotlyFigure } from './PlotlyFigure';
import { derivativesOf } from './sameData';
import type { Layout, Trace } from './plotlyTypes';
import { axis, baseLayout, column, RECOVERED, stateColor } from './theme';

export function PhasePortrait() {
  const data = useStore((s) => s.data);
  const sim = useStore((s) => s.sim);
  const storedDeriv = useStore((s) => s.derivatives);
  const deriv = derivativesOf(data, storedDeriv);
  const projector = useStore((s) => s.projector);
  const m = data?.stateNames.length ?? 0;
  const use3d = m >= 3 && hasWebGL();
  const fig = useMemo(() => (data ? figure(data, sim, deriv, use3d, projector) : null), [data, sim, deriv, use3d, projector]);
  // The camera the keys set; a drag moves Plotly's camera directly, and the next key starts from there.
  const [eye, setEye] = useState<Eye>(DEFAULT_EYE);
  const layout = useMemo(() => (fig && use3d ? withEye(fig.layout, eye) : fig?.layout), [fig, use3d, eye]);
  // Keys come faster than redraws: until the plot shows the camera the last key asked for, the
  // next key starts from that camera, not from the one still drawn (two quick → turn 30°, not 15°).
  const lastKey = useRef<{ from: Eye | null; to: Eye } | null>(null);
  const onKey = useCallback((key: string, gd: HTMLElement): boolean => {
    const shown = shownEye(gd);
    const k = lastKey.current;
    const notRedrawn = k !== null && (shown === null || (k.from !== null && sameEye(shown, k.from)));
    const start = notRedrawn ? k.to : shown ?? eye;
    const next = turnEye(start, key);
    if (next) { lastKey.current = { from: shown, to: next }; setEye(next); }
    return next !== null;
  }, [eye]);
  return (
    <section className="card plot-card" aria-labelledby="phase-title">
      <header className="card-head">
        <h2 id="phase-title">Phase portrait</h2>
        <p className="card-sub" data-testid="phase-hint">{m >= 3 && !use3d ? 'WebGL is not available: showing the first two states.'
          : use3d ? 'Drag to rotate, or focus the plot: ← → ↑ ↓ turn it, + − zoom, 0 resets' : 'True and recovered orbits'}</p>
      </header>
      {fig && layout ? <PlotlyFigure kind={use3d ? '3d' : '2d'} label={use3d ? 'Phase portrait in 3D of the true and recovered trajectories; arrow keys turn it' : 'Phase portrait of the true and recovered trajectories'}
        data={fig.data} layout={layout} height={projector ? 460 : 380} testId="phase-plot"
        {...(use3d ? { onKey, keyShortcuts: CAMERA_KEYS } : {})} />
        : <div className="plot-empty">Waiting for data…</div>}
    </section>
  );
}

function sameEye(a: Eye, b: Eye): boolean {
  return Math.abs(a.x - b.x) < 1e-9 && Math.abs(a.y - b.y) < 1e-9 && Math.abs(a.z - b.z) < 1e-9;
}

/** The camera Plotly shows now (after any drag), or null before the first draw. */
function shownEye(gd: HTMLElement): Eye | null {
  const eye = (gd as HTMLElement & { _fullLayout?: { scene?: { camera?: { eye?: Eye } } } })._fullLayout?.scene?.camera?.eye;
  return eye && [eye.x, eye.y, eye.z].every(Number.isFinite) ? { x: eye.x, y: eye.y, z: eye.z } : null;
}

/**
 * The 3D layout looking from `eye`. uirevision keeps a dragged camera when the figure is
 * redrawn with new data (a new fit), as long as the eye given here has not changed.
 */
function withEye(layout: Layout, eye: Eye): Layout {
  const scene = layout.scene as Layout;
  return { ...layout, uirevision: 'phase', scene: { ...scene, camera: { eye: { ...eye } } } };
}

function figure(d: DataPayload, sim: SimPayload | null, deriv: DerivativePayload | null, use3d: boolean, projector: boolean): { data: Trace[]; layout: Layout } {
  const m = d.stateNames.length;
  const ref = d.yTrue ?? d.y;
  const refName = d.yTrue ? 'true' : 'data';
  const names = d.stateNames;
  if (use3d) {
    const tr = (y: Float64Array, name: string, color: string, dash: string): Trace => ({
      type: 'scatter3d', mode: 'lines', name, x: column(y, m, 0), y: column(y, m, 1), z: column(y, m, 2), line: { color, width: 4, dash },
    });
    const traces = [tr(ref, refName, stateColor(0), 'solid')];
    if (sim) traces.push(tr(sim.y, 'recovered', RECOVERED, 'dash'));
    // Further trajectories of the data: same styles, one legend entry each kind.
    d.extra.forEach((x, k) => {
      traces.push({ ...tr(x.y, refName, stateColor(0), 'solid'), showlegend: false, legendgroup: 'ref' });
      const s = sim?.extra[k];
      if (s) traces.push({ ...tr(s.y, 'recovered', RECOVERED, 'dash'), showlegend: false, legendgroup: 'rec' });
    });
    const sc = (t: string): Layout => ({ title: { text: t }, backgroundcolor: '#fafbfc', gridcolor: '#e6e8eb', showbackground: true });
    return { data: traces, layout: baseLayout(projector, { margin: { l: 0, r: 0, t: 8, b: 0 }, scene: { xaxis: sc(names[0]!), yaxis: sc(names[1]!), zaxis: sc(names[2]!), camera: { eye: { ...DEFAULT_EYE } } } }) };
  }
  // Two states: (x, y); one state: (x, ẋ) with the estimated derivative.
  const xs = (y: Float64Array) => column(y, m, 0);
  const ys = (y: Float64Array, dy: Float64Array | null) => (m >= 2 ? column(y, m, 1) : dy ? column(dy, m, 0) : []);
  const traces: Trace[] = [{ type: 'scatter', mode: 'lines', name: refName, x: xs(ref), y: ys(ref, deriv?.dydt ?? null), line: { color: stateColor(0), width: 2 } }];
  if (sim && m >= 2) traces.push({ type: 'scatter', mode: 'lines', name: 'recovered', x: xs(sim.y), y: ys(sim.y, null), line: { color: RECOVERED, width: 2, dash: 'dash' } });
  if (m >= 2) {
    d.extra.forEach((x, k) => {
      traces.push({ type: 'scatter', mode: 'lines', name: refName, showlegend: false, x: xs(x.y), y: ys(x.y, null), line: { color: stateColor(0), width: 2 } });
      const s = sim?.extra[k];
      if (s) traces.push({ type: 'scatter', mode: 'lines', name: 'recovered', showlegend: false, x: xs(s.y), y: ys(s.y, null), line: { color: RECOVERED, width: 2, dash: 'dash' } });
    });
  }
  return { data: traces, layout: baseLayout(projector, { xaxis: axis(names[0]!), yaxis: axis(m >= 2 ? names[1]! : `d${names[0]}/dt`) }) };
}

/**
 * One Plotly figure: loads the right partial bundle lazily once the figure comes near the
 * viewport, draws with Plotly.react whenever `data` or `layout` change (callers pass new
 * objects and arrays) through the draw queue, resizes with its box and purges on unmount.
 * `onPoint` receives clicks (customdata of the clicked point). The modebar offers PNG and SVG
 * downloads and nothing that leaves the page (plotConfig.ts), and is one tab stop (modebarKeys.ts).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { cancelDraws, queueDraw } from './drawQueue';
import { loadPlotly, type PlotKind } from './loadPlotly';
import { modebarFocus, modebarKey, rovingModebar } from './modebarKeys';
import { plotConfig } from './plotConfig';
import { useStore } from '../../state/store';
import { dataOrigin, namesFor } from '../../state/exportPlan';
import { exportStem, PLOT_FILES, type PlotId } from '../../core/export/names';
import type { Settings } from '../../state/settings';
import type { Layout, PlotlyHTMLElement, PlotlyLib, Trace } from './plotlyTypes';

interface Props {
  data: Trace[];
  layout: Layout;
  kind?: PlotKind;
  height: number;
  label: string;
  testId?: string;
  onPoint?: (customdata: unknown) => void;
  /**
   * Transient frames (animations): called once the figure can draw, with a function that
   * redraws it with other traces, bypassing React; returns its cleanup.
   */
  frames?: (draw: (data: Trace[]) => Promise<void>) => (() => void) | void;
  /**
   * Keys of the focused figure (the 3D portrait turns its camera): the figure becomes a tab stop
   * of its own (its modebar stays one more); return true when the key was used.
   */
  onKey?: (key: string, gd: HTMLElement) => boolean;
  /** the keys onKey answers, for assistive technology (aria-keyshortcuts) */
  keyShortcuts?: string;
}

export function PlotlyFigure({ data, layout, kind = '2d', height, label, testId, onPoint, frames, onKey, keyShortcuts }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const [lib, setLib] = useState<PlotlyLib | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const onPointRef = useRef(onPoint);
  useEffect(() => { onPointRef.current = onPoint; }, [onPoint]);
  // Downloads are named as the export menu names them (lorenz-trajectory.png); a new name comes with new data anyway.
  const fileName = useStore((s) => plotFileName(s.settings, testId));
  const config = useMemo(() => (lib ? plotConfig(lib, fileName) : null), [lib, fileName]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const io = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) { setNear(true); io.disconnect(); } }, { rootMargin: '0px', threshold: 0.05 });
    io.observe(el);
    return () => io.disconnect();
  }, []);

  useEffect(() => {
    if (!near) return;
    let alive = true;
    loadPlotly(kind).then((l) => { if (alive) setLib(l); }, (e: unknown) => { if (alive) setFailed(String(e)); });
    return () => { alive = false; };
  }, [kind, near]);

  useEffect(() => {
    const el = ref.current;
    if (!lib || !el || !config) return;
    queueDraw(el, async () => {
      const gd: PlotlyHTMLElement = await lib.react(el, data, { ...layout, height }, config);
      rovingModebar(el);
      if (gd.dataset.clickBound) return;
      gd.dataset.clickBound = '1';
      gd.on('plotly_click', (e) => {
        const pt = e.points[0];
        if (pt && pt.customdata !== undefined) onPointRef.current?.(pt.customdata);
      });
    });
  }, [lib, config, data, layout, height]);

  useEffect(() => {
    const el = ref.current;
    if (!lib || !el || !frames || !config) return;
    return frames((next) => queueDraw(el, async () => { await lib.react(el, next, { ...layout, height }, config); rovingModebar(el); }));
  }, [lib, config, frames, layout, height]);

  useEffect(() => {
    const el = ref.current;
    if (!lib || !el) return;
    const ro = new ResizeObserver(() => { if (el.classList.contains('js-plotly-plot')) queueDraw(ro, async () => { lib.Plots.resize(el); rovingModebar(el); }); });
    ro.observe(el);
    return () => { ro.disconnect(); cancelDraws(el); lib.purge(el); delete el.dataset.clickBound; };
  }, [lib]);

  return (
    <div ref={box} className="plot" role="figure" aria-label={label} data-testid={testId} style={{ minHeight: height }}
      tabIndex={onKey ? 0 : undefined} aria-keyshortcuts={onKey ? keyShortcuts : undefined}
      onKeyDown={onKey ? (e) => {
        // Keys on the figure itself; the modebar's buttons inside keep their own arrow keys.
        if (e.target === e.currentTarget && ref.current && !e.altKey && !e.ctrlKey && !e.metaKey && onKey(e.key, ref.current)) e.preventDefault();
      } : undefined}>
      {failed ? <p className="plot-placeholder">The plotting library could not be loaded ({failed}).</p> : null}
      {!lib && !failed ? <p className="plot-placeholder">Loading plot…</p> : null}
      <div ref={ref}
        onFocus={(e) => { if (ref.current) modebarFocus(ref.current, e.target); }}
        onKeyDown={(e) => { if (ref.current && modebarKey(ref.current, e.target, e.key)) e.preventDefault(); }} />
    </div>
  );
}

/** `<data>-<plot>` for the figures the export menu knows, else `<data>-<test id>`. */
function plotFileName(s: Settings, testId: string | undefined): string {
  const id = testId ?? 'plot';
  return id in PLOT_FILES ? namesFor(s).plot(id as PlotId) : `${exportStem(dataOrigin(s))}-${id}`;
}

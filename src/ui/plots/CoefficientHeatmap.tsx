/**
 * Coefficients as a heatmap: library terms × states, colour = signed log magnitude (so 0.01
 * and 28 are both visible), the value printed in each kept cell, true terms outlined.
 * After a cold fit the STLSQ iterates play back: terms disappear pass by pass as the
 * threshold bites. With an ensemble (E-SINDy) each cell also shows the term's inclusion
 * probability, and a second figure draws the bagged coefficients with 90 % intervals. Frames are transient: pushed to Plotly from a timer, the caption written
 * through a ref — no React re-render per frame.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { fmtCoef } from '../../core/model/equations';
import { useStore } from '../../state/store';
import type { FitPayload } from '../../worker/protocol';
import { Help } from '../Help';
import { EnsemblePlot } from './EnsemblePlot';
import { PlotlyFigure } from './PlotlyFigure';
import type { Layout, Trace } from './plotlyTypes';
import { baseLayout } from './theme';

const FRAME_MS = 350;

export function CoefficientHeatmap() {
  const fit = useStore((s) => s.fit);
  const animate = useStore((s) => s.animateFit);
  const projector = useStore((s) => s.projector);
  const caption = useRef<HTMLParagraphElement>(null);
  const fig = useMemo(() => (fit ? figure(fit, fit.coefficients, projector) : null), [fit, projector]);
  const summary = fit ? `${fit.kept} of ${fit.coefficients.length} terms kept${fit.ensemble ? ` by ${fit.ensemble.models} bagged models · % = inclusion` : ''}${fit.truthRow ? ' · outlined = true term' : ''}` : '';

  useEffect(() => { if (caption.current) caption.current.textContent = summary; }, [summary]);

  const frames = useCallback((draw: (data: Trace[]) => Promise<void>) => {
    if (!fit || !animate || fit.history.length < 2) return;
    if (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    let stopped = false;
    const say = (text: string): void => { if (!stopped && caption.current) caption.current.textContent = text; };
    const play = async (): Promise<void> => {
      // Each pass stays on screen FRAME_MS after it is drawn (a slow first draw does not eat the animation).
      for (let k = 0; k < fit.history.length && !stopped; k++) {
        const coef = fit.history[k]!;
        await draw(figure(fit, coef, projector).data);
        say(`STLSQ pass ${k + 1} of ${fit.history.length}: ${countKept(coef)} terms`);
        await new Promise((r) => setTimeout(r, FRAME_MS));
      }
      if (stopped) return;
      await draw(figure(fit, fit.coefficients, projector).data);
      say(summary);
    };
    void play();
    return () => { stopped = true; };
  }, [fit, animate, projector, summary]);

  return (
    <section className="card plot-card" aria-labelledby="heat-title">
      <header className="card-head">
        <h2 id="heat-title">Coefficients<Help topic="heatmap" /></h2>
        {/* Text written only through the ref (the animation rewrites it), never by React. */}
        <p className="card-sub" ref={caption} aria-live="off" data-testid="heatmap-caption" />
      </header>
      {fig ? <PlotlyFigure label="Coefficient heatmap: library terms by state" data={fig.data} layout={fig.layout} frames={frames}
        height={Math.max(220, 90 + (fit!.ensemble ? 64 : 46) * fit!.stateNames.length) + (projector ? 40 : 0)} testId="coefficient-plot" />
        : <div className="plot-empty">Waiting for a fit…</div>}
      {fit?.ensemble ? <EnsemblePlot fit={fit} projector={projector} /> : null}
    </section>
  );
}

function countKept(coef: Float64Array): number {
  let c = 0;
  for (let k = 0; k < coef.length; k++) if (coef[k] !== 0) c++;
  return c;
}

function figure(fit: FitPayload, coef: Float64Array, projector: boolean): { data: Trace[]; layout: Layout } {
  const m = fit.stateNames.length;
  const p = fit.features.length;
  const x = fit.features.map((f) => (f.length > 14 ? f.slice(0, 13) + '…' : f));
  const y = fit.stateNames.map((s) => `d${s}/dt`);
  const z: number[][] = [];
  const text: string[][] = [];
  const hover: string[][] = [];
  const ens = fit.ensemble;
  for (let j = 0; j < m; j++) {
    const zr: number[] = [];
    const tr: string[] = [];
    const hr: string[] = [];
    for (let a = 0; a < p; a++) {
      const k = j * p + a;
      const c = coef[k]!;
      zr.push(c === 0 ? 0 : Math.sign(c) * Math.log10(1 + Math.abs(c) / 1e-3));
      const value = c === 0 ? '' : fmtCoef(c, 3);
      if (ens) {
        const pct = Math.round(100 * ens.inclusion[k]!);
        tr.push(pct === 0 ? value : `${value}${value ? '<br>' : ''}${pct}%`);
        hr.push(`${value || '0 (not kept)'} · in ${pct}% of ${ens.models} models${pct > 0 ? ` · 90% of bagged values in [${fmtCoef(ens.p05[k]!, 3)}, ${fmtCoef(ens.p95[k]!, 3)}]` : ''}`);
      } else {
        tr.push(value);
        hr.push(value || '0');
      }
    }
    z.push(zr);
    text.push(tr);
    hover.push(hr);
  }
  // A fixed colour range (|c| up to 10³) so that frames of the animation are comparable.
  const zmax = Math.log10(1 + 1e3 / 1e-3);
  const traces: Trace[] = [{
    type: 'heatmap', x, y, z, text, customdata: hover, texttemplate: p <= 12 ? '%{text}' : '', textfont: { size: projector ? 14 : (ens ? 10 : 11) }, hovertemplate: '%{y} · %{x}: %{customdata}<extra></extra>',
    colorscale: [[0, '#0072B2'], [0.5, '#ffffff'], [1, '#D55E00']], zmin: -zmax, zmax, showscale: false, xgap: 2, ygap: 2, hoverongaps: false,
  }];
  if (fit.truthRow) {
    const tx: string[] = [];
    const ty: string[] = [];
    for (let j = 0; j < m; j++) for (let a = 0; a < p; a++) if (fit.truthRow[j * p + a] !== 0) { tx.push(x[a]!); ty.push(y[j]!); }
    traces.push({ type: 'scatter', mode: 'markers', x: tx, y: ty, name: 'true term', hoverinfo: 'skip', showlegend: false, marker: { symbol: 'square-open', size: Math.round(Math.min(projector ? 30 : 24, Math.max(8, 380 / p))), color: '#1b1b1f', line: { width: 2 } } });
  }
  return { data: traces, layout: baseLayout(projector, { plot_bgcolor: '#dfe3e8', margin: { l: 64, r: 12, t: 8, b: 70 }, xaxis: { tickangle: -45, automargin: true, type: 'category' }, yaxis: { autorange: 'reversed', type: 'category' } }) };
}

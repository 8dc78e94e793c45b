/**
 * Coefficients as a heatmap: one row per library term, one column per state, colour = signed
 * log magnitude (so 0.01 and 28 are both visible), the value printed in each kept cell, true
 * terms outlined.
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
      {fig ? <PlotlyFigure label="Coefficient heatmap: one row per library term, one column per equation" data={fig.data} layout={fig.layout} frames={frames}
        height={heatmapHeight(fit!, projector)} testId="coefficient-plot" />
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

/** Colour scale of the coefficients (signed log magnitude): blue negative, white 0, orange positive. */
const SCALE: readonly [number, number, number][] = [[0x00, 0x72, 0xb2], [0xff, 0xff, 0xff], [0xd5, 0x5e, 0x00]];
/** A fixed colour range (|c| up to 10³) so that frames of the animation are comparable. */
const ZMAX = Math.log10(1 + 1e3 / 1e-3);
/** Longest term name printed beside a row (the hover always has the whole name). */
const LABEL_CHARS = 18;

const zOf = (c: number): number => (c === 0 ? 0 : Math.sign(c) * Math.log10(1 + Math.abs(c) / 1e-3));

/** The cell colour Plotly draws for z (linear in RGB between the scale's stops). */
export function cellRgb(z: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, (z / ZMAX + 1) / 2)) * 2;
  const k = t >= 1 ? 1 : 0;
  const f = t - k;
  const a = SCALE[k]!;
  const b = SCALE[k + 1]!;
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * f)) as [number, number, number];
}

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Black or white, whichever contrasts more with the cell (at least 4.6 : 1 for any colour). */
export function textOn(rgb: [number, number, number]): string {
  const l = luminance(rgb);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/** Row height of the heatmap in px: one line per cell, two with an ensemble's inclusion. */
function rowHeight(ens: boolean, projector: boolean): number {
  return (ens ? 36 : 22) + (projector ? 8 : 0);
}

/** Height of the heatmap for its rows (one per library term) and the axis labels above. */
function heatmapHeight(fit: FitPayload, projector: boolean): number {
  const labels = fit.features.length > 16 ? 2 : 1;
  return 24 + 28 * labels + fit.features.length * rowHeight(!!fit.ensemble, projector);
}

/**
 * One row per library term and one column per equation: every term's name is printed beside
 * its row, readable at any degree (Lorenz at degree 5 has 56 terms), and every cell is wide
 * enough for its value. Cell text is a text trace in black or white by the cell's colour; true
 * terms are outlined at the cell's border, so no outline crosses a number.
 */
function figure(fit: FitPayload, coef: Float64Array, projector: boolean): { data: Trace[]; layout: Layout } {
  const m = fit.stateNames.length;
  const p = fit.features.length;
  const ens = fit.ensemble;
  const rows = fit.features.map((_, a) => a);
  const cols = fit.stateNames.map((_, j) => j);
  const states = fit.stateNames.map((s) => `d${s}/dt`);
  const short = fit.features.map((f) => (f.length > LABEL_CHARS ? `${f.slice(0, LABEL_CHARS - 1)}…` : f));
  const z: number[][] = [];
  const hover: string[][] = [];
  const tx: number[] = [];
  const ty: number[] = [];
  const text: string[] = [];
  const color: string[] = [];
  for (let a = 0; a < p; a++) {
    const zr: number[] = [];
    const hr: string[] = [];
    for (let j = 0; j < m; j++) {
      const k = j * p + a;
      const c = coef[k]!;
      const zv = zOf(c);
      zr.push(zv);
      const value = c === 0 ? '' : fmtCoef(c, 3);
      const pct = ens ? Math.round(100 * ens.inclusion[k]!) : 0;
      const label = ens && pct > 0 ? `${value}${value ? '<br>' : ''}${pct}%` : value;
      if (ens) {
        hr.push(`${states[j]} · ${fit.features[a]}: ${value || '0 (not kept)'} · in ${pct}% of ${ens.models} models${pct > 0 ? ` · 90% of bagged values in [${fmtCoef(ens.p05[k]!, 3)}, ${fmtCoef(ens.p95[k]!, 3)}]` : ''}`);
      } else {
        hr.push(`${states[j]} · ${fit.features[a]}: ${value || '0'}`);
      }
      if (label) { tx.push(j); ty.push(a); text.push(label); color.push(textOn(cellRgb(zv))); }
    }
    z.push(zr);
    hover.push(hr);
  }
  const colorscale = SCALE.map((c, i) => [i / (SCALE.length - 1), `rgb(${c.join(',')})`]);
  const traces: Trace[] = [
    {
      type: 'heatmap', x: cols, y: rows, z, customdata: hover, hovertemplate: '%{customdata}<extra></extra>',
      colorscale, zmin: -ZMAX, zmax: ZMAX, showscale: false, xgap: 2, ygap: 2, hoverongaps: false,
    },
    {
      // On the second state axis when it is shown (an axis is drawn only for a trace on it).
      type: 'scatter', mode: 'text', x: tx, y: ty, text, hoverinfo: 'skip', showlegend: false, cliponaxis: false,
      textfont: { color, size: projector ? 14 : 11 }, ...(p > 16 ? { xaxis: 'x2' } : {}),
    },
  ];
  // True terms: a rectangle just inside each cell's border (the cells are 2 px apart).
  const inset = 0.06;
  const shapes = [];
  if (fit.truthRow) {
    for (let j = 0; j < m; j++) for (let a = 0; a < p; a++) {
      if (fit.truthRow[j * p + a] === 0) continue;
      shapes.push({ type: 'rect', xref: 'x', yref: 'y', x0: j - 0.5 + inset / 2, x1: j + 0.5 - inset / 2, y0: a - 0.5 + inset, y1: a + 0.5 - inset, line: { color: '#1b1b1f', width: 2 }, layer: 'above' });
    }
  }
  const stateAxis = { tickmode: 'array', tickvals: cols, ticktext: states, range: [-0.5, m - 0.5], fixedrange: true, showgrid: false, zeroline: false, ticks: '' };
  return {
    data: traces,
    layout: baseLayout(projector, {
      plot_bgcolor: '#dfe3e8', showlegend: false, shapes,
      margin: { l: 8, r: 8, t: 28, b: p > 16 ? 28 : 8 },
      xaxis: { ...stateAxis, side: 'top' },
      // With many rows the equations are named below the table too.
      ...(p > 16 ? { xaxis2: { ...stateAxis, overlaying: 'x', side: 'bottom', anchor: 'y', matches: 'x' } } : {}),
      // First term on top; a fixed range (autorange would pad for the text trace).
      yaxis: { tickmode: 'array', tickvals: rows, ticktext: short, range: [p - 0.5, -0.5], automargin: true, fixedrange: true, showgrid: false, zeroline: false, ticks: '' },
    }),
  };
}

/**
 * Success rate (exact support recovered) and median coefficient error against noise, one
 * curve per method: colour, marker shape and dash pattern tell the methods apart (colour-blind
 * safe). Methods often score the same (every method 4 of 4 on clean data; finite differences
 * and Savitzky–Golay alike at low noise), so within each noise level the methods' markers sit
 * side by side rather than on top of each other, and a note names the curves that coincide.
 */
import { useMemo } from 'react';
import type { SweepCell } from '../../core/lab/noiseSweep';
import { labMethods, type LabMethod } from '../../core/lab/methodIds';
import { useStore } from '../../state/store';
import { PlotlyFigure } from '../plots/PlotlyFigure';
import type { Layout, Trace } from '../plots/plotlyTypes';
import { axis, baseLayout, OKABE_ITO } from '../plots/theme';
import { fmtPct, METHOD_LABEL } from './labLabels';

const SYMBOL: Readonly<Record<LabMethod, string>> = Object.freeze({ fd: 'circle', savgol: 'square', tv: 'diamond', weak: 'triangle-up', ensemble: 'x' });
const DASH: Readonly<Record<LabMethod, string>> = Object.freeze({ fd: 'solid', savgol: 'dot', tv: 'dashdot', weak: 'solid', ensemble: 'dash' });
const color = (m: LabMethod): string => OKABE_ITO[labMethods.indexOf(m)]!;

export function LabPlots({ cells, levels }: { cells: SweepCell[]; levels?: number[] }) {
  const projector = useStore((s) => s.projector);
  const figs = useMemo(() => (cells.length ? figures(cells, projector) : null), [cells, projector]);
  if (!figs) {
    return <div className="plot-empty" data-testid="lab-plots-empty">The plots appear as noise levels finish{levels ? ` (${levels.map((l) => `${l}%`).join(', ')})` : ''}.</div>;
  }
  const h = projector ? 400 : 320;
  return (
    <div className="plot-grid">
      <div>
        <h3 className="subhead">Exact equations recovered</h3>
        <PlotlyFigure testId="lab-success-plot" label="Success rate against noise level, one curve per method" data={figs.success.data} layout={figs.success.layout} height={h} />
        <OverlapNote groups={figs.success.same} what="success rate" testId="lab-overlap-success" />
      </div>
      <div>
        <h3 className="subhead">Median coefficient error</h3>
        <PlotlyFigure testId="lab-error-plot" label="Median relative coefficient error against noise level, one curve per method" data={figs.error.data} layout={figs.error.layout} height={h} />
        <OverlapNote groups={figs.error.same} what="median error" testId="lab-overlap-error" />
      </div>
    </div>
  );
}

/** Names the methods whose curves coincide at every level (their markers are set side by side). */
function OverlapNote({ groups, what, testId }: { groups: LabMethod[][]; what: string; testId: string }) {
  if (groups.length === 0) return null;
  const names = groups.map((g) => listOf(g.map((m) => METHOD_LABEL[m])));
  return (
    <p className="muted small" data-testid={testId}>
      Curves overlap: {names.join('; ')} {groups.length === 1 && groups[0]!.length === 2 ? 'have' : 'share'} the same {what} at every level.
      Within each level the methods' markers are set side by side, so every curve stays visible.
    </p>
  );
}

function listOf(xs: string[]): string {
  return xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/**
 * Horizontal offset of each method within a level's column (in category widths): the methods
 * present, spread evenly over ±0.18, so equal values never hide one another.
 */
function offsets(methods: readonly LabMethod[]): Map<LabMethod, number> {
  const q = methods.length;
  return new Map(methods.map((m, i) => [m, q > 1 ? (i / (q - 1) - 0.5) * 0.36 : 0]));
}

/** Groups (two or more) of methods whose values are equal at every level where both have one. */
function coincident(methods: readonly LabMethod[], value: (m: LabMethod) => (number | null)[]): LabMethod[][] {
  const key = (m: LabMethod) => JSON.stringify(value(m).map((v) => (v === null ? null : Number(v.toPrecision(9)))));
  const byKey = new Map<string, LabMethod[]>();
  for (const m of methods) byKey.set(key(m), [...(byKey.get(key(m)) ?? []), m]);
  return [...byKey.values()].filter((g) => g.length > 1);
}

interface Figure { data: Trace[]; layout: Layout; same: LabMethod[][] }

function figures(cells: SweepCell[], projector: boolean): { success: Figure; error: Figure } {
  const levels = [...new Set(cells.map((c) => c.noise))];
  const methods = labMethods.filter((m) => cells.some((c) => c.method === m));
  const shift = offsets(methods);
  const rowOf = (m: LabMethod) => levels.map((l) => cells.find((c) => c.method === m && c.noise === l));
  const series = (m: LabMethod, value: (c: SweepCell) => number | null, hover: (c: SweepCell) => string): Trace => {
    const row = rowOf(m);
    return {
      type: 'scatter', mode: 'lines+markers', name: METHOD_LABEL[m], x: levels.map((_, k) => k + shift.get(m)!), y: row.map((c) => (c ? value(c) : null)),
      text: row.map((c, k) => `${fmtPct(levels[k]!)} noise<br>${c ? hover(c) : ''}`), hovertemplate: `${METHOD_LABEL[m]} · %{text}<extra></extra>`,
      line: { color: color(m), width: 2, dash: DASH[m] }, marker: { color: color(m), symbol: SYMBOL[m], size: projector ? 12 : 9, line: { color: '#ffffff', width: 1 } },
    };
  };
  const successOf = (c: SweepCell) => 100 * c.successRate;
  const errorOf = (c: SweepCell) => (Number.isFinite(c.medianCoefficientError) ? Math.max(c.medianCoefficientError, 1e-12) : null);
  const valuesOf = (f: (c: SweepCell) => number | null) => (m: LabMethod) => rowOf(m).map((c) => (c ? f(c) : null));
  const legend = { orientation: 'h', x: 0, y: -0.28, yanchor: 'top' };
  // One column per noise level, labelled with the level; the methods sit side by side within it.
  const xaxis = axis('noise (% of each state\'s std)', {
    tickmode: 'array', tickvals: levels.map((_, k) => k), ticktext: levels.map(fmtPct), range: [-0.5, levels.length - 0.5], zeroline: false, showgrid: false,
  });
  return {
    success: {
      data: methods.map((m) => series(m, successOf, (c) => `${c.successes} of ${c.runs} exact`)),
      layout: baseLayout(projector, { xaxis, yaxis: axis('exact support (%)', { range: [-5, 105] }), legend, margin: { l: 56, r: 12, t: 8, b: 90 } }),
      same: coincident(methods, valuesOf(successOf)),
    },
    error: {
      data: methods.map((m) => series(m, errorOf, (c) => `median error ${(100 * c.medianCoefficientError).toPrecision(2)}% over ${c.runs - c.failures} fits`)),
      layout: baseLayout(projector, { xaxis, yaxis: axis('relative coefficient error', { type: 'log', exponentformat: 'power' }), legend, margin: { l: 64, r: 12, t: 8, b: 90 } }),
      same: coincident(methods, valuesOf(errorOf)),
    },
  };
}

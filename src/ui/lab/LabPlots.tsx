/**
 * Success rate (exact support recovered) and median coefficient error against noise, one
 * curve per method: colour and marker shape both tell the methods apart (colour-blind safe).
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
      </div>
      <div>
        <h3 className="subhead">Median coefficient error</h3>
        <PlotlyFigure testId="lab-error-plot" label="Median relative coefficient error against noise level, one curve per method" data={figs.error.data} layout={figs.error.layout} height={h} />
      </div>
    </div>
  );
}

function figures(cells: SweepCell[], projector: boolean): { success: { data: Trace[]; layout: Layout }; error: { data: Trace[]; layout: Layout } } {
  const levels = [...new Set(cells.map((c) => c.noise))];
  const x = levels.map(fmtPct);
  const methods = labMethods.filter((m) => cells.some((c) => c.method === m));
  const series = (m: LabMethod, value: (c: SweepCell) => number | null, hover: (c: SweepCell) => string): Trace => {
    const row = levels.map((l) => cells.find((c) => c.method === m && c.noise === l));
    return {
      type: 'scatter', mode: 'lines+markers', name: METHOD_LABEL[m], x, y: row.map((c) => (c ? value(c) : null)),
      text: row.map((c) => (c ? hover(c) : '')), hovertemplate: `${METHOD_LABEL[m]} · %{x} noise<br>%{text}<extra></extra>`,
      line: { color: color(m), width: 2, dash: DASH[m] }, marker: { color: color(m), symbol: SYMBOL[m], size: projector ? 12 : 9 },
    };
  };
  const legend = { orientation: 'h', x: 0, y: -0.28, yanchor: 'top' };
  const xaxis = axis('noise (% of each state\'s std)', { type: 'category' });
  return {
    success: {
      data: methods.map((m) => series(m, (c) => 100 * c.successRate, (c) => `${c.successes} of ${c.runs} exact`)),
      layout: baseLayout(projector, { xaxis, yaxis: axis('exact support (%)', { range: [-5, 105] }), legend, margin: { l: 56, r: 12, t: 8, b: 90 } }),
    },
    error: {
      data: methods.map((m) => series(m, (c) => (Number.isFinite(c.medianCoefficientError) ? Math.max(c.medianCoefficientError, 1e-12) : null), (c) => `median error ${(100 * c.medianCoefficientError).toPrecision(2)}% over ${c.runs - c.failures} fits`)),
      layout: baseLayout(projector, { xaxis, yaxis: axis('relative coefficient error', { type: 'log', exponentformat: 'power' }), legend, margin: { l: 64, r: 12, t: 8, b: 90 } }),
    },
  };
}

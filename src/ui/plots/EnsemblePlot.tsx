/**
 * E-SINDy's uncertainty: for every term that appeared in at least one bagged model, the median
 * of its bagged coefficients with the 5–95 % interval as an error bar, one panel per state.
 * Kept terms (inclusion ≥ threshold) are filled; dropped ones hollow and grey. Hover gives the
 * inclusion probability.
 */
import { useMemo } from 'react';
import { fmtCoef } from '../../core/model/equations';
import type { FitPayload } from '../../worker/protocol';
import { PlotlyFigure } from './PlotlyFigure';
import type { Layout, Trace } from './plotlyTypes';
import { axis, baseLayout, DATA_GREY, stateColor } from './theme';

export function EnsemblePlot({ fit, projector }: { fit: FitPayload; projector: boolean }) {
  const fig = useMemo(() => figure(fit, projector), [fit, projector]);
  if (!fig) return null;
  const m = fit.stateNames.length;
  return (
    <>
      <h3 className="subhead">Bagged coefficients: median and 90 % interval</h3>
      <PlotlyFigure testId="ensemble-plot" label="Ensemble coefficients with 90 percent intervals, one panel per state"
        data={fig.data} layout={fig.layout} height={Math.min(520, 70 + 130 * m) + (projector ? 40 : 0)} />
    </>
  );
}

function figure(fit: FitPayload, projector: boolean): { data: Trace[]; layout: Layout } | null {
  const e = fit.ensemble;
  if (!e) return null;
  const m = fit.stateNames.length;
  const p = fit.features.length;
  const traces: Trace[] = [];
  const layout: Layout = baseLayout(projector, { grid: { rows: m, columns: 1, pattern: 'independent', ygap: 0.25 }, showlegend: false, margin: { l: 56, r: 12, t: 8, b: 8 } });
  fit.stateNames.forEach((name, j) => {
    const ax = j === 0 ? '' : String(j + 1);
    const x: string[] = [];
    const y: number[] = [];
    const plus: number[] = [];
    const minus: number[] = [];
    const hover: string[] = [];
    const color: string[] = [];
    const symbol: string[] = [];
    for (let a = 0; a < p; a++) {
      const k = j * p + a;
      const inc = e.inclusion[k]!;
      if (!(inc > 0)) continue;
      const med = e.median[k]!;
      const kept = inc >= e.inclusionThreshold;
      x.push(fit.features[a]!);
      y.push(med);
      plus.push(Math.max(0, e.p95[k]! - med));
      minus.push(Math.max(0, med - e.p05[k]!));
      hover.push(`d${name}/dt · ${fit.features[a]}: median ${fmtCoef(med, 4)}, 90% in [${fmtCoef(e.p05[k]!, 4)}, ${fmtCoef(e.p95[k]!, 4)}], included in ${Math.round(100 * inc)}% of ${e.models} models${kept ? '' : ' (dropped)'}`);
      color.push(kept ? stateColor(j) : DATA_GREY);
      symbol.push(kept ? 'circle' : 'circle-open');
    }
    traces.push({
      type: 'scatter', mode: 'markers', x, y, xaxis: `x${ax}`, yaxis: `y${ax}`, hovertext: hover, hoverinfo: 'text',
      marker: { color, symbol, size: projector ? 11 : 8, line: { width: 2, color } },
      error_y: { type: 'data', symmetric: false, array: plus, arrayminus: minus, color: '#55595f', thickness: 1.5, width: 4 },
    });
    layout[`yaxis${ax}`] = axis(`d${name}/dt`);
    layout[`xaxis${ax}`] = { type: 'category', automargin: true, tickangle: -30 };
  });
  return { data: traces, layout };
}

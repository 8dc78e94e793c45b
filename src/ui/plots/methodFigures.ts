/**
 * Figures of what a long method streams (pure: payloads → Plotly traces and layout, no React):
 *   frontFigure   — the Pareto front of each state (complexity against loss, log scale), the
 *                   formula shown and the method's own choice marked; a point's customdata is
 *                   [state, complexity], what a click picks;
 *   lossFigure    — the loss curve on a log scale, one colour and one dash per stage; a stage
 *                   whose step count starts again is drawn after the previous one;
 *   learnedFigure — the current model's trajectories ("learned") over the observed data.
 */
import type { LossStage } from '../../state/store';
import type { FrontEntry } from '../../worker/protocol';
import type { Layout, Trace } from './plotlyTypes';
import { axis, baseLayout, column, DATA_GREY, OKABE_ITO, RECOVERED, stateColor } from './theme';

/**
 * Finite losses for a log axis: a loss of 0 (an exact formula on exact data) is drawn a decade
 * below the smallest positive one, so it shows at the bottom without stretching the axis.
 */
function logScale(values: Iterable<number>): (v: number) => number | null {
  let least = Infinity;
  for (const v of values) if (v > 0 && v < least) least = v;
  const floor = Number.isFinite(least) ? least / 10 : 1e-16;
  return (v) => (Number.isFinite(v) ? Math.max(v, floor) : null);
}

/** "dx/dt" for the legend and hover text. */
export const rateName = (state: string): string => `d${state}/dt`;

export interface FrontMarks { shown: number[]; chosen: number[] }

export function frontFigure(fronts: readonly FrontEntry[][], stateNames: readonly string[], marks: FrontMarks | null, projector: boolean): { data: Trace[]; layout: Layout } {
  const data: Trace[] = [];
  const logSafe = logScale(fronts.flatMap((f) => f.map((e) => e.loss)));
  fronts.forEach((front, j) => {
    const name = rateName(stateNames[j] ?? `x${j}`);
    data.push({
      type: 'scatter', mode: 'lines+markers', name, x: front.map((e) => e.complexity), y: front.map((e) => logSafe(e.loss)),
      customdata: front.map((e) => [j, e.complexity]), text: front.map((e) => e.equation),
      hovertemplate: `${name} = %{text}<br>complexity %{x}, loss %{y:.3e}<extra></extra>`,
      line: { color: stateColor(j), width: 1.5, shape: 'hv' }, marker: { size: 8, color: stateColor(j), symbol: ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'x'][j % 6] },
    });
  });
  if (marks) {
    // Ringed: the formula shown in the equations (a pick or the method's choice); dotted ring: the method's choice when a pick replaces it.
    const at = (c: number[], j: number) => fronts[j]?.find((e) => e.complexity === c[j]);
    const shown = fronts.map((_, j) => at(marks.shown, j));
    const chosen = fronts.map((_, j) => (marks.chosen[j] !== marks.shown[j] ? at(marks.chosen, j) : undefined));
    data.push({
      type: 'scatter', mode: 'markers', name: 'shown', showlegend: false, hoverinfo: 'skip',
      x: shown.map((e) => e?.complexity ?? null), y: shown.map((e) => (e ? logSafe(e.loss) : null)),
      marker: { size: 17, symbol: 'circle-open', color: RECOVERED, line: { width: 2.5 } },
    });
    if (chosen.some((e) => e)) {
      data.push({
        type: 'scatter', mode: 'markers', name: "method's choice", showlegend: false, hoverinfo: 'skip',
        x: chosen.map((e) => e?.complexity ?? null), y: chosen.map((e) => (e ? logSafe(e.loss) : null)),
        marker: { size: 17, symbol: 'circle-open-dot', color: DATA_GREY, line: { width: 1.5 } },
      });
    }
  }
  return {
    data,
    layout: baseLayout(projector, {
      showlegend: true,
      xaxis: axis('complexity (nodes)', { tickformat: 'd', rangemode: 'tozero' }),
      yaxis: axis('loss (mean squared error)', logTicks(fronts.flatMap((f) => f.map((e) => logSafe(e.loss))))),
    }),
  };
}

/**
 * A log axis whose labels stay few: 1, 2, 5 per decade over a short span (Plotly would label
 * every digit), one label every few decades over a long one.
 */
function logTicks(values: readonly (number | null)[]): Record<string, unknown> {
  const logs = values.filter((v): v is number => v !== null && v > 0).map(Math.log10);
  const span = logs.length ? Math.max(...logs) - Math.min(...logs) : 0;
  // Over a short span the labels are plain numbers (0.5, 1, 2); over a long one powers of ten.
  return span <= 2 ? { type: 'log', dtick: 'D2', tickformat: '.2~g' } : { type: 'log', exponentformat: 'power', dtick: Math.max(1, Math.ceil(span / 6)) };
}

/** Each stage's steps shifted to start after the previous stage's last step when its count restarts. */
export function stageOffsets(stages: readonly LossStage[]): number[] {
  const out: number[] = [];
  let end = -Infinity;
  for (const s of stages) {
    const first = s.steps[0] ?? 0;
    const shift = first <= end ? end - first + 1 : 0;
    out.push(shift);
    const last = s.steps[s.steps.length - 1];
    if (last !== undefined) end = last + shift;
  }
  return out;
}

const DASHES = ['solid', 'dash', 'dot', 'dashdot'];

export function lossFigure(stages: readonly LossStage[], projector: boolean): { data: Trace[]; layout: Layout } {
  const shifts = stageOffsets(stages);
  const logSafe = logScale(stages.flatMap((s) => Array.from(s.loss)));
  const data: Trace[] = stages.map((s, k) => ({
    type: 'scatter', mode: 'lines', name: s.stage, x: Array.from(s.steps, (v) => v + shifts[k]!), y: Array.from(s.loss, logSafe),
    hovertemplate: `${s.stage}: step %{x}, loss %{y:.3e}<extra></extra>`,
    line: { color: OKABE_ITO[k % OKABE_ITO.length], width: 2, dash: DASHES[k % DASHES.length] },
  }));
  return {
    data,
    layout: baseLayout(projector, {
      showlegend: stages.length > 1,
      xaxis: axis('step'),
      yaxis: axis('loss', logTicks(stages.flatMap((s) => Array.from(s.loss, logSafe)))),
    }),
  };
}

/** Observed data (t, y: rows × m) and the learned trajectory at the same times, one panel per state. */
export function learnedFigure(observed: { t: Float64Array; y: Float64Array }, learned: { t: Float64Array; y: Float64Array }, stateNames: readonly string[], projector: boolean): { data: Trace[]; layout: Layout } {
  const m = stateNames.length;
  const data: Trace[] = [];
  const layout: Layout = baseLayout(projector, { grid: { rows: m, columns: 1, pattern: 'coupled', ygap: 0.15 } });
  stateNames.forEach((name, j) => {
    const ax = j === 0 ? '' : String(j + 1);
    const common = { xaxis: 'x', yaxis: `y${ax}`, showlegend: j === 0 };
    data.push({ ...common, type: 'scatter', mode: 'markers', name: 'observed', legendgroup: 'obs', x: Array.from(observed.t), y: column(observed.y, m, j), marker: { color: DATA_GREY, size: 3 } });
    data.push({ ...common, type: 'scatter', mode: 'lines', name: 'learned', legendgroup: 'learned', x: Array.from(learned.t), y: column(learned.y, m, j), line: { color: stateColor(j), width: 2, dash: 'dash' } });
    layout[`yaxis${ax}`] = axis(name);
  });
  layout.xaxis = axis('t');
  return { data, layout };
}

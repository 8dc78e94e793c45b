/**
 * Plot styling shared by every figure: the Okabe–Ito palette (distinguishable with every common
 * colour-vision deficiency), and line styles that carry meaning without colour as well
 * (data = dots, truth = solid, recovered = dashed).
 */
import type { Layout } from './plotlyTypes';

export const OKABE_ITO = Object.freeze(['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000']);
export const RECOVERED = '#1b1b1f';
export const DATA_GREY = '#9aa0a6';

export function stateColor(j: number): string {
  return OKABE_ITO[j % 6]!;
}

/** Base layout: transparent background, system font, compact margins. */
export function baseLayout(projector: boolean, extra: Layout = {}): Layout {
  const size = projector ? 16 : 12;
  return {
    autosize: true,
    margin: { l: 56, r: 16, t: 12, b: 44 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size, color: '#1f2933' },
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size } },
    hovermode: 'closest',
    ...extra,
  };
}

export const axis = (title: string, extra: Layout = {}): Layout => ({
  title: { text: title, standoff: 6 },
  automargin: true,
  gridcolor: '#e6e8eb',
  zerolinecolor: '#c9ced4',
  linecolor: '#c9ced4',
  ...extra,
});

/** Array → plain number array with NaN → null (Plotly draws a gap). */
export function column(a: Float64Array, m: number, j: number): (number | null)[] {
  const n = a.length / m;
  const out: (number | null)[] = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    const v = a[i * m + j]!;
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

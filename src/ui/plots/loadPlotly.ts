/**
 * Lazy Plotly: the cartesian partial bundle for 2D plots, the gl3d bundle only when a 3D phase
 * portrait is shown. Each is fetched once, on first use (dynamic import → its own chunk).
 */
import type { PlotlyLib } from './plotlyTypes';

export type PlotKind = '2d' | '3d';
let cartesian: Promise<PlotlyLib> | null = null;
let gl3d: Promise<PlotlyLib> | null = null;

export function loadPlotly(kind: PlotKind): Promise<PlotlyLib> {
  if (kind === '3d') {
    gl3d ??= import('plotly.js-gl3d-dist-min').then((m) => m.default);
    return gl3d;
  }
  cartesian ??= import('plotly.js-cartesian-dist-min').then((m) => m.default);
  return cartesian;
}

let webgl: boolean | null = null;
/** True when the browser can create a WebGL context (the 3D portrait needs one). */
export function hasWebGL(): boolean {
  if (webgl !== null) return webgl;
  try {
    const c = document.createElement('canvas');
    webgl = !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    webgl = false;
  }
  return webgl;
}

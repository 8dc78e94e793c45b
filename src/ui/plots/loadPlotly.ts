/**
 * Lazy Plotly: one bundle built from plotly.js's sources (plotlyCore.ts: core, scatter,
 * heatmap) fetched with the first plot; a 3D phase portrait adds the scatter3d trace to that
 * same core (plotly3d.ts). Each is a dynamic import, fetched once, on first use.
 */
import type { PlotlyLib } from './plotlyTypes';

export type PlotKind = '2d' | '3d';
let core: Promise<PlotlyLib> | null = null;
let gl3d: Promise<PlotlyLib> | null = null;

export function loadPlotly(kind: PlotKind): Promise<PlotlyLib> {
  if (kind === '3d') {
    gl3d ??= import('./plotly3d').then((m) => m.default);
    return gl3d;
  }
  core ??= import('./plotlyCore').then((m) => m.default);
  return core;
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

/**
 * File names of the playground's exports: `<stem>-<what>.<ext>`, where the stem names the data
 * (a built-in system's id, or an uploaded file's name without its extension), so the files of
 * one session sort together and say what they hold:
 *   lorenz-data.csv, lorenz-coefficients.csv, lorenz-simulation.csv, lorenz-config.json,
 *   lorenz-stlsq-fit.py (reads lorenz-data.csv), lorenz-pysr-search.py, lorenz-trajectory.png.
 * Names are built from untrusted text (an uploaded file's name): only letters, digits, '-', '_'
 * and '.' survive, so a name can never hold a path separator, markup or a control character.
 */

/** Longest stem kept, in characters (a file name stays well under every file system's limit). */
export const MAX_STEM = 60;

/** Where the data came from: a built-in system (its registry id) or an uploaded file. */
export type DataOrigin = { source: 'system'; system: string } | { source: 'upload'; file: string };

/** Letters, digits, '-', '_' and '.' of `text`; runs of anything else become one '-'. */
function safePart(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
}

/**
 * The stem: the system's id with '-' for '_' (lotka-volterra), or the uploaded file's name
 * without its extension (lynx_hare.csv → lynx_hare); 'data' when nothing usable is left.
 */
export function exportStem(origin: DataOrigin): string {
  const raw = origin.source === 'system' ? origin.system.replace(/_/g, '-') : origin.file.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const stem = safePart(raw).slice(0, MAX_STEM).replace(/[-.]+$/, '');
  return stem === '' ? 'data' : stem;
}

/** The plots that can be saved as images, by the test id of their figure. */
export const PLOT_FILES = Object.freeze({
  'trajectory-plot': 'trajectory',
  'phase-plot': 'phase-portrait',
  'derivative-plot': 'derivatives',
  'coefficient-plot': 'coefficient-heatmap',
  'ensemble-plot': 'ensemble',
  'pareto-plot': 'sparsity-sweep',
} as const);
export type PlotId = keyof typeof PLOT_FILES;

/** What a fit was, for the script's name: the optimizer, prefixed by the method when it is not plain SINDy. */
export interface FitName { method: string; optimizer: string }

export interface ExportNames {
  data: string;
  coefficients: string;
  simulation: string;
  config: string;
  /** the PySINDy script (it reads `data`) */
  pysindy(fit: FitName): string;
  /** the PySR script (it reads `data`) */
  pysr: string;
  /** a plot as an image, without the extension Plotly adds */
  plot(id: PlotId): string;
}

export function exportNames(origin: DataOrigin): ExportNames {
  const stem = exportStem(origin);
  return {
    data: `${stem}-data.csv`,
    coefficients: `${stem}-coefficients.csv`,
    simulation: `${stem}-simulation.csv`,
    config: `${stem}-config.json`,
    pysindy: ({ method, optimizer }) => `${stem}-${method === 'sindy' ? '' : `${safePart(method)}-`}${safePart(optimizer)}-fit.py`,
    pysr: `${stem}-pysr-search.py`,
    plot: (id) => `${stem}-${PLOT_FILES[id]}`,
  };
}

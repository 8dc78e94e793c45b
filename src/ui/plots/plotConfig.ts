/**
 * Plotly's config for every figure. The modebar keeps what works inside the page (zoom, pan,
 * reset, hover modes, PNG download, and an SVG download added here) and nothing that leaves it:
 * Plotly's "Share chart" button uploads the figure to Plotly Cloud and the logo links to
 * plotly.com, while the playground promises that data never leave the browser.
 */
import type { PlotlyHTMLElement, PlotlyLib } from './plotlyTypes';

/** Modebar buttons that are never shown: selections we do not use, and every way off the page. */
export const REMOVED_BUTTONS = Object.freeze(['lasso2d', 'select2d', 'autoScale2d', 'sendChartToCloud', 'editInChartStudio']);

/**
 * On a touch screen Plotly's toolbar stays up and covers the legend; pinch, drag and a double
 * tap (reset) do its work there, so it is left out. With a mouse it shows on hover.
 */
const touch = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;

/** The config of one figure; `filename` (no extension) names its downloads. Build it once per figure: a new config makes Plotly redraw from scratch. */
export function plotConfig(lib: PlotlyLib, filename: string): Record<string, unknown> {
  return {
    responsive: true,
    displaylogo: false,
    displayModeBar: touch ? false : 'hover',
    showSendToCloud: false,
    showEditInChartStudio: false,
    showLink: false,
    sendData: false,
    modeBarButtonsToRemove: [...REMOVED_BUTTONS],
    toImageButtonOptions: { format: 'png', filename, scale: 2 },
    modeBarButtonsToAdd: [{
      name: 'downloadSvg',
      title: 'Download plot as an SVG',
      icon: lib.Icons.disk,
      click: (gd: PlotlyHTMLElement) => { void lib.downloadImage(gd, { format: 'svg', filename }); },
    }],
  };
}

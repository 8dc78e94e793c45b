/**
 * A plot of the page saved as PNG or SVG through Plotly's own exporter (downloadImage), at
 * the size it is drawn. Plots draw lazily when they come near the viewport (PlotlyFigure): a
 * plot not drawn yet is scrolled into view and waited for.
 */
import type { PlotId } from '../../core/export/names';
import { loadPlotly } from '../plots/loadPlotly';

/** Longest wait for a plot scrolled into view to draw (a busy machine draws slowly). */
const DRAW_WAIT_MS = 20_000;

/** The figure's Plotly div once it has drawn (its SVG layer is there), or null. */
function drawn(id: PlotId): HTMLElement | null {
  const box = document.querySelector<HTMLElement>(`.plot[data-testid="${id}"]`);
  const gd = box?.querySelector<HTMLElement>('.js-plotly-plot');
  return gd?.querySelector('.main-svg') ? gd : null;
}

/** Is the plot on the page (drawn or waiting to be)? */
export function plotPresent(id: PlotId): boolean {
  return document.querySelector(`.plot[data-testid="${id}"]`) !== null;
}

async function whenDrawn(id: PlotId): Promise<HTMLElement | null> {
  const ready = drawn(id);
  if (ready) return ready;
  document.querySelector(`.plot[data-testid="${id}"]`)?.scrollIntoView({ block: 'center' });
  const start = performance.now();
  while (performance.now() - start < DRAW_WAIT_MS) {
    await new Promise((r) => setTimeout(r, 100));
    const gd = drawn(id);
    if (gd) return gd;
  }
  return null;
}

/** Saves the plot as `<filename>.<format>`; the message says what went wrong, or null. */
export async function savePlot(id: PlotId, format: 'png' | 'svg', filename: string): Promise<string | null> {
  const gd = await whenDrawn(id);
  if (!gd) return 'The plot has not been drawn yet. Scroll to it, wait until it shows, and try again.';
  try {
    const lib = await loadPlotly('2d');
    await lib.downloadImage(gd, { format, filename });
    return null;
  } catch (e) {
    return `The plot could not be saved as ${format.toUpperCase()}: ${e instanceof Error ? e.message : String(e)}.`;
  }
}

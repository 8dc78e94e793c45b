/** The small part of Plotly's API the playground uses (draw, update, purge, resize, click). */
export type Datum = number | string | null;
export interface Trace { [key: string]: unknown }
export interface Layout { [key: string]: unknown }
export interface PlotlyHTMLElement extends HTMLDivElement {
  on(event: 'plotly_click', handler: (e: { points: { pointIndex: number; customdata?: unknown; curveNumber: number }[] }) => void): void;
  removeAllListeners?(event: string): void;
}
export interface PlotlyLib {
  react(el: HTMLElement, data: Trace[], layout: Layout, config?: Record<string, unknown>): Promise<PlotlyHTMLElement>;
  purge(el: HTMLElement): void;
  Plots: { resize(el: HTMLElement): void };
}

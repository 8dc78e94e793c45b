/** The small part of Plotly's API the playground uses (draw, update, purge, resize, click, export). */
export interface Trace { [key: string]: unknown }
export interface Layout { [key: string]: unknown }
export interface PlotlyHTMLElement extends HTMLDivElement {
  on(event: 'plotly_click', handler: (e: { points: { pointIndex: number; customdata?: unknown; curveNumber: number }[] }) => void): void;
  removeAllListeners?(event: string): void;
}
/** A trace or component module of plotly.js's sources (registered into the core). */
export interface PlotlyModule { readonly moduleType: string }
/** A modebar icon: an SVG path in a box of the given size. */
export interface PlotlyIcon { width: number; height: number; path: string; transform?: string }
export interface PlotlyLib {
  react(el: HTMLElement, data: Trace[], layout: Layout, config?: Record<string, unknown>): Promise<PlotlyHTMLElement>;
  purge(el: HTMLElement): void;
  register(modules: PlotlyModule[]): void;
  downloadImage(el: HTMLElement, opts: { format: 'png' | 'svg'; filename: string; width?: number; height?: number }): Promise<string>;
  Icons: Record<string, PlotlyIcon>;
  Plots: { resize(el: HTMLElement): void };
}

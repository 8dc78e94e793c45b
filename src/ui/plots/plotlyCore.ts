/**
 * The one Plotly of the playground, built from plotly.js's sources with only what the figures
 * use: the core (which carries the scatter trace) and the heatmap. The 3D trace is registered
 * into this same core by plotly3d.ts, so Plotly's core is loaded once, whatever is shown.
 * Imported lazily (loadPlotly.ts): its chunk is fetched with the first plot.
 */
import Plotly from 'plotly.js/lib/core';
import heatmap from 'plotly.js/lib/heatmap';

Plotly.register([heatmap]);

export default Plotly;

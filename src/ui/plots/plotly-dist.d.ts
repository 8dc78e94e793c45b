// Minimal types for the Plotly partial bundles we load (plotly.js-*-dist-min ship no types).
declare module 'plotly.js-cartesian-dist-min' {
  import type { PlotlyLib } from './plotlyTypes';
  const Plotly: PlotlyLib;
  export default Plotly;
}
declare module 'plotly.js-gl3d-dist-min' {
  import type { PlotlyLib } from './plotlyTypes';
  const Plotly: PlotlyLib;
  export default Plotly;
}

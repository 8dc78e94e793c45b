// Types for the plotly.js source modules the playground bundles (plotly.js ships no types):
// the core (with the scatter trace) is a PlotlyLib, a trace module is opaque until registered.
declare module 'plotly.js/lib/core' {
  import type { PlotlyLib } from './plotlyTypes';
  const Plotly: PlotlyLib;
  export default Plotly;
}
declare module 'plotly.js/lib/heatmap' {
  import type { PlotlyModule } from './plotlyTypes';
  const heatmap: PlotlyModule;
  export default heatmap;
}
declare module 'plotly.js/lib/scatter3d' {
  import type { PlotlyModule } from './plotlyTypes';
  const scatter3d: PlotlyModule;
  export default scatter3d;
}

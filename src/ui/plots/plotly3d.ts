/**
 * The 3D phase portrait's trace (scatter3d, WebGL) registered into the same Plotly core as the
 * 2D figures: its chunk adds only the 3D scene code, fetched when a 3D portrait is first shown.
 */
import scatter3d from 'plotly.js/lib/scatter3d';
import Plotly from './plotlyCore';

Plotly.register([scatter3d]);

export default Plotly;

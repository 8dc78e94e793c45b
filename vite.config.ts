import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precache } from './build/precache.ts';

/**
 * plotly.js's registry imports MapLibre's stylesheet for its map subplot, which the playground
 * never registers (it bundles the core, heatmap and scatter3d only): serve an empty module
 * instead, so the Plotly chunk carries no 65 kB of unused CSS.
 */
function withoutMapCss(): Plugin {
  const id = 'maplibre-gl/dist/maplibre-gl.css';
  const empty = '\0empty-maplibre-css';
  return {
    name: 'sindy:without-map-css',
    enforce: 'pre',
    resolveId: (source) => (source === id ? empty : null),
    load: (source) => (source === empty ? 'export {};' : null),
  };
}

// The playground is a static site: everything runs client-side (fits in a Web Worker). precache()
// writes sw.js, the service worker that keeps every built file for offline use.
export default defineConfig({
  plugins: [withoutMapCss(), react(), precache()],
  // Some of plotly.js's dependencies were written for browserify and read Node's `global`.
  define: { global: 'globalThis' },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  // The largest chunk is Plotly's core built from its sources (about 1 MB minified, 360 kB gzip,
  // loaded lazily with the first plot).
  build: { target: 'es2022', chunkSizeWarningLimit: 1100 },
});

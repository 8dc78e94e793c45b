import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The playground is a static site: everything runs client-side (fits in a Web Worker).
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  // The largest chunk is Plotly's gl3d partial bundle (1.65 MB, loaded lazily for the 3D portrait only).
  build: { target: 'es2022', chunkSizeWarningLimit: 1700 },
});

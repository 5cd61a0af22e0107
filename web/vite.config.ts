import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built console at / (same origin: the session cookie is first-party). In
// development `npm run dev` proxies the API, started separately on port 3000.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: false,
    // The budget that matters is the gzipped first page (scripts/bundle-size.mjs, 300 kB).
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: {
        // Charts (recharts) are only on the government pages: their own chunk, loaded there.
        manualChunks: (id) => (id.includes('recharts') || id.includes('d3-') ? 'charts' : undefined),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

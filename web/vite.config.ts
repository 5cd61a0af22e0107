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
    // No manual chunk for the charts: the government pages that use them are lazy, so recharts
    // lands in their chunks by itself. A manual 'charts' group also captured modules the first
    // page shares (React among them), which made the first page preload all of recharts.
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

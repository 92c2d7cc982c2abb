import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built by scripts/dashboard/buildDashboard.ts into dashboard/dist and served by the gateway
// from its own origin (gateway/dashboard/createDashboardRoutes.ts).
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    target: 'es2022',
    sourcemap: false,
    // One route per built file at the gateway: keep them few.
    assetsInlineLimit: 0,
    // Each page and the chart library are chunks of their own (App.tsx); React's is the
    // largest, ~220 kB (BENCHMARKS.md).
    chunkSizeWarningLimit: 300,
  },
});

import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const consoleRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(consoleRoot, '../..');
// The dev server forwards api and socket traffic to a running api (`npm start`).
const apiTarget = process.env.PARLEY_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: consoleRoot,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@parley/contracts': resolve(repoRoot, 'libs/contracts/src/index.ts'),
    },
  },
  build: {
    outDir: resolve(repoRoot, 'dist/apps/console'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 4200,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
  preview: { port: 4300 },
});

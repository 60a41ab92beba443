import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Builds the embeddable dist/apps/widget/widget.js: one IIFE file, CSS inlined as a string and
// injected into the widget's shadow root at runtime, so embedding needs nothing but the tag.
const workspaceRoot = resolve(__dirname, '../..');

export default defineConfig({
  root: __dirname,
  publicDir: false,
  resolve: {
    alias: {
      '@parley/contracts': resolve(workspaceRoot, 'libs/contracts/src/index.ts'),
    },
  },
  build: {
    outDir: resolve(workspaceRoot, 'dist/apps/widget'),
    emptyOutDir: true,
    // Shop pages get old phones and in-app browsers; nothing here needs newer syntax.
    target: 'es2019',
    minify: 'esbuild',
    sourcemap: false,
    reportCompressedSize: true,
    lib: {
      entry: resolve(__dirname, 'src/main.ts'),
      name: 'ParleyWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
    rollupOptions: {
      output: { inlineDynamicImports: true },
    },
  },
});

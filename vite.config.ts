import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// One Custom UI resource with one HTML entry per module (manifest.yml: resources[main].entry).
export default defineConfig({
  root: resolve(import.meta.dirname, 'static'),
  base: './',
  publicDir: resolve(import.meta.dirname, 'static/public'),
  build: {
    outDir: resolve(import.meta.dirname, 'static/dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        panel: resolve(import.meta.dirname, 'static/panel.html'),
        context: resolve(import.meta.dirname, 'static/context.html'),
        global: resolve(import.meta.dirname, 'static/global.html'),
        admin: resolve(import.meta.dirname, 'static/admin.html'),
      },
    },
  },
});

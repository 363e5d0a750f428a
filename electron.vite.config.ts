import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Three builds: main (the Electron main process plus the plain-Node faces: CLI and browser
 * preview, as ESM), preload (CommonJS, bundled whole, because a sandboxed preload cannot load ESM
 * or node_modules) and the renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // keytar is an optional dependency (electron-vite externalizes only `dependencies`): loaded
      // at run time when it was built, never bundled. zod, pkijs and asn1js are bundled instead:
      // loaded from node_modules they are hundreds of small ES modules, and resolving and reading
      // them was a large part of the CLI's start-up (see `npm run bench`).
      externalizeDeps: { include: ['keytar'], exclude: ['zod', 'pkijs', 'asn1js'] },
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'main/index.ts'),
          cli: resolve(import.meta.dirname, 'main/cli/main.ts'),
          preview: resolve(import.meta.dirname, 'main/preview/main.ts'),
          'analysis-worker': resolve(import.meta.dirname, 'main/app/analysis-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      minify: true,
      rolldownOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});

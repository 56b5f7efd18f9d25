import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // Entries over the same core: the Electron shell, the browser-mode server and the server edition.
        input: {
          index: resolve('src/main/electron/main.ts'),
          web: resolve('src/main/web/main.ts'),
          server: resolve('src/main/web/serverMain.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require packages: bundle the contract's zod into it.
      externalizeDeps: { exclude: ['zod'] },
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      // electron-vite leaves the renderer unminified; minified, the first screen parses a third of the
      // script and the 两新组织 list appears sooner (tests/e2e/speed.test.ts prints the figure).
      minify: true,
      chunkSizeWarningLimit: 2000,
      rolldownOptions: {
        input: { index: resolve('src/renderer/index.html') },
      },
    },
  },
});

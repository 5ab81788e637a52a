import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

const here = (path: string): string => resolve(import.meta.dirname, path)

export default defineConfig({
  // Node side: Electron main, the engine process entry (its own file, forked as a utility
  // process or a child process), the CLI and the browser host all share one build.
  main: {
    build: {
      outDir: 'out/main',
      // The benchmark's peer (TensorFlow.js, a devDependency) is loaded from node_modules, never bundled.
      externalizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'] },
      rolldownOptions: {
        input: {
          index: here('electron/main/index.ts'),
          'engine-process': here('engine/node/engine-process.ts'),
          cli: here('engine/node/cli.ts'),
          // A sweep's worker thread, loaded by URL beside the CLI and the engine process.
          'run-worker': here('engine/node/run-worker.ts'),
          'web-host': here('web-host/web-host.ts'),
        },
      },
    },
  },
  // Sandboxed preloads cannot be ES modules: force CommonJS. They cannot require packages
  // either (only 'electron'), so zod (the host-event check) is bundled in.
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('renderer'),
    plugins: [vue()],
    build: {
      outDir: here('out/renderer'),
      // electron-vite leaves bundles unminified; the page loads faster minified (scripts/bench-startup.js).
      minify: true,
      rolldownOptions: { input: { index: here('renderer/index.html') } },
    },
  },
})

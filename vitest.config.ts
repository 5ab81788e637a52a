import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  test: {
    reporters: ['default', './scripts/skip-reporter.ts'],
    projects: [
      {
        test: {
          name: 'engine',
          environment: 'node',
          include: ['engine/**/*.test.ts', 'electron/**/*.test.ts', 'web-host/**/*.test.ts', 'host-neutral/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.ts'],
          setupFiles: ['renderer/test/setup.ts'],
        },
      },
    ],
  },
})

import { defineConfig } from '@playwright/test'
import { findTargets } from './e2e/targets'
import { BROWSER_HOWTO } from './scripts/browser.js'

const { enabled, skipped } = findTargets()

// Printed once by the runner, not again by every worker that loads this file.
if (!process.env.TEST_WORKER_INDEX) {
  for (const target of skipped) console.log(`[e2e] ${target.name} target skipped: ${target.reason}`)
  if (enabled.length === 0) {
    throw new Error(`No e2e target is available, so no end-to-end test can run. ${BROWSER_HOWTO} Or get the Electron binary (npm start with network).`)
  }
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export default defineConfig({
  testDir: 'e2e/specs',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: enabled.map((target) => ({
    name: target.name,
    use: {
      browserName: 'chromium' as const,
      launchOptions: { executablePath: target.executablePath, args: CHROMIUM_ARGS },
      studioTarget: target,
    },
  })),
})

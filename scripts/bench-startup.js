// `node scripts/bench-startup.js [runs] [outDir…]`: the studio's start-up in Chromium through the
// browser host: from navigation to the first render (the app's first element in #app) and to
// ready (the engine has loaded the project: Train is enabled). Each out/ folder
// given (a build: main/, renderer/) gets its own browser host; page loads alternate between them
// (interleaved rounds, a fresh browser context each), and the medians are printed with the
// renderer's JavaScript size. Default: the one build in out/ (built if stale). Copies of out/ to
// compare must sit inside the repository (their main/ finds node_modules from there), for
// example test-results/out-plain. A benchmark, not a test.
/* global window, document, MutationObserver -- the functions passed to addInitScript and evaluate run in the page */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { findBrowser } from './browser.js'
import { buildIfNeeded } from './build-if-needed.js'
import { repoRoot } from './electron-binary.js'

const runs = Number(process.argv[2] ?? 15)
const outs = process.argv.length > 3 ? process.argv.slice(3).map((dir) => resolve(dir)) : [join(repoRoot, 'out')]
if (process.argv.length <= 3) buildIfNeeded()

/** @param {string} out @param {string} root */
async function startHost(out, root) {
  const host = spawn(process.execPath, [join(out, 'main', 'web-host.js'), '--port', '0', '--root', root, '--data', join(root, `.data-${outs.indexOf(out)}`)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise((done, fail) => {
    let text = ''
    host.stdout.on('data', (chunk) => {
      text += chunk
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(text)
      if (match) done(match[1])
    })
    host.once('exit', (code) => fail(new Error(`the browser host exited (${code})`)))
  })
  return { url: /** @type {string} */ (url), stop: () => host.kill('SIGTERM') }
}

/** In the page, before any script: note when #app first gets content. */
function markFirstRender() {
  new MutationObserver((_records, observer) => {
    const app = document.getElementById('app')
    if (app && app.childElementCount > 0) {
      Object.defineProperty(window, '__firstRender', { value: performance.now() })
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true })
}

/** @param {string} dir */
function javascriptBytes(dir) {
  const assets = join(dir, 'renderer', 'assets')
  return readdirSync(assets).filter((name) => name.endsWith('.js')).reduce((sum, name) => sum + statSync(join(assets, name)).size, 0)
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const root = mkdtempSync(join(tmpdir(), 'bench-startup-'))
const found = findBrowser({ bundledPath: () => chromium.executablePath() })
const browser = await chromium.launch({ executablePath: found.found ? found.path : undefined, args: ['--no-sandbox', '--disable-gpu'] })
const hosts = await Promise.all(outs.map((out) => startHost(out, root)))
/** @type {{ render: number[], ready: number[] }[]} */
const times = outs.map(() => ({ render: [], ready: [] }))
try {
  for (let round = -1; round < runs; round++) {
    for (const [index, host] of hosts.entries()) {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.addInitScript(markFirstRender)
      await page.goto(host.url)
      await page.waitForFunction(() => '__firstRender' in window)
      // Ready: the engine has the project and Train is enabled.
      await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Train' && !b.disabled), null, { timeout: 30_000 })
      const ready = await page.evaluate(() => performance.now())
      const render = await page.evaluate(() => /** @type {number} */ (/** @type {any} */ (window).__firstRender))
      await context.close()
      // Round -1 warms the disk cache and the host; it is not counted.
      if (round >= 0) {
        times[index].render.push(render)
        times[index].ready.push(ready)
      }
    }
  }
} finally {
  await browser.close()
  hosts.forEach((host) => host.stop())
  rmSync(root, { recursive: true, force: true })
}

console.log(`start-up in Chromium through the browser host, ${runs} interleaved loads each (median ms from navigation):`)
for (const [index, out] of outs.entries()) {
  const kB = (javascriptBytes(out) / 1024).toFixed(0)
  console.log(`  ${out}: first render ${median(times[index].render).toFixed(0)} ms, ready ${median(times[index].ready).toFixed(0)} ms (renderer JS ${kB} kB)`)
}

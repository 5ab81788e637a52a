// `npm run bench:studio`: how the studio keeps up while a W2-sized network trains at full speed.
// In Chromium through the browser host it measures the renderer main thread's long tasks and the
// cost chart's redraw rate, and the steps/s the studio gets; in the same run it measures the
// headless engine (the same engine process entry, driven directly) on the same project. Prints
// the numbers and pass/fail per bar; exits 1 when a bar fails. A benchmark, not a test.
// A Chromium trace of the window gives each main-thread task's CPU time beside its wall time: on a
// loaded machine a task can take 100 ms of wall time with 10 ms of work (it waited for a core).
/* global window, document -- the functions passed to page.evaluate and addInitScript run in the page */
import { fork, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { buildIfNeeded } from './build-if-needed.js'
import { repoRoot } from './electron-binary.js'

const WARMUP_MS = 3000
const STUDIO_WINDOW_MS = 15_000
const HEADLESS_WINDOW_MS = 10_000
const BARS = { longTaskMs: 50, chartFps: 20, speedFraction: 0.85 }
/** Both sides run with the Threads setting at 2 (W2's products are below the split threshold, so the setting is on and the cost model keeps them on one thread). */
const THREADS = 2

/** W2 of the engine benchmark: 2-64-64-64-1 relu, sigmoid + BCE, batch 32, 2000 spiral points. */
const PROJECT = {
  format: 'backprop-studio/project',
  version: 1,
  name: 'W2 bench',
  network: {
    inputs: 2,
    layers: [
      { units: 64, activation: 'relu' },
      { units: 64, activation: 'relu' },
      { units: 64, activation: 'relu' },
      { units: 1, activation: 'sigmoid' },
    ],
    loss: 'binary-cross-entropy',
    initializer: { name: 'he-uniform' },
  },
  data: { source: 'synthetic', name: 'spiral', samples: 2000, noise: 0.1, trainFraction: 0.8, seed: 2 },
  training: {
    optimizer: { name: 'sgd', learningRate: 0.01 },
    batchSize: 32,
    epochs: 10_000_000,
    shuffle: true,
    seed: 1,
    regularization: { kind: 'none', rate: 0 },
  },
}

/**
 * MNIST as issue 12 measures it: 784-128-10 relu + softmax, Adam 0.001, batch 64, the 10,000
 * built-in digits (train share 0.8), with the confusion matrix, the sample gallery and the weight
 * images on screen (the studio shows all three for image data).
 */
const MNIST_PROJECT = {
  format: 'backprop-studio/project',
  version: 1,
  name: 'MNIST bench',
  network: { inputs: 784, layers: [{ units: 128, activation: 'relu' }, { units: 10, activation: 'softmax' }], loss: 'softmax-cross-entropy' },
  data: { source: 'builtin', name: 'mnist', trainFraction: 0.8, seed: 1 },
  training: { optimizer: { name: 'adam', learningRate: 0.001 }, batchSize: 64, epochs: 10_000_000, shuffle: true, seed: 1, regularization: { kind: 'none', rate: 0 } },
}
/** evaluationsPerSecond: the confusion matrix "updated live a few times a second while training". */
const MNIST_BARS = { longTaskMs: 50, speedFraction: 0.8, evaluationsPerSecond: 3 }

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function chromiumPath() {
  if (process.env.STUDIO_CHROMIUM) return process.env.STUDIO_CHROMIUM
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  return undefined
}

/** The engine process entry on its own (as the hosts fork it): steps/s over a window of full-speed training. */
/** @param {object} project @param {number | 'auto'} threads */
async function headlessStepsPerSecond(project = PROJECT, threads = THREADS) {
  // fork passes this process's flags (npm run bench:studio sets the relaxed-SIMD one on Node 20),
  // as the browser host passes them to its engine: both run the same kernel.
  const child = fork(join(repoRoot, 'out', 'main', 'engine-process.js'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  /** @type {{ step: number } | null} */
  let lastStatus = null
  /** @type {Map<number, (event: any) => void>} */
  const replies = new Map()
  child.on('message', (/** @type {any} */ event) => {
    if (event.type === 'progress' || event.type === 'stopped') lastStatus = event.status
    if (event.type === 'reply') replies.get(event.id)?.(event)
  })
  let nextId = 1
  const request = (/** @type {object} */ body) =>
    new Promise((resolve, reject) => {
      const id = nextId++
      replies.set(id, (/** @type {any} */ event) => (event.ok ? resolve(event.result) : reject(new Error(event.error))))
      child.send({ ...body, id })
    })
  await request({ type: 'load-project', project })
  await request({ type: 'set-threads', threads })
  await request({ type: 'train', action: 'start' })
  await sleep(WARMUP_MS)
  const stepNow = () => /** @type {{ step: number } | null} */ (lastStatus)?.step ?? 0
  const from = { step: stepNow(), at: performance.now() }
  await sleep(HEADLESS_WINDOW_MS)
  const to = { step: stepNow(), at: performance.now() }
  await request({ type: 'train', action: 'pause' })
  child.kill()
  return ((to.step - from.step) * 1000) / (to.at - from.at)
}

/** @param {string} root */
async function startHost(root) {
  const host = spawn(process.execPath, [join(repoRoot, 'out', 'main', 'web-host.js'), '--port', '0', '--root', root, '--data', join(root, '.data')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise((resolve, reject) => {
    let out = ''
    host.stdout.on('data', (chunk) => {
      out += chunk
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out)
      if (match) resolve(match[1])
    })
    host.once('exit', (code) => reject(new Error(`the browser host exited (${code})`)))
  })
  return { url, stop: () => host.kill('SIGTERM') }
}

/** In the page before the studio loads: record every long task of the main thread. */
function observeLongTasks() {
  /** @type {{ start: number, duration: number }[]} */
  const tasks = []
  Object.defineProperty(window, '__benchLongTasks', { value: tasks })
  new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true })
}

/**
 * Starts a Chromium trace of the page's tasks (the 'toplevel' category: each task's wall time and
 * the CPU time its thread got). A long task with little CPU was waiting for a core on a loaded
 * machine, not working: the rows say which. Resolves to a function that stops the trace and gives
 * the renderer main thread's tasks.
 * @param {import('@playwright/test').Browser} browser
 * @param {import('@playwright/test').Page} page
 */
async function traceMainThread(browser, page) {
  await browser.startTracing(page, { categories: ['toplevel'] })
  return async () => {
    /** @type {any[]} */
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents
    const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`))
    /** @type {Map<string, { wallMs: number, cpuMs: number }[]>} */
    const byThread = new Map()
    for (const e of events) {
      const key = `${e.pid}:${e.tid}`
      if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || !mains.has(key)) continue
      byThread.set(key, [...(byThread.get(key) ?? []), { wallMs: e.dur / 1000, cpuMs: (e.tdur ?? 0) / 1000 }])
    }
    // The page's renderer is the busiest one.
    return [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? []
  }
}

/** What the trace says of a window's tasks: main-thread CPU a second, and the CPU of the long ones. */
function taskCpu(/** @type {{ wallMs: number, cpuMs: number }[]} */ tasks, /** @type {number} */ seconds) {
  const long = tasks.filter((t) => t.wallMs > BARS.longTaskMs)
  return {
    cpuMsPerSecond: tasks.reduce((sum, t) => sum + t.cpuMs, 0) / seconds,
    longByWall: long.length,
    longestCpuMs: tasks.reduce((max, t) => Math.max(max, t.cpuMs), 0),
    longByCpu: tasks.filter((t) => t.cpuMs > BARS.longTaskMs).length,
    longCpuMs: long.map((t) => t.cpuMs),
  }
}

/**
 * In the page before the studio loads: count the engine's evaluate-set replies (the confusion
 * matrix's refreshes) by reading each browser-host frame's header (wire-codec: "BPS1", u32 header length, JSON).
 */
function countEvaluations() {
  const asked = new Set()
  /** @type {number[]} */
  const answered = []
  Object.defineProperty(window, '__benchEvaluations', { value: answered })
  /** @returns {any} the frame's tree, or null for anything else */
  const header = (/** @type {any} */ data) => {
    try {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data)
      const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true)
      return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))).t
    } catch {
      return null
    }
  }
  const socket = /** @type {any} */ (WebSocket.prototype)
  const send = socket.send
  socket.send = /** @this {WebSocket} */ function (/** @type {any} */ data) {
    const tree = header(data)
    if (tree?.kind === 'engine' && tree.message.type === 'evaluate-set') asked.add(tree.message.id)
    return send.call(this, data)
  }
  const listen = socket.addEventListener
  socket.addEventListener = /** @this {WebSocket} */ function (/** @type {string} */ type, /** @type {any} */ listener, /** @type {any} */ options) {
    if (type !== 'message') return listen.call(this, type, listener, options)
    return listen.call(this, type, (/** @type {MessageEvent} */ event) => {
      const tree = header(event.data)
      if (tree?.kind === 'engine' && tree.message.type === 'reply' && asked.delete(tree.message.id)) answered.push(performance.now())
      listener(event)
    }, options)
  }
}

/**
 * While a 2-worker sweep runs in the engine process (8 runs of the project, 100 epochs each: some
 * seconds, rows arriving in the Runs table and its charts as runs end): the main thread's long tasks.
 * @param {import('@playwright/test').Page} page
 */
async function sweepPhase(page) {
  await page.getByRole('button', { name: 'New sweep…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Sweep' })
  await dialog.getByRole('combobox', { name: 'Values of setting 1' }).selectOption('list')
  await dialog.getByRole('textbox', { name: 'Value list of setting 1' }).fill('0.02, 0.015, 0.01, 0.007, 0.005, 0.003, 0.002, 0.001')
  await dialog.getByRole('spinbutton', { name: 'Epochs per run' }).fill('100')
  await dialog.getByRole('spinbutton', { name: 'Workers' }).fill('2')
  await dialog.getByRole('button', { name: 'Start sweep' }).click()
  const start = await page.evaluate(() => performance.now())
  const table = page.getByRole('table', { name: 'Runs' })
  await table.getByText('finished', { exact: true }).nth(7).waitFor({ timeout: 300_000 })
  const end = await page.evaluate(() => performance.now())
  const tasks = await page.evaluate(
    ({ start, end }) => /** @type {{ start: number, duration: number }[]} */ (/** @type {any} */ (window).__benchLongTasks).filter((t) => t.start >= start && t.start <= end),
    { start, end },
  )
  return { seconds: (end - start) / 1000, longTasks: tasks.length, longestTaskMs: tasks.reduce((max, t) => Math.max(max, t.duration), 0) }
}

/**
 * Picks a weight of the second hidden layer with the inspector's keyboard path, so the inspector
 * is open and live while training (its equations, factors and history refresh a few times a second).
 * @param {import('@playwright/test').Page} page
 */
async function selectWeight(page) {
  const inspector = page.getByRole('region', { name: 'Weight inspector' })
  await inspector.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'Hidden layer 2' })
  await inspector.getByTestId('inspected-name').waitFor()
}

/**
 * @param {string} root
 * @param {{ weightSelected: boolean, file?: string, ready?: (page: import('@playwright/test').Page) => Promise<void>, sweep?: boolean, threads?: number | 'auto' }} options
 *   threads: the Threads setting on both sides (2 unless said);
 *   file: the project in root to open (w2.json); ready: waits until the views to measure are on screen;
 *   sweep: then measure the main thread while a 2-worker sweep runs
 */
async function studioRun(root, { weightSelected, file = 'w2.json', ready, sweep: withSweep = false, threads = THREADS }) {
  const host = await startHost(root)
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    await page.addInitScript(observeLongTasks)
    await page.addInitScript(countEvaluations)
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Open…' }).click()
    const dialog = page.getByRole('dialog', { name: /Open project/ })
    await dialog.getByLabel('File path').fill(file)
    await dialog.getByRole('button', { name: 'Open', exact: true }).click()
    await page.getByRole('button', { name: 'Train', exact: true }).waitFor()
    await page.waitForFunction(() => !document.querySelector('button.train-toggle')?.hasAttribute('disabled'))
    await page.getByRole('combobox', { name: 'Threads' }).selectOption(String(threads))
    const applied = threads === 'auto' ? '\\d+' : String(threads)
    await page.getByText(new RegExp(`^${applied} of \\d+ cores|${applied} threads on`)).waitFor()
    if (weightSelected) await selectWeight(page)
    if (ready) await ready(page)
    await page.getByRole('button', { name: 'Train', exact: true }).click()
    await sleep(WARMUP_MS)
    const sample = () =>
      page.evaluate(() => ({
        at: performance.now(),
        step: Number(document.querySelector('[data-testid="step"]')?.textContent?.replace(/,/g, '') ?? 0),
        draws: Number(document.querySelector('[data-testid="loss-chart"] canvas')?.getAttribute('data-draws') ?? 0),
      }))
    const stopTrace = await traceMainThread(browser, page)
    const from = await sample()
    await sleep(STUDIO_WINDOW_MS)
    const to = await sample()
    const traced = await stopTrace()
    const longTasks = await page.evaluate(
      ({ start, end }) => /** @type {{ start: number, duration: number }[]} */ (/** @type {any} */ (window).__benchLongTasks).filter((t) => t.start >= start && t.start <= end),
      { start: from.at, end: to.at },
    )
    const evaluations = await page.evaluate(
      ({ start, end }) => /** @type {number[]} */ (/** @type {any} */ (window).__benchEvaluations).filter((at) => at >= start && at <= end).length,
      { start: from.at, end: to.at },
    )
    await page.getByRole('button', { name: 'Pause', exact: true }).click()
    const seconds = (to.at - from.at) / 1000
    // The sweep phase (W2 only): after training pauses, a 2-worker sweep fills the Runs table.
    const sweep = withSweep ? await sweepPhase(page) : null
    return {
      sweep,
      load: loadavg()[0],
      cpu: taskCpu(traced, seconds),
      stepsPerSecond: (to.step - from.step) / seconds,
      chartFps: (to.draws - from.draws) / seconds,
      evaluationsPerSecond: evaluations / seconds,
      longTasks: longTasks.length,
      longestTaskMs: longTasks.reduce((max, t) => Math.max(max, t.duration), 0),
    }
  } finally {
    await browser.close()
    host.stop()
  }
}

/**
 * The trace's row: the most CPU one main-thread task took, and what the long tasks (by wall time) used.
 * @param {string} label @param {ReturnType<typeof taskCpu>} cpu @returns {[string, string, string, boolean, string]}
 */
function cpuRow(label, cpu) {
  const longCpu = cpu.longCpuMs.length ? `their CPU ${cpu.longCpuMs.map((ms) => ms.toFixed(0)).join(', ')} ms` : 'none'
  const detail = `main thread ${cpu.cpuMsPerSecond.toFixed(0)} ms CPU/s; ${cpu.longByWall} traced tasks over ${BARS.longTaskMs} ms wall, ${longCpu}`
  return [`${label}: most CPU in one main-thread task`, `${cpu.longestCpuMs.toFixed(0)} ms`, detail, cpu.longByCpu === 0, `none over ${BARS.longTaskMs} ms of CPU`]
}

/**
 * W2 with no weight selected, and with a weight selected and the inspector open.
 * @param {string} root
 * @returns {Promise<[string, string, string, boolean, string][]>}
 */
async function w2Rows(root) {
  console.log(`bench:studio — W2: 2-64-64-64-1 relu, sigmoid + BCE, batch 32, 2000 spiral points (80% train), SGD 0.01; Threads ${THREADS} on both sides; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`)
  const headlessBefore = await headlessStepsPerSecond()
  console.log(`headless engine (before): ${headlessBefore.toFixed(0)} steps/s`)
  const studio = await studioRun(root, { weightSelected: false, sweep: true })
  // The case of issue 10 #18: a weight selected and the inspector open while training.
  const inspecting = await studioRun(root, { weightSelected: true })
  const headlessAfter = await headlessStepsPerSecond()
  console.log(`headless engine (after):  ${headlessAfter.toFixed(0)} steps/s`)
  const headless = (headlessBefore + headlessAfter) / 2
  /** @type {[string, string, string, boolean, string][]} */
  const rows = []
  for (const [label, run] of /** @type {const} */ ([['no weight selected', studio], ['weight selected, inspector open', inspecting]])) {
    const fraction = run.stepsPerSecond / headless
    rows.push(
      [`${label}: studio steps/s`, run.stepsPerSecond.toFixed(0), `${(fraction * 100).toFixed(1)}% of headless ${headless.toFixed(0)}`, fraction >= BARS.speedFraction, `≥ ${BARS.speedFraction * 100}%`],
      [`${label}: longest main-thread task`, `${run.longestTaskMs.toFixed(0)} ms`, `${run.longTasks} long tasks (> 50 ms) in ${STUDIO_WINDOW_MS / 1000} s, load average ${run.load.toFixed(2)}`, run.longestTaskMs <= BARS.longTaskMs, `none over ${BARS.longTaskMs} ms`],
      cpuRow(label, run.cpu),
      [`${label}: cost chart redraws`, `${run.chartFps.toFixed(1)} /s`, '', run.chartFps >= BARS.chartFps, `≥ ${BARS.chartFps} /s`],
    )
  }
  const s = studio.sweep
  if (s) rows.push(['main thread during a 2-worker sweep', `${s.longestTaskMs.toFixed(0)} ms`, `${s.longTasks} long tasks while 8 runs ran (${s.seconds.toFixed(1)} s)`, s.longestTaskMs <= BARS.longTaskMs, `none over ${BARS.longTaskMs} ms`])
  return rows
}

/**
 * MNIST with its views open (issue 12): long tasks and the studio's share of the headless
 * engine's steps/s, the headless engine measured before and after in the same run.
 * @param {string} root
 * @returns {Promise<[string, string, string, boolean, string][]>}
 */
async function mnistRows(root) {
  console.log(`bench:studio — MNIST: 784-128-10 relu + softmax, Adam 0.001, batch 64, 10,000 digits (80% train); confusion matrix, samples and weight images open; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`)
  // Issue 12's bars at the studio's default Threads (auto: cores − 1, so the page keeps a core);
  // issue 14's "≥ 85 % with the threads on" at Threads 2, where MNIST's products really split.
  const auto = await mnistRun(root, 'auto')
  const two = await mnistRun(root, THREADS)
  const label = 'MNIST, views open'
  const t2 = `${label}, Threads ${THREADS}`
  return [
    [`${label}: studio steps/s`, auto.run.stepsPerSecond.toFixed(0), `${(auto.fraction * 100).toFixed(1)}% of headless ${auto.headless.toFixed(0)}, Threads auto`, auto.fraction >= MNIST_BARS.speedFraction, `≥ ${MNIST_BARS.speedFraction * 100}%`],
    [`${label}: longest main-thread task`, `${auto.run.longestTaskMs.toFixed(0)} ms`, `${auto.run.longTasks} long tasks (> 50 ms) in ${STUDIO_WINDOW_MS / 1000} s, load average ${auto.run.load.toFixed(2)}`, auto.run.longestTaskMs <= MNIST_BARS.longTaskMs, `none over ${MNIST_BARS.longTaskMs} ms`],
    cpuRow(label, auto.run.cpu),
    [`${label}: confusion-matrix refreshes`, `${auto.run.evaluationsPerSecond.toFixed(1)} /s`, 'evaluate-set replies of the 2,000 test digits', auto.run.evaluationsPerSecond >= MNIST_BARS.evaluationsPerSecond, `≥ ${MNIST_BARS.evaluationsPerSecond} /s`],
    [`${t2}: studio steps/s`, two.run.stepsPerSecond.toFixed(0), `${(two.fraction * 100).toFixed(1)}% of headless ${two.headless.toFixed(0)}; ${two.run.longTasks} tasks over 50 ms wall (the engine's two threads hold both cores)`, two.fraction >= BARS.speedFraction, `≥ ${BARS.speedFraction * 100}%`],
  ]
}

/**
 * One MNIST studio run at a Threads setting, between two headless measurements at the same setting.
 * @param {string} root @param {number | 'auto'} threads
 */
async function mnistRun(root, threads) {
  const before = await headlessStepsPerSecond(MNIST_PROJECT, threads)
  console.log(`headless engine, Threads ${threads} (before): ${before.toFixed(0)} steps/s`)
  const run = await studioRun(root, {
    weightSelected: false,
    file: 'mnist.json',
    threads,
    ready: async (page) => {
      await page.getByRole('table', { name: 'Confusion matrix' }).waitFor()
      await page.getByRole('region', { name: 'Samples' }).getByRole('button').first().waitFor()
      await page.getByRole('img', { name: /^Incoming weights of/ }).waitFor()
    },
  })
  const after = await headlessStepsPerSecond(MNIST_PROJECT, threads)
  console.log(`headless engine, Threads ${threads} (after):  ${after.toFixed(0)} steps/s; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`)
  const headless = (before + after) / 2
  return { run, headless, fraction: run.stepsPerSecond / headless }
}

/** `--case w2` or `--case mnist` runs one case; both by default. */
const only = process.argv.includes('--case') ? process.argv[process.argv.indexOf('--case') + 1] : null

buildIfNeeded()
const root = mkdtempSync(join(tmpdir(), 'bench-studio-'))
writeFileSync(join(root, 'w2.json'), `${JSON.stringify(PROJECT, null, 2)}\n`)
writeFileSync(join(root, 'mnist.json'), `${JSON.stringify(MNIST_PROJECT, null, 2)}\n`)
try {
  /** @type {[string, string, string, boolean, string][]} */
  const rows = []
  if (!only || only === 'w2') rows.push(...(await w2Rows(root)))
  if (!only || only === 'mnist') rows.push(...(await mnistRows(root)))
  for (const [name, value, detail, pass, bar] of rows) console.log(`${pass ? 'PASS' : 'FAIL'}  ${name.padEnd(58)} ${String(value).padStart(10)}   bar ${bar}${detail ? `   (${detail})` : ''}`)
  process.exitCode = rows.every((row) => row[3]) ? 0 : 1
} finally {
  rmSync(root, { recursive: true, force: true })
}

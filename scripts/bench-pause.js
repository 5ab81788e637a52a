// `node scripts/bench-pause.js`: how fast the engine answers Pause while it trains a big layer
// (2-100000-1, the 100,000-unit layer) and while it runs a network gradient check on
// 200,000 rows: the engine process entry forked as the hosts fork it, Pause sent at random moments,
// the time to its reply measured. Prints the median and the worst of each; a benchmark, not a test.
import { fork } from 'node:child_process'
import { join } from 'node:path'
import { buildIfNeeded } from './build-if-needed.js'
import { repoRoot } from './electron-binary.js'

const TRIALS = 15
/** @param {number} units @param {number} samples */
const project = (units, samples) => ({
  format: 'backprop-studio/project',
  version: 1,
  network: { inputs: 2, layers: [{ units, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' },
  data: { source: 'synthetic', name: 'circle', samples, noise: 0.1, trainFraction: 1 },
  training: { optimizer: { name: 'adam', learningRate: 0.01 }, batchSize: 10, epochs: 1_000_000, shuffle: true, seed: 1, regularization: { kind: 'none', rate: 0 } },
})

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function engine() {
  const child = fork(join(repoRoot, 'out', 'main', 'engine-process.js'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  /** @type {Map<number, (event: any) => void>} */
  const replies = new Map()
  child.on('message', (/** @type {any} */ event) => event.type === 'reply' && replies.get(event.id)?.(event))
  let nextId = 1
  /** @param {object} body @returns {Promise<any>} */
  const request = (body) =>
    new Promise((resolve, reject) => {
      const id = nextId++
      replies.set(id, (event) => (event.ok ? resolve(event.result) : reject(new Error(event.error))))
      child.send({ ...body, id })
    })
  return { request, post: (/** @type {object} */ body) => request(body).catch(() => undefined), stop: () => child.kill() }
}

/**
 * Pause latencies (ms) of TRIALS starts, each paused after a random 100–400 ms.
 * @param {ReturnType<typeof engine>} e
 * @param {object} [during] a request running meanwhile (canceled after each pause)
 */
async function pauseLatencies(e, during) {
  const times = []
  for (let t = 0; t < TRIALS; t++) {
    await e.request({ type: 'train', action: 'start' })
    const job = during ? e.post(during) : null
    await sleep(100 + Math.random() * 300)
    const sent = performance.now()
    await e.request({ type: 'train', action: 'pause' })
    times.push(performance.now() - sent)
    if (job) {
      await e.request({ type: 'cancel' })
      await job
    }
  }
  return times.sort((a, b) => a - b)
}

const summary = (/** @type {number[]} */ ms) => `median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms, worst ${ms[ms.length - 1].toFixed(1)} ms (${ms.length} pauses)`

buildIfNeeded()
const wide = engine()
await wide.request({ type: 'load-project', project: project(100_000, 500) })
console.log(`Pause while training 2-100000-1 (batch 10):          ${summary(await pauseLatencies(wide))}`)
wide.stop()
const rows = engine()
await rows.request({ type: 'load-project', project: project(32, 200_000) })
console.log(`Pause during a network gradient check, 200,000 rows: ${summary(await pauseLatencies(rows, { type: 'gradient-check', scope: { kind: 'network' } }))}`)
rows.stop()

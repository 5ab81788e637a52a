import { describe, expect, it } from 'vitest'
import { SLICE_MS, TrainingLoop } from './training-loop'
import { jsKernel } from '../math/js-kernel'
import { prepareData } from '../data/prepare'
import { buildTrainer } from '../train/model'
import { testProject } from '../testing/projects'
import type { MatKernel } from '../math/kernel'
import type { EngineEvent, EpochMetrics } from '../protocol'
import type { ProjectFile } from '../project/types'

/** Virtual milliseconds per multiply-add: a step of the layer below is ~3 ms, its epoch's metrics pass ~300 ms. */
const MS_PER_MAC = 1 / 100_000

/**
 * A virtual clock that advances with the work done (the kernel's multiply-adds), and a queue of
 * scheduled callbacks the test runs one by one: how long a slice takes is then a fact of the code,
 * not of the machine's load.
 */
function workClock() {
  const clock = { t: 0 }
  const queue: (() => void)[] = []
  const counted = (m: number, k: number, n: number) => void (clock.t += m * k * n * MS_PER_MAC)
  const kernel: MatKernel = {
    ...jsKernel,
    matmulNN: (A, B, C, m, k, n) => (counted(m, k, n), jsKernel.matmulNN(A, B, C, m, k, n)),
    matmulTN: (A, B, C, m, k, n, alpha) => (counted(m, k, n), jsKernel.matmulTN(A, B, C, m, k, n, alpha)),
    matmulNT: (A, B, C, m, n, k) => (counted(m, k, n), jsKernel.matmulNT(A, B, C, m, n, k)),
  }
  /** Runs the next scheduled callback; how long it took (virtual ms), or null when none is due. */
  const runNext = (): number | null => {
    const fn = queue.shift()
    if (!fn) return null
    const before = clock.t
    fn()
    return clock.t - before
  }
  return { clock, kernel, schedule: (fn: () => void) => void queue.push(fn), runNext }
}

// A wide layer (4,000 units) and a test split four times the training rows: closing an epoch
// (a forward pass over 2,400 rows) costs a hundred training steps.
const wide: ProjectFile = {
  ...testProject(2, [{ units: 4000, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { batchSize: 10, seed: 5, shuffle: true, epochs: 2, optimizer: { name: 'adam', learningRate: 0.01 } }),
  data: { source: 'synthetic', name: 'circle', samples: 3000, noise: 0.1, trainFraction: 0.2 },
}

function wideLoop() {
  const w = workClock()
  const trainer = buildTrainer(wide, prepareData(wide.data, wide.training.seed), w.kernel)
  const events: EngineEvent[] = []
  const loop = new TrainingLoop(trainer, { now: () => w.clock.t, schedule: w.schedule }, (e) => events.push(e))
  const epochs = (): EpochMetrics[] => events.flatMap((e) => (e.type === 'progress' ? e.epochs : []))
  const stopped = () => events.some((e) => e.type === 'stopped' && e.reason === 'max-epochs')
  return { ...w, trainer, events, loop, epochs, stopped }
}

describe('the training loop on a wide layer (virtual clock: time is work)', () => {
  it('computes an epoch’s metrics in slices: no slice is longer than a step past SLICE_MS, so Pause between slices answers fast', () => {
    const h = wideLoop()
    // What the step that closes an epoch costs when its metrics are computed in one piece.
    const unsliced = buildTrainer(wide, prepareData(wide.data, wide.training.seed), h.kernel)
    let closingStep = 0
    for (let closed = false; !closed; ) {
      const before = h.clock.t
      closed = unsliced.trainStep().epoch !== null
      closingStep = h.clock.t - before
    }
    expect(closingStep).toBeGreaterThan(100)
    h.loop.start('run')
    const slices: number[] = []
    for (let took = h.runNext(); took !== null && !h.stopped(); took = h.runNext()) slices.push(took)
    expect(h.epochs().map((e) => e.epoch)).toEqual([1, 2])
    // A slice ends once SLICE_MS is used; the step or metrics chunk under way finishes first.
    expect(Math.max(...slices)).toBeLessThan(SLICE_MS + 10)
  })

  it('a run paused after every slice (during the metrics passes too) ends with the same weights and metrics as one never paused', () => {
    const straight = wideLoop()
    straight.loop.start('run')
    while (straight.runNext() !== null);
    expect(straight.stopped()).toBe(true)

    const paused = wideLoop()
    let pausedDuringMetrics = 0
    paused.loop.start('run')
    while (!paused.stopped()) {
      if (paused.runNext() === null) break
      if (!paused.loop.running) continue
      const status = (paused.loop.pause(), paused.events.at(-1))
      if (status?.type === 'stopped' && status.status.epoch > paused.epochs().length) pausedDuringMetrics++
      while (paused.runNext() !== null);
      paused.loop.start('run')
    }
    expect(paused.stopped()).toBe(true)
    expect(pausedDuringMetrics).toBeGreaterThan(3)
    expect(paused.epochs()).toEqual(straight.epochs())
    expect(paused.trainer.step).toBe(straight.trainer.step)
    paused.trainer.network.layers.forEach((layer, l) => {
      expect(layer.W).toEqual(straight.trainer.network.layers[l].W)
      expect(layer.b).toEqual(straight.trainer.network.layers[l].b)
    })
  })

  it('Step and Finish epoch complete an epoch’s pending metrics, and Finish epoch then trains a whole epoch', () => {
    const h = wideLoop()
    h.loop.start('run')
    // Pause while the first epoch's metrics are being computed.
    while (h.trainer.epoch === 0) h.runNext()
    h.runNext()
    h.loop.pause()
    while (h.runNext() !== null);
    expect(h.epochs()).toEqual([])
    h.loop.stepOnce()
    expect(h.epochs().map((e) => e.epoch)).toEqual([1])
    expect(h.trainer.step).toBe(h.trainer.batchesPerEpoch + 1)
    h.loop.start('epoch')
    while (h.runNext() !== null);
    expect(h.epochs().map((e) => e.epoch)).toEqual([1, 2])
    expect(h.events.at(-1)).toMatchObject({ type: 'stopped', reason: 'epoch-done' })
    expect(h.trainer.step).toBe(2 * h.trainer.batchesPerEpoch)
  })
})

describe('jobs holding training', () => {
  it('back-to-back holds (the next asked for before the last ends) leave training a slice between them', async () => {
    const h = wideLoop()
    h.loop.start('run')
    let release = await h.loop.hold()
    for (let job = 0; job < 20; job++) {
      const next = h.loop.hold()
      while (h.runNext() !== null);
      release()
      while (h.runNext() !== null);
      release = await next
    }
    release()
    h.loop.pause()
    // One slice of training per job at least (a slice is several steps of this layer).
    expect(h.trainer.step).toBeGreaterThanOrEqual(20)
  })
})

/**
 * The contestants: our engine (one per kernel) and TensorFlow.js (cpu backend, wasm backend with
 * SIMD), each set up on a workload with the same initial weights and data, plain SGD, file order.
 * A contestant's `run(ms)` trains for about that long and returns the steps it took.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { buildTrainer } from '../train/model'
import { trainOnly } from '../data/in-memory'
import { PROJECT_FORMAT, PROJECT_VERSION } from '../project/types'
import { tf, tfMlp } from './tfjs-mlp'
import type { MatKernel } from '../math/kernel'
import type { LayerWeights, ProjectFile } from '../project/types'
import type { Dataset } from '../data/dataset'
import type { Workload } from './workloads'
import type { Trainer } from '../train/trainer'

export interface Running {
  /** Trains for about `ms` and returns the steps taken (a peer in another process answers later). */
  run(ms: number): number | Promise<number>
  dispose(): void
  /** Our engine only: each step's time (ms) in the runs so far; the bench empties it after the warm-up. */
  stepTimes?: number[]
}

export interface Contestant {
  name: string
  /** Whether it runs this workload (all when absent). */
  covers?(workload: Workload): boolean
  setup(workload: Workload, data: Dataset, weights: LayerWeights[]): Promise<Running>
}

function timed(ms: number, step: () => void, stepTimes?: number[]): number {
  let now = performance.now()
  const end = now + ms
  let steps = 0
  while (now < end) {
    step()
    steps++
    const then = now
    now = performance.now()
    stepTimes?.push(now - then)
  }
  return steps
}

/** Our trainer on a workload: plain SGD, file order, every row training, as the peer trains. */
export function workloadTrainer(workload: Workload, data: Dataset, weights: LayerWeights[], kernel: MatKernel): Trainer {
  const project: ProjectFile = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    network: workload.network,
    weights,
    // Not read: the trainer gets the data below. The file needs a source.
    data: { source: 'synthetic', name: 'spiral', samples: data.n, noise: 0, trainFraction: 1 },
    training: {
      optimizer: { name: 'sgd', learningRate: workload.learningRate },
      batchSize: workload.batchSize,
      epochs: Number.MAX_SAFE_INTEGER,
      shuffle: false,
      seed: 1,
      regularization: { kind: 'none', rate: 0 },
    },
  }
  const trainer = buildTrainer(project, trainOnly(data), kernel)
  // Like the peer, train only: no scoring pass over the training rows at each epoch's end.
  trainer.scoreTrainWithoutTest = false
  return trainer
}

export function engineContestant(name: string, kernel: MatKernel): Contestant {
  return {
    name,
    async setup(workload, data, weights) {
      const trainer = workloadTrainer(workload, data, weights, kernel)
      const stepTimes: number[] = []
      return { run: (ms) => timed(ms, () => trainer.trainStep(), stepTimes), dispose: () => trainer.release(), stepTimes }
    },
  }
}

let wasmReady: Promise<void> | null = null
async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') {
    wasmReady ??= (async () => {
      const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm')
      // The .wasm files are loaded from node_modules, never fetched.
      const dist = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/'
      setWasmPaths(dist)
    })()
    await wasmReady
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialize`)
  await tf.ready()
  if (tf.getBackend() !== name) throw new Error(`tfjs runs ${tf.getBackend()}, not ${name}`)
}

export function tfjsContestant(backend: 'cpu' | 'wasm'): Contestant {
  return {
    name: `tfjs-${backend}`,
    async setup(workload, data, weights) {
      await useBackend(backend)
      const model = tfMlp(workload.network, weights)
      const optimizer = tf.train.sgd(workload.learningRate)
      // Batches are cut once, in file order, so slicing is not part of the timing.
      const batches: [tf.Tensor2D, tf.Tensor2D][] = []
      for (let from = 0; from < data.n; from += workload.batchSize) {
        const count = Math.min(workload.batchSize, data.n - from)
        batches.push([
          tf.tensor2d(Float32Array.from(data.X.subarray(from * data.d, (from + count) * data.d)), [count, data.d]),
          tf.tensor2d(Float32Array.from(data.Y.subarray(from * data.k, (from + count) * data.k)), [count, data.k]),
        ])
      }
      let next = 0
      return {
        run: (ms) =>
          timed(ms, () => {
            const [x, y] = batches[next]
            next = (next + 1) % batches.length
            tf.tidy(() => void optimizer.minimize(() => model.cost(x, y)))
          }),
        dispose() {
          model.dispose()
          optimizer.dispose()
          for (const [x, y] of batches) tf.dispose([x, y])
        },
      }
    },
  }
}

export function tfjsBackendFlags(): Record<string, unknown> {
  return { simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') }
}

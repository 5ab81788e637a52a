// Agreement with an independent framework: TensorFlow.js autodiff and optimizers (float32, so
// the tolerance is 1e-4 relative).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tf, tfMlp } from '../bench/tfjs-mlp'
import { jsKernel } from '../math/js-kernel'
import { fullGradient } from './evaluate'
import { buildTrainer } from './model'
import { randomData, trainOnly } from '../testing/toy-data'
import { testProject } from '../testing/projects'
import type { Dataset } from '../data/dataset'
import type { LayerSpec, LossName, OptimizerSpec, ProjectFile } from '../project/types'

const TOLERANCE = 1e-4

function expectClose(ours: ArrayLike<number>, theirs: ArrayLike<number>, what: string): void {
  expect(ours.length).toBe(theirs.length)
  const scale = Math.max(1e-3, ...Array.from(theirs, Math.abs))
  for (let p = 0; p < ours.length; p++) {
    const error = Math.abs(ours[p] - theirs[p]) / Math.max(Math.abs(theirs[p]), scale * 1e-2)
    if (error > TOLERANCE) throw new Error(`${what}[${p}]: ours ${ours[p]}, tfjs ${theirs[p]} (relative error ${error})`)
  }
}

// tfjs takes Float32Array, not Float64Array.
const f32 = (a: Float64Array) => Float32Array.from(a)
const tensors = (data: Dataset) => [tf.tensor2d(f32(data.X), [data.n, data.d]), tf.tensor2d(f32(data.Y), [data.n, data.k])] as const

beforeAll(async () => {
  await tf.setBackend('cpu')
  expect(tf.getBackend()).toBe('cpu')
})
afterAll(() => tf.disposeVariables())

const CASES: [string, LayerSpec[], LossName, 'regression' | 'binary' | 'multiclass', number][] = [
  ['tanh + sigmoid/bce', [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', 'binary', 1],
  ['relu×2 + softmax/ce', [{ units: 8, activation: 'relu' }, { units: 5, activation: 'relu' }, { units: 3, activation: 'softmax' }], 'softmax-cross-entropy', 'multiclass', 3],
  ['sigmoid + linear/mse', [{ units: 7, activation: 'sigmoid' }, { units: 2, activation: 'linear' }], 'mse', 'regression', 2],
  ['leaky-relu, sine + tanh/mse', [{ units: 5, activation: 'leaky-relu', alpha: 0.1 }, { units: 4, activation: 'sine' }, { units: 2, activation: 'tanh' }], 'mse', 'regression', 2],
]

describe('agreement with TensorFlow.js', () => {
  it.each(CASES)('gradients on random data: %s', (_name, layers, loss, kind, k) => {
    const data = randomData(21, 40, 4, k, kind)
    const project = testProject(4, layers, loss, { seed: 3, regularization: { kind: 'l2', rate: 0.01 } })
    const trainer = buildTrainer(project, trainOnly(data), jsKernel)
    const ours = fullGradient(trainer.network, data, trainer.evalWorkspace, jsKernel, project.training.regularization)
    const model = tfMlp(project.network, trainer.network.getWeights(), 0.01)
    const [x, y] = tensors(data)
    const { value, grads } = tf.variableGrads(() => model.cost(x, y), [...model.W, ...model.b])
    expectClose([ours.loss], [value.dataSync()[0]], 'loss')
    model.W.forEach((w, l) => expectClose(ours.dW[l], grads[w.name].dataSync(), `dW${l}`))
    model.b.forEach((b, l) => expectClose(ours.db[l], grads[b.name].dataSync(), `db${l}`))
    model.dispose()
  })

  const OPTIMIZERS: [OptimizerSpec, () => tf.Optimizer][] = [
    [{ name: 'sgd', learningRate: 0.3 }, () => tf.train.sgd(0.3)],
    [{ name: 'adam', learningRate: 0.01 }, () => tf.train.adam(0.01, 0.9, 0.999, 1e-8)],
  ]

  it.each(OPTIMIZERS)('a few %o steps, shuffle off, equal a TensorFlow.js run', (optimizer, makeTfOptimizer) => {
    const data = randomData(8, 30, 3, 1, 'binary')
    const project: ProjectFile = testProject(3, CASES[0][1], 'binary-cross-entropy', { optimizer, batchSize: 8, shuffle: false, seed: 4 })
    const trainer = buildTrainer(project, trainOnly(data), jsKernel)
    const model = tfMlp(project.network, trainer.network.getWeights())
    const tfOptimizer = makeTfOptimizer()
    // 30 rows in batches of 8: steps of 8, 8, 8 and a trailing 6, then the next epoch.
    for (let step = 0; step < 6; step++) {
      const from = (step % 4) * 8
      const count = Math.min(8, 30 - from)
      const x = tf.tensor2d(f32(data.X.subarray(from * 3, (from + count) * 3)), [count, 3])
      const y = tf.tensor2d(f32(data.Y.subarray(from, from + count)), [count, 1])
      tfOptimizer.minimize(() => model.cost(x, y))
      trainer.trainStep()
    }
    const ours = trainer.network.getWeights()
    model.W.forEach((w, l) => expectClose(ours[l].W.flat(), w.dataSync(), `W${l}`))
    model.b.forEach((b, l) => expectClose(ours[l].b, b.dataSync(), `b${l}`))
    expect(trainer.step).toBe(6)
    model.dispose()
  })
})

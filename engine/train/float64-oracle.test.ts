// The engine against an independent float64 reference (engine/testing/oracle: a scalar autodiff
// of the micrograd kind and the optimizers from their formulas), over random small networks:
// every activation, every loss pair, L1 and L2, and SGD, momentum, Nesterov, RMSprop and Adam.
// Costs and weights after several steps agree to 1e-10 (relative, or absolute near 0), on the JS
// kernel and on the WebAssembly SIMD float64 kernel. TensorFlow.js (float32) stays for the bench.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { jsKernel } from '../math/js-kernel'
import { WasmKernel } from '../math/wasm-kernel'
import { KERNELS_SIMD } from '../math/wasm-bytes.generated'
import { buildTrainer } from './model'
import { randomData, trainOnly } from '../data/in-memory'
import { Random } from '../math/random'
import { PROJECT_FORMAT, PROJECT_VERSION, type LayerSpec, type LossName, type ProjectFile } from '../project/types'
import { costAndGradients, RefOptimizerState, type RefLayer, type RefOptimizer, type RefPenalty } from '../testing/oracle/reference-net'
import type { ActivationName } from '../nn/activations'
import type { MatKernel } from '../math/kernel'

const TOLERANCE = 1e-10
const HIDDEN: ActivationName[] = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'sine']
/** Every output activation with every loss it may go with, and the problem its targets come from. */
const OUTPUTS: [ActivationName, LossName, 'regression' | 'binary' | 'multiclass'][] = [
  ...(['linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'sine'] as const).map((a): [ActivationName, LossName, 'regression'] => [a, 'mse', 'regression']),
  ['sigmoid', 'binary-cross-entropy', 'binary'],
  ['softmax', 'softmax-cross-entropy', 'multiclass'],
]
const OPTIMIZERS: RefOptimizer[] = [
  { name: 'sgd', learningRate: 0.1 },
  { name: 'momentum', learningRate: 0.05, momentum: 0.8 },
  { name: 'momentum', learningRate: 0.05, momentum: 0.9, nesterov: true },
  { name: 'rmsprop', learningRate: 0.01, rho: 0.85, epsilon: 1e-7 },
  { name: 'adam', learningRate: 0.01, beta1: 0.85, beta2: 0.99, epsilon: 1e-8 },
]
const PENALTIES: RefPenalty[] = [{ kind: 'none', rate: 0 }, { kind: 'l2', rate: 0.03 }, { kind: 'l1', rate: 0.02 }]
const KERNELS: MatKernel[] = [jsKernel, new WasmKernel(KERNELS_SIMD, 'wasm-simd-f64', 'float64')]

const close = (a: number, b: number): boolean => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b))

const net = fc.record({
  seed: fc.integer({ min: 1, max: 1e6 }),
  inputs: fc.integer({ min: 1, max: 3 }),
  hidden: fc.array(fc.record({ units: fc.integer({ min: 1, max: 4 }), activation: fc.constantFrom(...HIDDEN), alpha: fc.double({ min: 0.01, max: 0.5, noNaN: true }) }), { maxLength: 2 }),
  output: fc.constantFrom(...OUTPUTS),
  optimizer: fc.constantFrom(...OPTIMIZERS),
  penalty: fc.constantFrom(...PENALTIES),
  kernel: fc.constantFrom(...KERNELS.keys()),
})

type Case = typeof net extends fc.Arbitrary<infer T> ? T : never

/** Trains the engine and the reference side by side; `engineOptimizer` changes the engine's only (to show a disagreement is caught). */
function agreeWithReference(c: Case, engineOptimizer: RefOptimizer = c.optimizer): void {
  const [outputActivation, loss, kind] = c.output
  const outputs = kind === 'multiclass' ? 3 : kind === 'binary' ? 1 : 2
  const specs: LayerSpec[] = [
    ...c.hidden.map((h) => ({ units: h.units, activation: h.activation, ...(h.activation === 'leaky-relu' ? { alpha: h.alpha } : {}) })),
    { units: outputs, activation: outputActivation },
  ]
  const random = new Random(c.seed)
  let fanIn = c.inputs
  const weights = specs.map((spec) => {
    const W = Array.from({ length: fanIn }, () => Array.from({ length: spec.units }, () => random.uniform(-0.9, 0.9)))
    fanIn = spec.units
    return { W, b: Array.from({ length: spec.units }, () => random.uniform(-0.2, 0.2)) }
  })
  const rows = 12
  const batchSize = 4
  const data = randomData(c.seed + 1, rows, c.inputs, outputs, kind)
  const project: ProjectFile = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    network: { inputs: c.inputs, layers: specs, loss },
    weights: structuredClone(weights),
    data: { source: 'synthetic', name: 'spiral', samples: rows, noise: 0, trainFraction: 1 },
    training: { optimizer: engineOptimizer, batchSize, epochs: 100, shuffle: false, seed: 1, regularization: c.penalty },
  }
  const trainer = buildTrainer(project, trainOnly(data), KERNELS[c.kernel])

  const ref: RefLayer[] = specs.map((spec, l) => ({ ...structuredClone(weights[l]), activation: spec.activation, alpha: spec.alpha ?? 0.01 }))
  const optimizer = new RefOptimizerState(c.optimizer)
  const X = Array.from({ length: rows }, (_, r) => Array.from(data.X.subarray(r * c.inputs, (r + 1) * c.inputs)))
  const Y = Array.from({ length: rows }, (_, r) => Array.from(data.Y.subarray(r * outputs, (r + 1) * outputs)))
  for (let step = 0; step < 6; step++) {
    // File order, no shuffle: step s trains rows [4s, 4s + 4) of the 12, then the epoch wraps.
    const start = (step * batchSize) % rows
    const { cost, dW, db } = costAndGradients(ref, loss, c.penalty, X.slice(start, start + batchSize), Y.slice(start, start + batchSize))
    const outcome = trainer.trainStep()
    expect(outcome.diverged).toBeNull()
    expect(close(outcome.loss, cost), `step ${step}: cost ${outcome.loss} vs reference ${cost}`).toBe(true)
    optimizer.begin()
    ref.forEach((layer, l) => {
      layer.W.forEach((row, i) => optimizer.update(`W${l}/${i}`, row, dW[l][i]))
      optimizer.update(`b${l}`, layer.b, db[l])
    })
    trainer.network.getWeights().forEach((layer, l) => {
      layer.W.flat().forEach((w, p) => expect(close(w, ref[l].W.flat()[p]), `step ${step}, W${l}[${p}]: ${w} vs ${ref[l].W.flat()[p]}`).toBe(true))
      layer.b.forEach((b, j) => expect(close(b, ref[l].b[j]), `step ${step}, b${l}[${j}]`).toBe(true))
    })
  }
  trainer.release()
}

describe('the engine against a float64 reference (scalar autodiff)', () => {
  it('agrees at 1e-10 on random networks: costs and weights over six steps', () => {
    fc.assert(fc.property(net, (c) => agreeWithReference(c)), { numRuns: 150, seed: 20261201 })
  })

  // The random runs above may miss one; these cover every activation, loss, optimizer and penalty at least once.
  const cases = HIDDEN.flatMap((activation, a) =>
    OUTPUTS.map((output, o) => ({ activation, output, optimizer: OPTIMIZERS[(a + o) % OPTIMIZERS.length], penalty: PENALTIES[(a * 2 + o) % PENALTIES.length] })),
  )
  it.each(cases)('$activation hidden, $output.0 output with $output.1, $optimizer.name, $penalty.kind', ({ activation, output, optimizer, penalty }) => {
    for (const kernel of KERNELS.keys()) {
      agreeWithReference({ seed: 7, inputs: 2, hidden: [{ units: 3, activation, alpha: 0.2 }], output, optimizer, penalty, kernel })
    }
  })

  it('can fail: a learning rate 1e-6 off on the engine side is caught', () => {
    const c: Case = { seed: 7, inputs: 2, hidden: [{ units: 3, activation: 'tanh', alpha: 0.1 }], output: OUTPUTS[0], optimizer: { name: 'sgd', learningRate: 0.1 }, penalty: PENALTIES[0], kernel: 0 }
    expect(() => agreeWithReference(c)).not.toThrow()
    expect(() => agreeWithReference(c, { name: 'sgd', learningRate: 0.1 * (1 + 1e-6) })).toThrow(/vs/)
  })
})

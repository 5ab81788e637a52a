import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsKernel } from './js-kernel'
import { Random } from './random'
import { WasmKernel } from './wasm-kernel'
import { canInstantiate } from './wasm-instance'
import { KERNELS_RELAXED, KERNELS_SIMD } from './wasm-bytes.generated'
import { selectKernel } from './select-kernel'
import { Network } from '../nn/network'
import { buildTrainer } from '../train/model'
import { randomData, trainOnly } from '../testing/toy-data'
import { testProject } from '../testing/projects'
import type { Floats, MatKernel } from './kernel'
import { jsElementwise, type Elementwise } from './elementwise'

// Edges on purpose: rows not a multiple of the tile, a first layer of 2 inputs, a one-unit output layer.
const SHAPES: [number, number, number][] = [[1, 1, 1], [3, 5, 2], [7, 130, 9], [64, 784, 128], [5, 3, 7], [33, 64, 65], [32, 2, 64], [37, 70, 1], [32, 64, 1]]

/** Named buffers from one reservation of the kernel. */
function reserveNamed(kernel: MatKernel, sizes: Record<string, number>): Record<string, Floats> {
  const { views } = kernel.reserve(Object.values(sizes))
  return Object.fromEntries(Object.keys(sizes).map((name, i) => [name, views[i]]))
}

const alloc = (kernel: MatKernel, n: number): Floats => kernel.reserve([n]).views[0]

function products(kernel: MatKernel, m: number, k: number, n: number, seed: number) {
  const b = reserveNamed(kernel, { A: m * k, B: k * n, E: m * n, W: k * n, Z: m * n, dW: k * n, Ep: m * k })
  const random = new Random(seed)
  for (const name of ['A', 'B', 'E', 'W']) b[name].forEach((_, i) => (b[name][i] = random.uniform(-1, 1)))
  kernel.matmulNN(b.A, b.B, b.Z, m, k, n)
  kernel.matmulTN(b.A, b.E, b.dW, m, k, n, 1 / m)
  kernel.matmulNT(b.E, b.W, b.Ep, m, n, k)
  return { Z: Array.from(b.Z), dW: Array.from(b.dW), Ep: Array.from(b.Ep) }
}

function maxRelative(a: number[], b: number[]): number {
  const scale = Math.max(...b.map(Math.abs), 1e-300)
  return Math.max(0, ...a.map((x, i) => Math.abs(x - b[i]) / scale))
}

describe('WebAssembly SIMD kernel (float64)', () => {
  it('compiles here (WebAssembly SIMD is on in Node 20)', () => {
    expect(canInstantiate(KERNELS_SIMD)).toBe(true)
  })

  it.each(SHAPES)('m=%i k=%i n=%i: NN and TN bit-identical to JS, NT within 1e-13', (m, k, n) => {
    const wasm = new WasmKernel(KERNELS_SIMD, 'wasm-simd-f64', 'float64', 0)
    const seed = m * 7 + k * 3 + n
    const ours = products(wasm, m, k, n, seed)
    const reference = products(jsKernel, m, k, n, seed)
    expect(ours.Z).toEqual(reference.Z)
    expect(ours.dW).toEqual(reference.dW)
    expect(maxRelative(ours.Ep, reference.Ep)).toBeLessThan(1e-13)
  })

  it('keeps every view valid and resident when its memory grows (shared memory never detaches)', () => {
    const wasm = new WasmKernel(KERNELS_SIMD, 'wasm-simd-f64', 'float64', 0)
    const network = new Network({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }], loss: 'mse' }, wasm)
    network.layers[0].W.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    const before = network.layers[0].W
    alloc(wasm, 4_000_000) // 32 MB: forces the memory to grow
    expect(network.layers[0].W).toBe(before) // the same view, still attached
    expect(Array.from(before)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    const x = alloc(wasm, 3)
    x.set([1, 1, 1])
    const z = alloc(wasm, 4)
    wasm.matmulNN(x, network.layers[0].W, z, 1, 3, 4)
    expect(Array.from(z)).toEqual([15, 18, 21, 24])
  })

  it('knows its own buffers in every one of several kernels, after growth, and no others', () => {
    const kernels = [0, 1, 2].map(() => new WasmKernel(KERNELS_SIMD, 'wasm-simd-f64', 'float64', 0))
    const views = kernels.map((k) => [alloc(k, 10), alloc(k, 3_000_000), alloc(k, 10)]) // the middle one grows each memory
    kernels.forEach((k, i) => {
      views.forEach((own, j) => own.forEach((v) => expect(k.holds(v)).toBe(i === j)))
      expect(k.holds(new Float64Array(10))).toBe(false)
    })
  })

  it('gives a released block to the next owner, and holds only what owners hold', () => {
    const wasm = new WasmKernel(KERNELS_SIMD, 'wasm-simd-f64', 'float64', 0)
    const spec = { inputs: 30, layers: [{ units: 20, activation: 'tanh' as const }], loss: 'mse' as const }
    const first = new Network(spec, wasm)
    const held = wasm.reservedBytes
    const offset = first.layers[0].W.byteOffset
    first.release()
    first.release() // twice is harmless
    expect(wasm.reservedBytes).toBeLessThan(held)
    const second = new Network(spec, wasm)
    expect(second.layers[0].W.byteOffset).toBe(offset)
    expect(Array.from(second.layers[0].W).every((w) => w === 0)).toBe(true) // zeroed for its new owner
    expect(wasm.reservedBytes).toBe(held)
  })

  it.each(['adam', 'sgd'] as const)('trains with %s to the same weights as the JS kernel (1e-12 relative after 100 steps)', (optimizer) => {
    const project = testProject(6, [{ units: 16, activation: 'relu' }, { units: 9, activation: 'tanh' }, { units: 3, activation: 'softmax' }], 'softmax-cross-entropy', {
      optimizer: { name: optimizer, learningRate: 0.01 },
      batchSize: 7,
      shuffle: true,
      seed: 12,
    })
    const data = trainOnly(randomData(4, 50, 6, 3, 'multiclass'))
    const run = (kernel: MatKernel) => {
      const trainer = buildTrainer(project, data, kernel)
      for (let s = 0; s < 100; s++) trainer.trainStep()
      return trainer.network.getWeights().flatMap((l) => [...l.W.flat(), ...l.b])
    }
    const viaJs = run(jsKernel)
    const viaWasm = run(new WasmKernel(KERNELS_SIMD, 'wasm-simd-f64', 'float64', 0))
    expect(maxRelative(viaWasm, viaJs)).toBeLessThan(1e-12)
  })
})

describe('WebAssembly elementwise passes', () => {
  it.each(['float64', 'float32'] as const)('%s: bias, relu, relu mask and column sums equal the JS loops', (precision) => {
    const wasm = new WasmKernel(KERNELS_SIMD, 'wasm-simd', precision, 0)
    const rows = 7
    const units = 11 // not a multiple of the lanes
    const random = new Random(99)
    const values = Array.from({ length: rows * units }, (_, i) => (i % 13 === 0 ? -0 : i % 17 === 0 ? Number.NaN : random.uniform(-2, 2)))
    const bias = Array.from({ length: units }, () => random.uniform(-1, 1))
    const run = (ew: Elementwise, alloc: (n: number) => Floats) => {
      const x = { Z: alloc(rows * units), H: alloc(rows * units), E: alloc(rows * units), b: alloc(units), db: alloc(units) }
      x.Z.set(values)
      x.E.set(values.map((v) => v * 3))
      x.b.set(bias)
      ew.addBias(x.Z, x.b, rows, units)
      ew.relu(x.Z, x.H, rows * units)
      ew.reluMask(x.Z, x.E, rows * units)
      ew.columnSums(x.E, x.db, rows, units, 1 / rows)
      return [x.Z, x.H, x.E, x.db].map((a) => Array.from(a))
    }
    const js = precision === 'float64' ? (n: number) => new Float64Array(n) : (n: number) => new Float32Array(n)
    const [ours, reference] = [run(wasm.elementwise, (n) => alloc(wasm, n)), run(jsElementwise, js)]
    expect(ours.slice(0, 3)).toEqual(reference.slice(0, 3))
    // float32 scales the column sums by fround(1/rows) in float32, JS by 1/rows in float64.
    if (precision === 'float64') expect(ours[3]).toEqual(reference[3])
    else expect(maxRelative(ours[3], reference[3])).toBeLessThan(1e-6)
  })
})

describe('WebAssembly SGD pass', () => {
  it.each(['float64', 'float32'] as const)('%s: every weight exactly w + (−lr·g) as the JS loop has it; ‖Δ‖² and Σ w close to its sums', (precision) => {
    const wasm = new WasmKernel(KERNELS_SIMD, 'wasm-simd', precision, 0)
    const n = 4099 // not a multiple of the lanes
    const random = new Random(5)
    const [w, g] = wasm.reserve([n, n]).views
    w.forEach((_, i) => (w[i] = random.uniform(-1, 1)))
    g.forEach((_, i) => (g[i] = random.uniform(-3, 3)))
    const lr = 0.037
    const expected = w.slice()
    const round = precision === 'float64' ? (x: number) => x : Math.fround
    let normSq = 0
    let sum = 0
    for (let i = 0; i < n; i++) {
      const delta = round(-round(lr) * g[i])
      expected[i] = round(w[i] + delta)
      normSq += delta * delta
      sum += expected[i]
    }
    const [w2, keep] = wasm.reserve([n, n]).views
    w2.set(w)
    const done = wasm.sgdStep(w, g, lr)!
    expect(Array.from(w)).toEqual(Array.from(expected))
    expect(Math.abs(done.normSq - normSq) / normSq).toBeLessThan(1e-12)
    expect(Math.abs(done.sum - sum) / Math.abs(sum)).toBeLessThan(1e-9)
    // Saving the old weights in the same pass changes nothing else.
    const before = w2.slice()
    expect(wasm.sgdStep(w2, g, lr, keep)).toEqual(done)
    expect(Array.from(w2)).toEqual(Array.from(w))
    expect(Array.from(keep)).toEqual(Array.from(before))
  })
})

describe('WebAssembly SIMD kernel (float32)', () => {
  it.each(SHAPES)('m=%i k=%i n=%i: all three products within 1e-5 of the float64 JS kernel', (m, k, n) => {
    const seed = m * 5 + k * 11 + n
    const ours = products(new WasmKernel(KERNELS_SIMD, 'wasm-simd-f32', 'float32', 0), m, k, n, seed)
    const reference = products(jsKernel, m, k, n, seed)
    expect(maxRelative(ours.Z, reference.Z)).toBeLessThan(1e-5)
    expect(maxRelative(ours.dW, reference.dW)).toBeLessThan(1e-5)
    expect(maxRelative(ours.Ep, reference.Ep)).toBeLessThan(1e-5)
    // …and it really ran in float32: the results are not the float64 ones.
    if (k > 4) expect(ours.Z).not.toEqual(reference.Z)
  })

  it('hands out Float32Array buffers and is chosen by precision', () => {
    const kernel = selectKernel('auto', 'float32')
    expect(kernel.name).toBe('wasm-simd-f32')
    expect(alloc(kernel, 3)).toBeInstanceOf(Float32Array)
    expect(alloc(selectKernel('js', 'float32'), 3)).toBeInstanceOf(Float32Array)
  })
})

describe('kernel selection', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('uses WebAssembly SIMD where relaxed SIMD is off (Node 20 without the flag)', () => {
    expect(canInstantiate(KERNELS_RELAXED)).toBe(false)
    expect(selectKernel().name).toBe('wasm-simd-f64')
  })

  it('falls back to the JS kernel where WebAssembly is missing', () => {
    vi.stubGlobal('WebAssembly', undefined)
    expect(selectKernel().name).toBe('js-f64')
    expect(() => selectKernel('wasm-simd')).toThrow(/cannot run/)
  })

  it('runs the relaxed-SIMD (fused multiply-add) module where the host enables it', () => {
    // Node 20 has relaxed SIMD behind a flag: check the module in a child process that sets it.
    const script = join(import.meta.dirname, 'wasm-relaxed.child.mjs')
    const result = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', script], { encoding: 'utf8' })
    expect(result.stderr).toBe('')
    const report = JSON.parse(result.stdout)
    expect(report.validated).toBe(true)
    expect(report.maxRelativeError).toBeLessThan(1e-13)
    expect(report.maxRelativeError).toBeGreaterThan(0) // fused: not the same roundings as mul + add
  })
})

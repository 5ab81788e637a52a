import { describe, expect, it } from 'vitest'
import { jsKernel, jsKernel32 } from '../math/js-kernel'
import { Random } from '../math/random'
import { Network } from './network'
import { gatherSource, Workspace } from './workspace'

describe('Workspace.gather', () => {
  // 40 inputs take the wide-row copy, 3 the loop: both must land every value where indexing puts it.
  it.each([
    ['float64', 40],
    ['float32', 40],
    ['float64', 3],
    ['float32', 3],
  ] as const)('%s, rows of %i values: the chosen rows, in order, converted as an assignment converts', (precision, d) => {
    const kernel = precision === 'float64' ? jsKernel : jsKernel32
    const network = new Network({ inputs: d, layers: [{ units: 2, activation: 'softmax' }], loss: 'softmax-cross-entropy' }, kernel)
    const random = new Random(7)
    const n = 20
    const X = Float64Array.from({ length: n * d }, () => random.uniform(-1, 1))
    const Y = Float64Array.from({ length: n * 2 }, () => random.uniform(0, 1))
    const order = Uint32Array.from([5, 19, 0, 7, 7, 3, 12])
    const ws = new Workspace(network, 5, kernel)
    ws.gather(X, Y, d, 2, order, 1, 5)
    const expectedX = new (precision === 'float64' ? Float64Array : Float32Array)(5 * d)
    const expectedY = new (precision === 'float64' ? Float64Array : Float32Array)(5 * 2)
    for (let r = 0; r < 5; r++) {
      for (let c = 0; c < d; c++) expectedX[r * d + c] = X[order[1 + r] * d + c]
      for (let c = 0; c < 2; c++) expectedY[r * 2 + c] = Y[order[1 + r] * 2 + c]
    }
    expect(ws.rows).toBe(5)
    expect(Array.from(ws.X)).toEqual(Array.from(expectedX))
    expect(Array.from(ws.Y)).toEqual(Array.from(expectedY))
    ws.release()
  })
})

describe('gatherSource', () => {
  it('copies wide rows to float32 for a float32 kernel only, and gathering from the copy gives the same batch', () => {
    const d = 40
    const network = new Network({ inputs: d, layers: [{ units: 2, activation: 'softmax' }], loss: 'softmax-cross-entropy' }, jsKernel32)
    const random = new Random(8)
    const X = Float64Array.from({ length: 10 * d }, () => random.uniform(-1, 1) / 3)
    const Y = new Float64Array(10 * 2)
    const source = gatherSource(X, d, jsKernel32)
    expect(source).toBeInstanceOf(Float32Array)
    expect(gatherSource(X, d, jsKernel)).toBe(X)
    expect(gatherSource(X.subarray(0, 30), 3, jsKernel32)).toBeInstanceOf(Float64Array) // narrow rows: the loop converts
    const order = Uint32Array.from([9, 2, 4])
    const [a, b] = [new Workspace(network, 3, jsKernel32), new Workspace(network, 3, jsKernel32)]
    a.gather(X, Y, d, 2, order, 0, 3)
    b.gather(source, Y, d, 2, order, 0, 3)
    expect(Array.from(b.X)).toEqual(Array.from(a.X))
  })
})

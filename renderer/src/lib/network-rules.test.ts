import { describe, expect, it } from 'vitest'
import { syntheticProject } from './presets'
import { conformOutput, estimateSize, networkWarnings } from './network-rules'
import type { LayerSpec } from '../../../engine/project/types'

const layers = (n: number, activation: LayerSpec['activation'], units = 8): LayerSpec[] => Array.from({ length: n }, () => ({ units, activation }))

describe('network rules', () => {
  it('keeps the output layer and loss consistent with the problem', () => {
    const base = { inputs: 2, layers: [{ units: 4, activation: 'tanh' as const }, { units: 1, activation: 'linear' as const }], loss: 'mse' as const }
    const multi = conformOutput(base, 'multiclass', 4)
    expect(multi.layers.at(-1)).toEqual({ units: 4, activation: 'softmax' })
    expect(multi.loss).toBe('softmax-cross-entropy')
    const binary = conformOutput(multi, 'binary', 1)
    expect(binary.layers.at(-1)).toEqual({ units: 1, activation: 'sigmoid' })
    expect(binary.loss).toBe('binary-cross-entropy')
    const regression = conformOutput(binary, 'regression', 1)
    expect(regression.layers.at(-1)?.activation).not.toBe('softmax')
    expect(regression.loss).toBe('mse')
    expect(conformOutput(multi, 'regression', 2).layers.at(-1)).toEqual({ units: 2, activation: 'linear' })
  })

  it('warns of vanishing gradients in a deep sigmoid stack, not in a shallow tanh one', () => {
    const deep = syntheticProject({ data: 'spiral', hidden: layers(10, 'sigmoid') })
    expect(networkWarnings({ network: deep.network, training: deep.training, problem: 'binary' }).join(' ')).toMatch(/vanish/)
    const shallow = syntheticProject({ data: 'spiral', hidden: layers(2, 'tanh') })
    expect(networkWarnings({ network: shallow.network, training: shallow.training, problem: 'binary' })).toEqual([])
  })

  it('estimates size and warns, with the estimate, when a network is huge', () => {
    const big = syntheticProject({ data: 'circle', hidden: layers(3, 'relu', 4000) })
    const size = estimateSize(big.network, big.training)
    expect(size.parameters).toBe(3 * 4000 + 2 * (4000 * 4000 + 4000) + 4001)
    const text = networkWarnings({ network: big.network, training: big.training, problem: 'binary' }).join(' ')
    expect(text).toMatch(/large: 32,0\d\d,\d{3} parameters, about \d+(\.\d)? [MG]B in memory/)
  })

  it('warns about a linear boundary on data that needs a curve, and a batch larger than the data', () => {
    const flat = syntheticProject({ data: 'xor', hidden: [] })
    const warnings = networkWarnings({ network: flat.network, training: { ...flat.training, batchSize: 1000 }, problem: 'binary', nonlinear: true, trainRows: 350 })
    expect(warnings.join(' ')).toMatch(/straight boundary/)
    expect(warnings.join(' ')).toMatch(/larger than the 350 training rows/)
  })
})

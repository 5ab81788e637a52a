import { describe, expect, it } from 'vitest'
import { serializeProject } from '../../engine/project/schema'
import { exceedsContainerBudget, MAX_JSON_CONTAINERS } from './json-budget'

describe('the JSON container budget', () => {
  it('refuses a flood of tiny arrays before anything parses it', () => {
    expect(exceedsContainerBudget('[' + '[],'.repeat(MAX_JSON_CONTAINERS) + '[]]')).toBe(true)
    expect(exceedsContainerBudget('{"a":' + '{"b":'.repeat(10) + '1' + '}'.repeat(11), 10)).toBe(true)
  })

  it('lets every project through: the worst layout (a one-column W, Adam) needs about 3 arrays per parameter', () => {
    const rows = 1000
    const layer = () => ({ W: Array.from({ length: rows }, () => [0]), b: [0] })
    const text = serializeProject({
      format: 'backprop-studio/project',
      version: 1,
      network: { inputs: rows, layers: [{ units: 1, activation: 'linear' }], loss: 'mse' },
      weights: [layer()],
      data: { source: 'synthetic', name: 'xor', samples: 10, noise: 0, trainFraction: 1 },
      training: { optimizer: { name: 'adam', learningRate: 0.1 }, batchSize: 1, epochs: 1, shuffle: false, seed: 1, regularization: { kind: 'none', rate: 0 } },
      optimizerState: { name: 'adam', t: 1, slots: { m: [layer()], v: [layer()] } },
    })
    const containers = (text.match(/[[{]/g) ?? []).length
    expect(containers / (rows + 1)).toBeLessThan(3.05)
    expect(exceedsContainerBudget(text)).toBe(false)
    expect(exceedsContainerBudget(text, containers - 1)).toBe(true)
  })
})

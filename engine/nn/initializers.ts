/**
 * Initial weights. All draws come from the seeded generator, layer by layer, W row-major;
 * biases start at 0.
 */
import type { Random } from '../math/random'
import type { InitializerSpec } from '../project/types'
import type { Network } from './network'

export const DEFAULT_INITIALIZER: InitializerSpec = { name: 'xavier-uniform' }
export const DEFAULT_UNIFORM_RANGE = 0.5

function drawWeight(spec: InitializerSpec, fanIn: number, fanOut: number, random: Random): number {
  switch (spec.name) {
    case 'zeros':
      return 0
    case 'uniform': {
      const range = spec.range ?? DEFAULT_UNIFORM_RANGE
      return random.uniform(-range, range)
    }
    case 'xavier-uniform': {
      const limit = Math.sqrt(6 / (fanIn + fanOut))
      return random.uniform(-limit, limit)
    }
    case 'xavier-normal':
      return random.normal(0, Math.sqrt(2 / (fanIn + fanOut)))
    case 'he-uniform': {
      const limit = Math.sqrt(6 / fanIn)
      return random.uniform(-limit, limit)
    }
    case 'he-normal':
      return random.normal(0, Math.sqrt(2 / fanIn))
  }
}

export function initializeWeights(network: Network, spec: InitializerSpec, random: Random): void {
  for (const layer of network.layers) {
    for (let p = 0; p < layer.W.length; p++) layer.W[p] = drawWeight(spec, layer.fanIn, layer.units, random)
    layer.b.fill(0)
  }
}

import { describe, expect, it } from 'vitest'
import { LIMITS, serializeProject } from '../project/schema'
import type { LayerWeights, ProjectFile } from '../project/types'
import { MAX_FRAME_BYTES, MAX_IPC_MESSAGE_BYTES, MAX_PROJECT_TEXT_CHARS, MAX_STRING_CHARS } from './size-limits'

/** The longest shortest-round-trip form of a float64 (24 characters). */
const LONGEST = -2.2250738585072014e-308

/** A trained Adam project whose every number is LONGEST, with layers `inputs → units… `. */
function worstProject(inputs: number, units: number[]): ProjectFile {
  const fanIns = [inputs, ...units.slice(0, -1)]
  const layer = (l: number): LayerWeights => ({ W: Array.from({ length: fanIns[l] }, () => new Array(units[l]).fill(LONGEST)), b: new Array(units[l]).fill(LONGEST) })
  const weights = () => units.map((_, l) => layer(l))
  return {
    format: 'backprop-studio/project',
    version: 1,
    name: 'n'.repeat(1000),
    network: { inputs, layers: units.map((n) => ({ units: n, activation: 'tanh' })), loss: 'mse' },
    weights: weights(),
    data: { source: 'synthetic', name: 'xor', samples: 100, noise: 0, trainFraction: 1 },
    training: { optimizer: { name: 'adam', learningRate: 0.01 }, batchSize: 10, epochs: 10, shuffle: true, seed: 1, regularization: { kind: 'none', rate: 0 } },
    optimizerState: { name: 'adam', t: 4_294_967_295, slots: { m: weights(), v: weights() } },
    progress: { epoch: 1, step: 1, rowInEpoch: 0, rngState: [1, 2, 3, 4, LONGEST] },
  }
}

const parameters = (inputs: number, units: number[]) => units.reduce((sum, n, l) => sum + ((l === 0 ? inputs : units[l - 1]) + 1) * n, 0)

describe('the size limits of a project', () => {
  it.each([
    ['one number per line (a one-column W)', [40, 80], (n: number) => [n, [1]] as const],
    ['square layers', [40, 80], (n: number) => [2, [n, n, 1]] as const],
    ['the most layers', [2, 3], (n: number) => [2, Array.from({ length: LIMITS.layers }, () => n)] as const],
  ])('a trained project at the parameter limit fits MAX_PROJECT_TEXT_CHARS: %s', (_name, sizes, shape) => {
    // Text length is affine in the parameter count for a fixed layout: measure two sizes, extrapolate.
    const [small, large] = sizes.map((n) => {
      const [inputs, units] = shape(n)
      return { params: parameters(inputs, [...units]), chars: serializeProject(worstProject(inputs, [...units])).length }
    })
    const perParameter = (large.chars - small.chars) / (large.params - small.params)
    const atLimit = small.chars + perParameter * (LIMITS.parameters - small.params)
    expect(perParameter).toBeGreaterThan(60)
    expect(atLimit).toBeLessThanOrEqual(MAX_PROJECT_TEXT_CHARS)
  })

  it('fits what one string and one Electron IPC message hold, and a frame carries it', () => {
    expect(MAX_PROJECT_TEXT_CHARS).toBeLessThan(MAX_STRING_CHARS)
    // The text is ASCII (names aside): structured clone writes it one byte per character.
    expect(MAX_PROJECT_TEXT_CHARS).toBeLessThan(MAX_IPC_MESSAGE_BYTES)
    expect(MAX_FRAME_BYTES).toBeGreaterThan(MAX_PROJECT_TEXT_CHARS + LIMITS.parameters * 3 * 8)
  })
})

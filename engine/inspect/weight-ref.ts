/** Reading and writing one parameter by its reference (W[i][j] of a layer, or its bias b[j]). */
import type { Floats } from '../math/kernel'
import type { Network } from '../nn/network'
import type { WeightRef } from '../protocol'

/** A clear message when the reference does not exist in this network, else null. */
export function checkWeightRef(network: Network, ref: WeightRef): string | null {
  const layer = network.layers[ref.layer]
  if (!Number.isInteger(ref.layer) || !layer) return `layer ${ref.layer} does not exist (the network has ${network.layers.length})`
  if (!Number.isInteger(ref.j) || ref.j < 0 || ref.j >= layer.units) return `unit ${ref.j} does not exist in layer ${ref.layer} (${layer.units} units)`
  if (ref.i !== 'bias' && (!Number.isInteger(ref.i) || ref.i < 0 || ref.i >= layer.fanIn)) {
    return `input ${ref.i} does not exist for layer ${ref.layer} (${layer.fanIn} inputs)`
  }
  return null
}

/** Flat index of the parameter in its array (W or b). */
export function flatIndex(network: Network, ref: WeightRef): number {
  return ref.i === 'bias' ? ref.j : ref.i * network.layers[ref.layer].units + ref.j
}

export function arrayOf(network: Network, ref: WeightRef): Floats {
  const layer = network.layers[ref.layer]
  return ref.i === 'bias' ? layer.b : layer.W
}

export function getParameter(network: Network, ref: WeightRef): number {
  return arrayOf(network, ref)[flatIndex(network, ref)]
}

export function setParameter(network: Network, ref: WeightRef, value: number): void {
  arrayOf(network, ref)[flatIndex(network, ref)] = value
}

/** Every parameter of a layer (weights row by row, then biases), or of the whole network. */
export function allRefs(network: Network, layer?: number): WeightRef[] {
  const layers = layer === undefined ? network.layers.map((_, l) => l) : [layer]
  return layers.flatMap((l) => {
    const { fanIn, units } = network.layers[l]
    const refs: WeightRef[] = []
    for (let i = 0; i < fanIn; i++) for (let j = 0; j < units; j++) refs.push({ layer: l, i, j })
    for (let j = 0; j < units; j++) refs.push({ layer: l, i: 'bias', j })
    return refs
  })
}

/**
 * Per-layer health of the last batch, computed from the memoized buffers on demand (only when
 * a progress message goes out, not every step).
 */
import type { Floats } from '../math/kernel'
import { derivativeAt } from '../nn/activations'
import type { LayerStats } from '../protocol'
import type { Network } from '../nn/network'
import type { Workspace } from '../nn/workspace'

/** |R'(z)| below this counts as saturated. */
const SATURATION = 0.01

function norm(a: Floats, length = a.length): number {
  let s = 0
  for (let p = 0; p < length; p++) s += a[p] * a[p]
  return Math.sqrt(s)
}

export function layerStats(network: Network, ws: Workspace, updateNormSq: Floats): LayerStats[] {
  const rows = Math.max(ws.rows, 1)
  return network.layers.map((layer, l) => {
    const { Z, H, E, dW } = ws.layers[l]
    const units = layer.units
    let derivativeSum = 0
    const positive = new Uint32Array(units)
    const saturated = new Uint32Array(units)
    for (let r = 0; r < ws.rows; r++) {
      for (let j = 0; j < units; j++) {
        const p = r * units + j
        const d = Math.abs(derivativeAt(layer.activation, Z[p], H[p], layer.alpha))
        derivativeSum += d
        if (Z[p] > 0) positive[j]++
        if (d < SATURATION) saturated[j]++
      }
    }
    const squashing = layer.activation === 'sigmoid' || layer.activation === 'tanh'
    return {
      layer: l,
      gradNorm: norm(dW),
      errorNorm: norm(E, ws.rows * units) / rows,
      meanDerivative: derivativeSum / (rows * units),
      updateRatio: Math.sqrt(updateNormSq[l]) / (norm(layer.W) || 1),
      deadUnits: layer.activation === 'relu' && ws.rows > 0 ? positive.filter((c) => c === 0).length : 0,
      saturatedUnits: squashing ? saturated.filter((c) => c > ws.rows / 2).length : 0,
    }
  })
}

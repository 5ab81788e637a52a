/**
 * Per-layer health of the last batch, computed from the memoized buffers on demand (only when
 * a progress message goes out, not every step).
 */
import type { Floats } from '../math/kernel'
import { ACTIVATIONS } from '../nn/activations'
import type { LayerStats } from '../protocol'
import type { Layer, Network } from '../nn/network'
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
    const { E, dW } = ws.layers[l]
    const units = layer.units
    const counts = { positive: new Uint32Array(units), saturated: new Uint32Array(units) }
    let derivativeSum = 0
    for (let r = 0; r < ws.rows; r++) derivativeSum += rowDerivatives(layer, ws.layers[l], r, counts)
    const squashing = layer.activation === 'sigmoid' || layer.activation === 'tanh'
    return {
      layer: l,
      gradNorm: norm(dW),
      errorNorm: norm(E, ws.rows * units) / rows,
      meanDerivative: derivativeSum / (rows * units),
      updateRatio: Math.sqrt(updateNormSq[l]) / (norm(layer.W) || 1),
      deadUnits: layer.activation === 'relu' && ws.rows > 0 ? counts.positive.filter((c) => c === 0).length : 0,
      saturatedUnits: squashing ? counts.saturated.filter((c) => c > ws.rows / 2).length : 0,
    }
  })
}

/**
 * Row r's sum of |R'(Z)|, counting per unit a positive Z and a saturated R'. One small function
 * with R' looked up once: a 100,000-unit layer's first call (not yet optimized) took 200 ms with
 * the lookup per value, and it runs in the progress message Pause may wait behind.
 */
function rowDerivatives(layer: Layer, { Z, H }: { Z: Floats; H: Floats }, r: number, counts: { positive: Uint32Array; saturated: Uint32Array }): number {
  const { units, alpha } = layer
  const derivative = ACTIVATIONS[layer.activation].derivative
  const { positive, saturated } = counts
  let sum = 0
  for (let j = 0, p = r * units; j < units; j++, p++) {
    const z = Z[p]
    const d = Math.abs(derivative(z, H[p], alpha))
    sum += d
    if (z > 0) positive[j]++
    if (d < SATURATION) saturated[j]++
  }
  return sum
}

/**
 * Gradient health from the engine's per-layer statistics: a layer whose ‖dC/dW‖ falls below a
 * millionth of the output layer's is vanishing; one whose gradient norm is huge, or whose update
 * is a large fraction of its weights, is exploding.
 */
import type { LayerStats } from '../../../engine/protocol'

export const VANISHING_RATIO = 1e-6
export const EXPLODING_NORM = 1e3
export const EXPLODING_UPDATE_RATIO = 0.5

export type LayerHealth = 'ok' | 'vanishing' | 'exploding'

export function layerHealth(stats: readonly LayerStats[]): LayerHealth[] {
  const output = stats[stats.length - 1]?.gradNorm ?? 0
  return stats.map((s) => {
    if (!Number.isFinite(s.gradNorm) || s.gradNorm > EXPLODING_NORM || s.updateRatio > EXPLODING_UPDATE_RATIO) return 'exploding'
    if (output > 0 && s.gradNorm < VANISHING_RATIO * output) return 'vanishing'
    return 'ok'
  })
}

/** Plain warnings for the health panel, naming the layers (1-based, as the diagram shows them). */
export function healthWarnings(stats: readonly LayerStats[]): string[] {
  const health = layerHealth(stats)
  const named = (kind: LayerHealth) => health.flatMap((h, l) => (h === kind ? [l + 1] : []))
  const warnings: string[] = []
  const vanishing = named('vanishing')
  if (vanishing.length > 0) {
    warnings.push(
      `Vanishing gradients in layer ${vanishing.join(', ')}: ‖dC/dW‖ is below ${VANISHING_RATIO} of the output layer's. ` +
        'The early layers barely learn; try ReLU or tanh instead of sigmoid, fewer layers, or He/Xavier initialization.',
    )
  }
  const exploding = named('exploding')
  if (exploding.length > 0) {
    warnings.push(`Exploding gradients in layer ${exploding.join(', ')}: lower the learning rate or add regularization.`)
  }
  return warnings
}

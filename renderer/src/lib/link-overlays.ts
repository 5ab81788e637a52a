/**
 * What the diagram's links can be coloured by: the weights, their gradients (last batch), the
 * last update ΔW (this snapshot minus the one before) or the update/weight ratio |ΔW| / |W|.
 */
import type { WeightSnapshot } from '../../../engine/protocol'
import type { LinkValues } from './diagram-draw'

export type OverlayMode = 'weight' | 'gradient' | 'update' | 'ratio'

const difference = (now: Float64Array, before: Float64Array): Float64Array => now.map((x, p) => x - (before[p] ?? x))
const ratio = (now: Float64Array, before: Float64Array): Float64Array =>
  now.map((x, p) => Math.abs(x - (before[p] ?? x)) / Math.max(Math.abs(x), 1e-12))

export function overlayValues(mode: OverlayMode, snapshot: WeightSnapshot, previous: WeightSnapshot | null): LinkValues {
  const layers = snapshot.layers
  if (mode === 'weight') return { W: layers.map((l) => l.W), b: layers.map((l) => l.b) }
  if (mode === 'gradient') return { W: layers.map((l) => l.dW), b: layers.map((l) => l.db) }
  // No earlier snapshot of this shape yet: no update to show.
  const before = previous && previous.layers.length === layers.length && previous.layers.every((l, i) => l.W.length === layers[i].W.length) ? previous.layers : layers
  const combine = mode === 'update' ? difference : ratio
  return { W: layers.map((l, i) => combine(l.W, before[i].W)), b: layers.map((l, i) => combine(l.b, before[i].b)) }
}

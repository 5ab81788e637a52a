import { describe, expect, it } from 'vitest'
import { overlayValues } from './link-overlays'
import type { WeightSnapshot } from '../../../engine/protocol'

const snap = (W: number[], b: number[], dW: number[] = W.map(() => 0)): WeightSnapshot => ({
  layers: [{ rows: 1, cols: W.length, W: Float64Array.from(W), b: Float64Array.from(b), dW: Float64Array.from(dW), db: new Float64Array(b.length) }],
})

describe('diagram overlays', () => {
  it('colours by weight or gradient straight from the snapshot', () => {
    const now = snap([1, -2], [0.5, 0], [0.1, 0.2])
    expect(Array.from(overlayValues('weight', now, null).W[0])).toEqual([1, -2])
    expect(Array.from(overlayValues('gradient', now, null).W[0])).toEqual([0.1, 0.2])
  })

  it('shows the last update and the update/weight ratio against the previous snapshot', () => {
    const before = snap([1, -2], [0.5, 0])
    const now = snap([1.5, -1], [0.25, 0])
    expect(Array.from(overlayValues('update', now, before).W[0])).toEqual([0.5, 1])
    expect(Array.from(overlayValues('ratio', now, before).W[0])).toEqual([0.5 / 1.5, 1])
    expect(Array.from(overlayValues('update', now, before).b[0])).toEqual([-0.25, 0])
    // No earlier snapshot of this shape: no update.
    expect(Array.from(overlayValues('update', now, null).W[0])).toEqual([0, 0])
  })
})

/**
 * Predicted against true values (regression) on a canvas: one dot per sample, the diagonal
 * y = x where a perfect fit lies, both axes over the same range with their end values.
 */
import { css, INK, POSITIVE, type Scheme } from './colors'

export interface FitRange {
  min: number
  max: number
}

/** One range for both axes, covering every finite value, with a little margin. */
export function fitRange(target: ArrayLike<number>, predicted: ArrayLike<number>): FitRange {
  let min = Infinity
  let max = -Infinity
  for (const values of [target, predicted]) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      if (!Number.isFinite(v)) continue
      if (v < min) min = v
      if (v > max) max = v
    }
  }
  if (!Number.isFinite(min)) return { min: 0, max: 1 }
  const margin = (max - min || Math.abs(max) || 1) * 0.05
  return { min: min - margin, max: max + margin }
}

export function drawFit(ctx: CanvasRenderingContext2D, target: ArrayLike<number>, predicted: ArrayLike<number>, range: FitRange, size: number, scheme: Scheme): void {
  const ink = INK[scheme]
  const scale = size / (range.max - range.min)
  const at = (v: number) => (v - range.min) * scale
  ctx.strokeStyle = ink.grid
  ctx.lineWidth = 1
  ctx.strokeRect(0.5, 0.5, size - 1, size - 1)
  ctx.strokeStyle = ink.muted
  ctx.setLineDash([5, 4])
  ctx.beginPath()
  ctx.moveTo(0, size)
  ctx.lineTo(size, 0)
  ctx.stroke()
  ctx.setLineDash([])
  ctx.fillStyle = css(POSITIVE, 0.65)
  const path = new Path2D()
  for (let i = 0; i < target.length; i++) {
    const x = at(target[i])
    const y = size - at(predicted[i])
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue
    path.moveTo(x + 2.5, y)
    path.arc(x, y, 2.5, 0, 2 * Math.PI)
  }
  ctx.fill(path)
}

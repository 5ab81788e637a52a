/** Draws 2-D points coloured by their target on a canvas (thumbnails, the data plot, the output plot). */
import { classColor, css, divergingColor, INK, type Scheme } from './colors'

export interface ScatterSet {
  points: Float64Array
  /** n × k targets (k = 1: a class 0/1 or a regression value; k > 1: one-hot). */
  targets: Float64Array
  k: number
  regression: boolean
  /** Outlined instead of filled (test points). */
  hollow?: boolean
}

export interface ScatterView {
  bounds: readonly [number, number, number, number]
  width: number
  height: number
  radius: number
  scheme: Scheme
  /** Outline filled points (when they lie on a coloured background). */
  outline?: boolean
}

export function targetScale(set: Pick<ScatterSet, 'targets'>): number {
  let max = 0
  for (const v of set.targets) if (Math.abs(v) > max) max = Math.abs(v)
  return max || 1
}

function colorOf(set: ScatterSet, i: number, scale: number, scheme: Scheme): string {
  if (set.k > 1) {
    let best = 0
    for (let c = 1; c < set.k; c++) if (set.targets[i * set.k + c] > set.targets[i * set.k + best]) best = c
    return css(classColor(best))
  }
  const y = set.targets[i]
  // Regression points near 0 would take the background's neutral: keep them a third coloured at least.
  if (set.regression) return css(divergingColor(Math.sign(y) * (0.35 + 0.65 * Math.min(1, Math.abs(y) / scale)), scheme))
  return css(classColor(y >= 0.5 ? 1 : 0))
}

export function drawScatter(ctx: CanvasRenderingContext2D, sets: ScatterSet[], view: ScatterView): void {
  const [x1min, x1max, x2min, x2max] = view.bounds
  const sx = view.width / (x1max - x1min || 1)
  const sy = view.height / (x2max - x2min || 1)
  const ink = INK[view.scheme]
  // Filled points on a heatmap get a light outline, so they stand out on their own class's colour.
  const outline = view.scheme === 'dark' ? 'rgb(240 240 240 / 0.6)' : 'rgb(255 255 255 / 0.9)'
  const scale = Math.max(...sets.map(targetScale))
  for (const set of sets) {
    const n = set.points.length / 2
    ctx.lineWidth = set.hollow ? 1.5 : 1
    for (let i = 0; i < n; i++) {
      const x = (set.points[2 * i] - x1min) * sx
      const y = (x2max - set.points[2 * i + 1]) * sy
      ctx.beginPath()
      ctx.arc(x, y, view.radius, 0, 2 * Math.PI)
      const color = colorOf(set, i, scale, view.scheme)
      if (set.hollow) {
        ctx.fillStyle = ink.point
        ctx.fill()
        ctx.strokeStyle = color
        ctx.stroke()
      } else {
        ctx.fillStyle = color
        ctx.fill()
        if (view.outline) {
          ctx.strokeStyle = outline
          ctx.stroke()
        }
      }
    }
  }
}

/** A canvas sized for the device's pixel ratio; returns its 2-D context scaled to CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = Math.min(2, window.devicePixelRatio || 1)
  const w = Math.round(width * ratio)
  const h = Math.round(height * ratio)
  if (canvas.width !== w) canvas.width = w
  if (canvas.height !== h) canvas.height = h
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
  ctx.clearRect(0, 0, width, height)
  return ctx
}

/** Draws on a detached canvas and returns it as a PNG data URL (for pictures that rarely change: one <img>, no live canvas). */
export function renderToDataUrl(width: number, height: number, draw: (ctx: CanvasRenderingContext2D) => void): string {
  const canvas = document.createElement('canvas')
  const ctx = prepareCanvas(canvas, width, height)
  if (!ctx) return ''
  draw(ctx)
  try {
    return canvas.toDataURL('image/png')
  } catch {
    return ''
  }
}

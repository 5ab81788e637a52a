/**
 * A bounded curve: points (x increasing, for example the step) fall into buckets of equal
 * x-width; each bucket keeps only its lowest and its highest point. When there are more than
 * `capacity` buckets the width doubles and neighbours merge, so memory stays flat however long
 * training runs, and every extreme (a spike, the best loss) survives the thinning.
 */
export interface CurvePoint {
  x: number
  y: number
}

interface Bucket {
  index: number
  min: CurvePoint
  max: CurvePoint
}

export class MinMaxSeries {
  private buckets: Bucket[] = []
  private width = 1
  /** The points to draw, in x order (1 or 2 per bucket), kept in step with the buckets. */
  readonly points: CurvePoint[] = []
  /** Bumped on every change, so a chart knows when to redraw. */
  version = 0
  private added = 0

  constructor(readonly capacity = 1000) {
    if (!(capacity >= 2)) throw new Error('a series needs room for at least 2 buckets')
  }

  /** Points ever added (not kept). */
  get count(): number {
    return this.added
  }

  get last(): CurvePoint | undefined {
    return this.points.at(-1)
  }

  add(x: number, y: number): void {
    if (!Number.isFinite(y) || !Number.isFinite(x)) return
    this.added++
    this.version++
    const index = Math.floor(x / this.width)
    const current = this.buckets.at(-1)
    if (current && current.index >= index) {
      this.points.length -= current.min === current.max ? 1 : 2
      if (y < current.min.y) current.min = { x, y }
      if (y > current.max.y) current.max = { x, y }
      this.emit(current)
      return
    }
    const point = { x, y }
    const bucket = { index, min: point, max: point }
    this.buckets.push(bucket)
    this.emit(bucket)
    if (this.buckets.length > this.capacity) this.compact()
  }

  clear(): void {
    this.buckets = []
    this.points.length = 0
    this.width = 1
    this.added = 0
    this.version++
  }

  /** Forgets every point beyond x (a bucket straddling x keeps its points up to x). */
  truncateAfter(x: number): void {
    const kept: Bucket[] = []
    for (const bucket of this.buckets) {
      const points = [bucket.min, bucket.max].filter((p) => p.x <= x)
      if (points.length === 0) continue
      const min = points.reduce((a, b) => (b.y < a.y ? b : a))
      const max = points.reduce((a, b) => (b.y > a.y ? b : a))
      kept.push({ index: bucket.index, min, max })
    }
    if (kept.length === this.buckets.length && kept.every((b, i) => b.min === this.buckets[i].min && b.max === this.buckets[i].max)) return
    this.buckets = kept
    this.points.length = 0
    for (const bucket of kept) this.emit(bucket)
    this.version++
  }

  /** A copy of the points (for an overlay that must not change). */
  snapshot(): CurvePoint[] {
    return this.points.map((p) => ({ ...p }))
  }

  private emit(bucket: Bucket): void {
    const { min, max } = bucket
    if (min === max) this.points.push(min)
    else if (min.x <= max.x) this.points.push(min, max)
    else this.points.push(max, min)
  }

  /** Doubles the bucket width until the buckets fit, merging neighbours (min of mins, max of maxes). */
  private compact(): void {
    while (this.buckets.length > this.capacity) {
      this.width *= 2
      const merged: Bucket[] = []
      for (const bucket of this.buckets) {
        const index = Math.floor(bucket.index / 2)
        const into = merged.at(-1)
        if (into && into.index === index) {
          if (bucket.min.y < into.min.y) into.min = bucket.min
          if (bucket.max.y > into.max.y) into.max = bucket.max
        } else {
          merged.push({ index, min: bucket.min, max: bucket.max })
        }
      }
      this.buckets = merged
    }
    this.points.length = 0
    for (const bucket of this.buckets) this.emit(bucket)
  }
}

/**
 * Exponential moving average with TensorBoard's debiasing (the first points are not dragged
 * toward zero). `weight` 0 returns the points as they are; 0.99 is very smooth.
 */
export function smoothPoints(points: readonly CurvePoint[], weight: number, out: CurvePoint[] = []): CurvePoint[] {
  out.length = points.length
  let last = 0
  let debias = 1
  for (let i = 0; i < points.length; i++) {
    const { x, y } = points[i]
    last = last * weight + (1 - weight) * y
    debias *= weight
    const value = weight > 0 ? last / (1 - debias) : y
    const slot = out[i]
    if (slot) {
      slot.x = x
      slot.y = value
    } else {
      out[i] = { x, y: value }
    }
  }
  return out
}

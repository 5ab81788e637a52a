/**
 * Seeded 2-D data sets in the spirit of TensorFlow Playground's `dataset.ts`, as Datasets.
 *
 * Points span roughly [-6, 6]². `noise` runs from 0 to 1; 1 is the top of Playground's noise
 * slider (its 50 %), scaled to each geometry as described per generator. Classes are
 * interleaved (row i belongs to class i mod k), so every class gets its share of the rows
 * within one and any prefix of the rows is balanced. Every random draw comes from one
 * `Random(seed)`: the same seed gives the same data, bit for bit.
 */
import { Random } from '../math/random'
import type { SyntheticName } from '../project/types'
import type { Dataset, ProblemKind } from './dataset'

export interface SyntheticOptions {
  samples: number
  /** 0 (none) to 1 (heavy). */
  noise: number
  /** Classes of the k-class sets, 2 to 10; DEFAULT_CLASSES when absent. Ignored by the others. */
  classes?: number
  seed: number
}

export const DEFAULT_CLASSES = 3
export const MIN_CLASSES = 2
export const MAX_CLASSES = 10

/** What a generator fills: points (n × 2) and one value per row (class index or regression target). */
interface Draw {
  n: number
  k: number
  noise: number
  random: Random
  points: Float64Array
  values: Float64Array
}

type Generator = (draw: Draw) => void

const GENERATORS: Readonly<Record<SyntheticName, Generator>> = Object.freeze({
  circle: drawCircle,
  xor: drawXor,
  gaussian: drawTwoGaussians,
  spiral: drawSpirals,
  'k-class-spiral': drawSpirals,
  'k-class-gaussian': drawGaussianRing,
  'regression-plane': drawPlane,
  'regression-gaussian': drawGaussianBumps,
})

export function syntheticKind(name: SyntheticName): ProblemKind {
  if (name === 'k-class-spiral' || name === 'k-class-gaussian') return 'multiclass'
  if (name === 'regression-plane' || name === 'regression-gaussian') return 'regression'
  return 'binary'
}

/** Classes a set has: k for the k-class sets, 2 for the binary ones, 0 for regression. */
export function syntheticClasses(name: SyntheticName, classes?: number): number {
  const kind = syntheticKind(name)
  if (kind === 'multiclass') return classes ?? DEFAULT_CLASSES
  return kind === 'binary' ? 2 : 0
}

/** Outputs a network needs for the set: k (one-hot) for k-class sets, else 1. */
export function syntheticOutputs(name: SyntheticName, classes?: number): number {
  return syntheticKind(name) === 'multiclass' ? syntheticClasses(name, classes) : 1
}

export function generateSynthetic(name: SyntheticName, options: SyntheticOptions): Dataset {
  const { samples: n, noise } = options
  if (!Number.isInteger(n) || n < 1) throw new Error(`samples must be a positive integer, got ${n}`)
  if (!(noise >= 0 && noise <= 1)) throw new Error(`noise must be between 0 and 1, got ${noise}`)
  const kind = syntheticKind(name)
  const k = syntheticClasses(name, options.classes)
  if (kind === 'multiclass' && !(Number.isInteger(k) && k >= MIN_CLASSES && k <= MAX_CLASSES)) {
    throw new Error(`classes must be an integer from ${MIN_CLASSES} to ${MAX_CLASSES}, got ${k}`)
  }
  const draw: Draw = { n, k, noise, random: new Random(options.seed), points: new Float64Array(2 * n), values: new Float64Array(n) }
  GENERATORS[name](draw)
  return toDataset(draw, kind)
}

function toDataset(draw: Draw, kind: ProblemKind): Dataset {
  const { n, k, points, values } = draw
  // The raw inputs are the point: X and points share one array (data sets are read-only).
  const common = { n, d: 2, X: points, points, inputNames: ['x1', 'x2'] }
  if (kind === 'multiclass') {
    const Y = new Float64Array(n * k)
    for (let i = 0; i < n; i++) Y[i * k + values[i]] = 1
    const classes = Array.from({ length: k }, (_, c) => `class ${c}`)
    return { ...common, k, Y, targetNames: classes, kind, classes }
  }
  if (kind === 'binary') return { ...common, k: 1, Y: values, targetNames: ['y'], kind, classes: ['0', '1'] }
  return { ...common, k: 1, Y: values, targetNames: ['y'], kind }
}

/** Playground's noise amplitude: its slider tops out at 0.5 where ours reaches 1. */
function playgroundNoise(noise: number): number {
  return noise / 2
}

/**
 * Class 1 inside radius 2.5, class 0 in the ring 3.5..5. Noise moves the point used for the
 * label (not the drawn point) by up to ±5·noise/2 per axis, so labels near the edge flip.
 */
function drawCircle({ n, noise, random, points, values }: Draw): void {
  const radius = 5
  const shift = radius * playgroundNoise(noise)
  for (let i = 0; i < n; i++) {
    const inside = i % 2 === 0
    const r = inside ? random.uniform(0, radius * 0.5) : random.uniform(radius * 0.7, radius)
    const angle = random.uniform(0, 2 * Math.PI)
    const x1 = r * Math.sin(angle)
    const x2 = r * Math.cos(angle)
    const n1 = x1 + random.uniform(-shift, shift)
    const n2 = x2 + random.uniform(-shift, shift)
    points[2 * i] = x1
    points[2 * i + 1] = x2
    values[i] = Math.hypot(n1, n2) < radius * 0.5 ? 1 : 0
  }
}

/** Class 1 where x1·x2 ≥ 0; points kept 0.3 off the axes; noise as for the circle (±5·noise/2). */
function drawXor({ n, noise, random, points, values }: Draw): void {
  const padding = 0.3
  const shift = 5 * playgroundNoise(noise)
  for (let i = 0; i < n; i++) {
    let x1 = random.uniform(-5, 5)
    x1 += x1 > 0 ? padding : -padding
    let x2 = random.uniform(-5, 5)
    x2 += x2 > 0 ? padding : -padding
    const n1 = x1 + random.uniform(-shift, shift)
    const n2 = x2 + random.uniform(-shift, shift)
    points[2 * i] = x1
    points[2 * i + 1] = x2
    values[i] = n1 * n2 >= 0 ? 1 : 0
  }
}

/** Class 1 around (2, 2), class 0 around (-2, -2); variance grows from 0.5 to 4 with noise. */
function drawTwoGaussians({ n, noise, random, points, values }: Draw): void {
  const std = Math.sqrt(0.5 + 3.5 * noise)
  for (let i = 0; i < n; i++) {
    const label = i % 2 === 0 ? 1 : 0
    const center = label === 1 ? 2 : -2
    points[2 * i] = random.normal(center, std)
    points[2 * i + 1] = random.normal(center, std)
    values[i] = label
  }
}

/**
 * k arms from the origin, arm c turned by 2πc/k (two arms as in Playground: class 1 at angle
 * offset 0, class 0 at π). The radius grows to 5 over 1.75 turns; noise adds up to ±noise/2
 * per axis.
 */
function drawSpirals({ n, k, noise, random, points, values }: Draw): void {
  const perClass = Math.ceil(n / k)
  const shift = playgroundNoise(noise)
  for (let i = 0; i < n; i++) {
    const c = i % k
    const j = Math.floor(i / k)
    const r = (j / perClass) * 5
    // Two classes: class 1 is Playground's positive arm (offset 0), class 0 its negative (π).
    const offset = k === 2 ? (c === 1 ? 0 : Math.PI) : (2 * Math.PI * c) / k
    const t = ((1.75 * j) / perClass) * 2 * Math.PI + offset
    points[2 * i] = r * Math.sin(t) + random.uniform(-shift, shift)
    points[2 * i + 1] = r * Math.cos(t) + random.uniform(-shift, shift)
    values[i] = c
  }
}

/** k blobs on a circle of radius 4; their standard deviation grows from 0.3 to 1.5 with noise. */
function drawGaussianRing({ n, k, noise, random, points, values }: Draw): void {
  const std = 0.3 + 1.2 * noise
  for (let i = 0; i < n; i++) {
    const c = i % k
    const angle = (2 * Math.PI * c) / k + Math.PI / 4
    points[2 * i] = random.normal(4 * Math.cos(angle), std)
    points[2 * i + 1] = random.normal(4 * Math.sin(angle), std)
    values[i] = c
  }
}

/**
 * Regression sets: points uniform over [-6, 6]², each target read at the point moved by up to
 * ±6·noise/2 per axis (the noise is in the reading, not in where the point is drawn).
 */
function drawRegression({ n, noise, random, points, values }: Draw, surface: (x1: number, x2: number) => number): void {
  const radius = 6
  const shift = radius * playgroundNoise(noise)
  for (let i = 0; i < n; i++) {
    const x1 = random.uniform(-radius, radius)
    const x2 = random.uniform(-radius, radius)
    const n1 = x1 + random.uniform(-shift, shift)
    const n2 = x2 + random.uniform(-shift, shift)
    points[2 * i] = x1
    points[2 * i + 1] = x2
    values[i] = surface(n1, n2)
  }
}

/** y = (x1 + x2) / 10: |y| ≤ 1.2 + 0.6·noise. */
function drawPlane(draw: Draw): void {
  drawRegression(draw, (x1, x2) => (x1 + x2) / 10)
}

/** Playground's six signed bumps: y in [-1, 1], the strongest bump within distance 2 wins. */
const BUMPS: readonly (readonly [number, number, number])[] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
]

function bumpValue(x1: number, x2: number): number {
  let value = 0
  for (const [c1, c2, sign] of BUMPS) {
    const strength = Math.max(0, 1 - Math.hypot(x1 - c1, x2 - c2) / 2)
    if (strength > Math.abs(value)) value = sign * strength
  }
  return value
}

/** The six bumps. */
function drawGaussianBumps(draw: Draw): void {
  drawRegression(draw, bumpValue)
}

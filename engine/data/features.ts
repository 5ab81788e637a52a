/**
 * The 2-D feature map (as TensorFlow Playground offers it): from a raw point (x1, x2) to the
 * network's input row, one value per chosen feature.
 */
import { FEATURE_NAMES, type FeatureName } from '../project/types'

export { FEATURE_NAMES, type FeatureName }

/** The features fed to the network when a project names none: the raw point. */
export const DEFAULT_FEATURES: readonly FeatureName[] = ['x1', 'x2']

type FeatureFunction = (x1: number, x2: number) => number

const FEATURE_FUNCTIONS: Readonly<Record<FeatureName, FeatureFunction>> = Object.freeze({
  x1: (x1: number) => x1,
  x2: (_x1: number, x2: number) => x2,
  'x1^2': (x1: number) => x1 * x1,
  'x2^2': (_x1: number, x2: number) => x2 * x2,
  'x1*x2': (x1: number, x2: number) => x1 * x2,
  'sin(x1)': (x1: number) => Math.sin(x1),
  'sin(x2)': (_x1: number, x2: number) => Math.sin(x2),
})

export function isFeatureName(name: unknown): name is FeatureName {
  return typeof name === 'string' && (FEATURE_NAMES as readonly string[]).includes(name)
}

/** The value of one feature at (x1, x2). */
export function featureValue(name: FeatureName, x1: number, x2: number): number {
  return FEATURE_FUNCTIONS[name](x1, x2)
}

/** Writes the features of (x1, x2) into out[offset ..< offset + features.length]. */
export type FeatureMap = (x1: number, x2: number, out: Float64Array, offset: number) => void

/**
 * Compiles a feature list into one function, so the per-row loop does no name lookups.
 * Throws on an empty list, an unknown name or a repeated one.
 */
export function createFeatureMap(features: readonly FeatureName[]): FeatureMap {
  checkFeatures(features)
  const functions = features.map((name) => FEATURE_FUNCTIONS[name])
  const count = functions.length
  return (x1, x2, out, offset) => {
    for (let f = 0; f < count; f++) out[offset + f] = functions[f](x1, x2)
  }
}

/** Maps n raw points (row-major n × 2) to the n × features.length feature matrix. */
export function applyFeatures(points: Float64Array, n: number, features: readonly FeatureName[]): Float64Array {
  const map = createFeatureMap(features)
  const width = features.length
  const out = new Float64Array(n * width)
  for (let i = 0; i < n; i++) map(points[2 * i], points[2 * i + 1], out, i * width)
  return out
}

/**
 * A feature's display name with the raw inputs' names substituted (x1 → rawNames[0]), so a CSV
 * feature reads as, say, 'sin(height)'. Raw names x1, x2 leave it unchanged.
 */
export function featureLabel(name: FeatureName, rawNames: readonly [string, string]): string {
  return name.replace(/x([12])/g, (_match, index: string) => rawNames[Number(index) - 1])
}

function checkFeatures(features: readonly FeatureName[]): void {
  if (features.length === 0) throw new Error('features: at least one feature is required')
  const seen = new Set<string>()
  for (const name of features) {
    if (!isFeatureName(name)) throw new Error(`features: unknown feature '${String(name)}' (known: ${FEATURE_NAMES.join(', ')})`)
    if (seen.has(name)) throw new Error(`features: '${name}' is listed twice`)
    seen.add(name)
  }
}

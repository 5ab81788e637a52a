/**
 * Names of units, weights and biases as the studio shows and announces them: inputs by their
 * feature or column name, hidden units as `h{layer}·{unit}`, output units as `out·{unit}` (all
 * 1-based), so a link reads "weight from x1 to h1·3". The gradient inspector uses the same names.
 */
import type { WeightRef } from '../../../engine/protocol'

export interface NetworkNaming {
  inputNames: readonly string[]
  /** Units per layer, the output layer last. */
  units: readonly number[]
}

/** The name of unit `unit` of layer `layer` (0 = first hidden layer); layer −1 names an input. */
export function unitName(naming: NetworkNaming, layer: number, unit: number): string {
  if (layer < 0) return naming.inputNames[unit] ?? `x${unit + 1}`
  if (layer === naming.units.length - 1) return `out·${unit + 1}`
  return `h${layer + 1}·${unit + 1}`
}

/** The accessible name of a weight or bias. */
export function parameterName(naming: NetworkNaming, ref: WeightRef): string {
  const to = unitName(naming, ref.layer, ref.j)
  if (ref.i === 'bias') return `bias of ${to}`
  return `weight from ${unitName(naming, ref.layer - 1, ref.i)} to ${to}`
}

export function sameRef(a: WeightRef | null | undefined, b: WeightRef | null | undefined): boolean {
  return !!a && !!b && a.layer === b.layer && a.i === b.i && a.j === b.j
}

/** Pretty feature names: x1^2 → x1², x1*x2 → x1·x2. */
export function featureDisplayName(name: string): string {
  return name.replace(/\^2/g, '²').replace(/\*/g, '·')
}

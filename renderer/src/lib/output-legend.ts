/**
 * What the output plot's legend lists: a swatch per class (with its name) for classification,
 * the value scale (a colour ramp from −scale to +scale) for regression.
 */
import type { LoadedProject } from '../../../engine/protocol'
import { classColor, css, divergingColor, type Scheme } from './colors'
import { formatValue } from './number-format'
import { targetScale } from './scatter'

export type OutputLegend =
  | { kind: 'classes'; items: { name: string; color: string }[] }
  | { kind: 'values'; min: string; max: string; ramp: string }

/** Class names: the data's own (iris species, digits 0–9), else "class 0", "class 1", … */
export function classLabels(loaded: Pick<LoadedProject, 'problem' | 'targetNames' | 'classes'> & { classNames?: string[] | null }): string[] {
  const names = loaded.classNames ?? loaded.classes
  if (names?.length) return names
  if (loaded.problem === 'binary') return ['class 0', 'class 1']
  return loaded.targetNames
}

export function outputLegend(loaded: LoadedProject, scheme: Scheme): OutputLegend | null {
  if (loaded.problem === 'regression') {
    if (!loaded.points) return null
    const scale = targetScale({ targets: loaded.points.trainTargets })
    const stops = [-1, -0.5, 0, 0.5, 1].map((t) => css(divergingColor(t * 0.85, scheme)))
    return { kind: 'values', min: formatValue(-scale), max: formatValue(scale), ramp: `linear-gradient(to right, ${stops.join(', ')})` }
  }
  return { kind: 'classes', items: classLabels(loaded).map((name, k) => ({ name, color: css(classColor(k)) })) }
}

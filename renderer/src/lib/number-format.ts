/** Numbers as the inspector shows them: 6 significant digits, exponents for the very small or large. */
export function formatValue(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–'
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞'
  if (x === 0) return '0'
  const abs = Math.abs(x)
  return abs < 1e-4 || abs >= 1e6 ? x.toExponential(4) : String(Number(x.toPrecision(6)))
}

/** The full value, for a title and a data attribute (copying, checking against the CLI). */
export function exactValue(x: number | undefined): string {
  return x === undefined ? '' : String(x)
}

export interface NumberRules {
  min?: number
  max?: number
  integer?: boolean
  /** The bound itself is refused (as FIELD_LIMITS says, for example a decay below 1). */
  minExclusive?: boolean
  maxExclusive?: boolean
}

/** Why a typed number cannot be taken, in words (null when it can). One rule for every number field. */
export function numberProblem(raw: string, rules: NumberRules = {}): string | null {
  const { min = -Infinity, max = Infinity, integer = false, minExclusive = false, maxExclusive = false } = rules
  if (raw.trim() === '') return 'Enter a number.'
  const value = Number(raw)
  if (Number.isNaN(value)) return `'${raw.trim()}' is not a number.`
  if (!Number.isFinite(value)) return `'${raw.trim()}' is too large (the largest number is about ±1.8e308).`
  if (integer && !Number.isInteger(value)) return 'Enter a whole number.'
  if (minExclusive ? value <= min : value < min) return minExclusive ? `More than ${min}.` : `At least ${min}.`
  if (maxExclusive ? value >= max : value > max) return maxExclusive ? `Less than ${max}.` : `At most ${max}.`
  return null
}

/** A count for an axis tick: 950, 1.5k, 50k, 1.2M (short enough that ticks never run together). */
export function compactCount(x: number): string {
  const abs = Math.abs(x)
  const [div, unit] = abs >= 1e9 ? [1e9, 'G'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, '']
  return `${Number((x / div).toPrecision(3))}${unit}`
}

const minus = (text: string): string => text.replace(/-/g, '−')

const mantissa = (v: number): number => Number((Math.abs(v) / 10 ** Math.floor(Math.log10(Math.abs(v)))).toPrecision(3))

/**
 * The labels of one axis's ticks, all in one format: plain decimals when every labelled tick is
 * between 0.001 and 10,000 (or zero), else all in exponent form ("1e−4", "2.5e−3"). On a log
 * axis only powers of ten are labelled (1, 2 and 5 times them when fewer than two are in view);
 * the other ticks get an empty label.
 */
export function axisTickLabels(values: readonly number[], log = false): string[] {
  let shown = values.map((v) => Number.isFinite(v))
  if (log) {
    const decades = values.map((v) => v > 0 && mantissa(v) === 1)
    shown = decades.filter(Boolean).length >= 2 ? decades : values.map((v) => v > 0 && [1, 2, 5].includes(mantissa(v)))
  }
  const plain = values.every((v, i) => !shown[i] || v === 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4))
  return values.map((v, i) => {
    if (!shown[i]) return ''
    const rounded = Number(v.toPrecision(3))
    return minus(plain || rounded === 0 ? String(rounded) : rounded.toExponential())
  })
}

/** Below this R² reads "< −1000": a diverged fit's −3.7e165 is no more informative and overflows a panel. */
export const R2_FLOOR = -1000

/** Accuracy as a percentage; R² with four decimals, clamped below at "< −1000". */
export function formatMetric(name: 'Accuracy' | 'R²', value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–'
  if (name === 'Accuracy') return `${(value * 100).toFixed(1)}%`
  if (value < R2_FLOOR) return `< ${minus(String(R2_FLOOR))}`
  return minus(value.toFixed(4))
}

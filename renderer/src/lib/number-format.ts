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

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

/**
 * Reading one CSV cell as a number, and saying precisely why a cell is not one.
 */

/**
 * The cell as a finite decimal number, or NaN when it is not one. Surrounding spaces are
 * ignored. Refused: empty cells, NaN/Infinity text, and the hex/octal/binary forms
 * (0x10, 0o7, 0b1) that JavaScript's Number() would otherwise accept.
 */
export function cellNumber(cell: string, decimalComma = false): number {
  const trimmed = cell.trim()
  const text = decimalComma ? fromDecimalComma(trimmed) : trimmed
  if (text === null || text.length === 0) return Number.NaN
  const value = Number(text)
  if (!Number.isFinite(value)) return Number.NaN
  if (text.length > 1 && text.charCodeAt(0) === 48 && isRadixLetter(text.charCodeAt(1))) return Number.NaN
  return value
}

/** "1,5" → "1.5"; null for "1.234,5" or "1,2,3", which would be guesses (a thousands separator?). */
function fromDecimalComma(text: string): string | null {
  const comma = text.indexOf(',')
  if (comma === -1) return text
  if (text.includes('.') || text.lastIndexOf(',') !== comma) return null
  return `${text.slice(0, comma)}.${text.slice(comma + 1)}`
}

function isRadixLetter(code: number): boolean {
  const lower = code | 0x20
  return lower === 0x78 || lower === 0x6f || lower === 0x62 // x, o, b
}

/** Why `cellNumber(cell)` was NaN, in the words of an error message. */
export function notANumberReason(cell: string): string {
  const text = cell.trim()
  if (text.length === 0) return 'empty cell (a number is required)'
  if (/^[+-]?(nan|inf|infinity)$/i.test(text)) return `${quoteCell(cell)} is not a finite number`
  return `${quoteCell(cell)} is not a number`
}

/** A cell quoted for a message, shortened when long. */
export function quoteCell(cell: string): string {
  const shown = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell
  return `'${shown}'`
}

/** A Float64Array that grows by doubling, for columns of unknown length. */
export class GrowableFloat64Array {
  private data: Float64Array
  length = 0

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(1, capacity))
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = value
  }

  /** The values, in an array of exactly `length` (a copy unless the buffer is full). */
  toArray(): Float64Array {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length)
  }
}

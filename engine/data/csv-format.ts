/**
 * How a CSV file is written: its delimiter, whether numbers use a decimal comma, whether the
 * first row names the columns, and whether rows that do not parse are skipped (and counted)
 * rather than stopping the import. `detectCsvFormat` guesses the first three from the file's start.
 */
import Papa from 'papaparse'

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number]

export const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }

export interface CsvFormat {
  /** Field separator; ',' when absent. */
  delimiter?: CsvDelimiter
  /** Numbers written 1,5 for 1.5 (needs a delimiter other than ','); off when absent. */
  decimalComma?: boolean
  /** The first non-blank row names the columns; true when absent. Without one, columns are 'column 1', 'column 2', …. */
  header?: boolean
  /** Rows that do not parse are skipped and counted instead of stopping at the first; off when absent. */
  skipBadRows?: boolean
}

/** The names of a headerless file's columns. */
export function numberedColumns(count: number): string[] {
  return Array.from({ length: count }, (_, c) => `column ${c + 1}`)
}

/** A format no file could be read with, or null. */
export function formatProblem(format: CsvFormat): string | null {
  if (format.decimalComma && (format.delimiter ?? ',') === ',') return 'a decimal comma needs a delimiter other than comma (semicolon, tab or pipe)'
  return null
}

/** Characters of the file's start looked at when guessing. */
const SAMPLE_CHARS = 64 * 1024
const DECIMAL_COMMA = /^\s*[+-]?\d+,\d+(?:[eE][+-]?\d+)?\s*$/
const NUMBER_LIKE = /^\s*[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?\s*$/

/** Guesses delimiter, decimal comma and header from the first rows (papaparse's delimiter guess). */
export function detectCsvFormat(text: string): Required<Pick<CsvFormat, 'delimiter' | 'decimalComma' | 'header'>> {
  const sample = text.slice(0, SAMPLE_CHARS)
  const guessed = Papa.parse<string[]>(sample, { preview: 10, delimitersToGuess: [...CSV_DELIMITERS], skipEmptyLines: 'greedy' })
  const delimiter = (CSV_DELIMITERS as readonly string[]).includes(guessed.meta.delimiter) ? (guessed.meta.delimiter as CsvDelimiter) : ','
  const rows = delimiter === guessed.meta.delimiter ? guessed.data : Papa.parse<string[]>(sample, { preview: 10, delimiter, skipEmptyLines: 'greedy' }).data
  const cells = rows.slice(1).flat()
  const decimalComma = delimiter !== ',' && cells.some((cell) => DECIMAL_COMMA.test(cell))
  // A first row of numbers only is data, not names.
  const first = rows[0] ?? []
  const header = !(first.length > 0 && first.every((cell) => NUMBER_LIKE.test(cell)))
  return { delimiter, decimalComma, header }
}

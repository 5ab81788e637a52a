/**
 * A quick look at a CSV file for the import dialog: the header, the first rows and a guess of
 * each column's type, without parsing the whole text.
 */
import { cellNumber } from './csv-cells'
import { detectCsvFormat, numberedColumns, type CsvFormat } from './csv-format'
import { CsvError, CsvRowReader } from './csv-rows'

export type CsvColumnType = 'numeric' | 'text'

export interface CsvPreview {
  /** Column names as in the file, trimmed. */
  header: string[]
  /** Up to maxRows data rows, as text (ragged rows kept as they are). */
  rows: string[][]
  /** Per header column: 'numeric' when every non-empty cell shown is a finite number (and one is), else 'text'. */
  types: CsvColumnType[]
  /** More data rows follow the ones shown. */
  truncated: boolean
  /** The format the preview was read with: as asked, the rest guessed from the file. */
  format: Required<Pick<CsvFormat, 'delimiter' | 'decimalComma' | 'header'>>
}

/** Text fed to the row reader at a time, so a preview of a big file reads only its start. */
const PREVIEW_SLICE_CHARS = 64 * 1024

/**
 * Throws CsvError for an empty file or a quote problem within the rows shown. What `format` leaves
 * out (delimiter, decimal comma, header) is guessed from the file's start.
 */
export function previewCsv(text: string, maxRows = 20, format: CsvFormat = {}): CsvPreview {
  const limit = Math.max(1, Math.floor(maxRows))
  const guessed = format.delimiter === undefined || format.decimalComma === undefined || format.header === undefined ? detectCsvFormat(text) : null
  const used = {
    delimiter: format.delimiter ?? guessed!.delimiter,
    decimalComma: format.decimalComma ?? guessed!.decimalComma,
    header: format.header ?? guessed!.header,
  }
  let header: string[] | null = null
  const rows: string[][] = []
  let truncated = false
  const reader = new CsvRowReader((fields) => {
    if (header === null) {
      header = used.header ? fields.map((name) => name.trim()) : numberedColumns(fields.length)
      if (used.header) return
    }
    if (rows.length < limit) rows.push(fields)
    else truncated = true
  }, used.delimiter)
  try {
    for (let start = 0; start < text.length && !truncated; start += PREVIEW_SLICE_CHARS) {
      reader.push(text.slice(start, start + PREVIEW_SLICE_CHARS))
    }
    if (!truncated) reader.finish()
  } catch (error) {
    // A problem past the rows shown is for the import itself to report.
    if (!(error instanceof CsvError) || rows.length < limit) throw error
    truncated = true
  }
  if (header === null) throw new CsvError(used.header ? 'the file is empty: a header row naming the columns is required' : 'the file is empty')
  const names: string[] = header
  return { header: names, rows, types: names.map((_, c) => columnType(rows, c, used.decimalComma)), truncated, format: used }
}

function columnType(rows: string[][], column: number, decimalComma: boolean): CsvColumnType {
  let numbers = 0
  for (const row of rows) {
    const cell = row[column]
    if (cell === undefined || cell.trim() === '') continue
    if (Number.isNaN(cellNumber(cell, decimalComma))) return 'text'
    numbers++
  }
  return numbers > 0 ? 'numeric' : 'text'
}

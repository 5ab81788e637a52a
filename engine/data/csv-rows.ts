/**
 * Incremental CSV row splitting: papaparse's own parser fed text chunks (as its streamers feed
 * it), plus what papaparse does not track: the file line each row starts on, counted as an
 * editor counts them (\r\n, lone \r and lone \n each end a line), so quoted fields spanning
 * lines and CRLF files still get honest line numbers in error messages.
 */
import Papa from 'papaparse'

/** A CSV problem, located: `line` is the 1-based file line (the header is line 1 when first). */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: string,
  ) {
    super(message)
    this.name = 'CsvError'
  }
}

type Newline = '\n' | '\r\n' | '\r'

/** Called for each non-blank row, with its index among all rows the reader has seen. */
export type RowHandler = (fields: string[], rowIndex: number) => void

/** Longest unfinished row kept between chunks; past it a quote is almost surely left open. */
export const MAX_ROW_CHARS = 8 * 1024 * 1024

interface Batch {
  text: string
  firstRow: number
  firstLine: number
  ignoreLastRow: boolean
}

export class CsvRowReader {
  private newline: Newline | null = null
  private parser: Papa.Parser | null = null
  /** Text not parsed yet: the unfinished last row, or all text until the line ending is known. */
  private pending = ''
  private pendingLine = 1
  private seenText = false
  private rowCount = 0
  private batch: Batch | null = null

  constructor(
    private readonly onRow: RowHandler,
    private readonly delimiter: string = ',',
  ) {}

  /** Rows split so far, blank ones included. */
  get rows(): number {
    return this.rowCount
  }

  push(chunk: string): void {
    if (!this.seenText && chunk.length > 0) {
      this.seenText = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    this.pending += chunk
    if (this.newline === null && !this.detectNewline(false)) return
    this.parse(true)
  }

  finish(): void {
    if (this.newline === null) this.detectNewline(true)
    this.parse(false)
    this.batch = null
  }

  /**
   * The line the given row starts on. Valid for rows of the batch being delivered (that is,
   * from inside the row handler): it re-splits the batch, which is cheap next to an error.
   */
  lineOfRow(rowIndex: number): number {
    const batch = this.batch
    if (batch === null || rowIndex < batch.firstRow) throw new Error('lineOfRow: row is not in the current batch')
    const target = rowIndex - batch.firstRow
    let start = 0
    if (target > 0) {
      let seen = 0
      const parser: Papa.Parser = new Papa.Parser({
        delimiter: this.delimiter,
        newline: this.newline ?? '\n',
        step: (result: Papa.ParseStepResult<string[]>) => {
          seen++
          if (seen === target) {
            start = result.meta.cursor
            parser.abort()
          }
        },
      })
      parser.parse(batch.text, 0, batch.ignoreLastRow)
    }
    return batch.firstLine + countLineBreaks(batch.text, 0, start)
  }

  /** Papaparse's parser needs the line ending up front; the first one in the text decides. */
  private detectNewline(atEnd: boolean): boolean {
    const text = this.pending
    const lf = text.indexOf('\n')
    const cr = text.indexOf('\r')
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      if (cr === text.length - 1 && !atEnd) return false
      this.newline = text.charCodeAt(cr + 1) === 10 ? '\r\n' : '\r'
    } else if (lf !== -1) {
      this.newline = '\n'
    } else if (!atEnd) {
      return false
    } else {
      this.newline = '\n'
    }
    this.parser = new Papa.Parser({ delimiter: this.delimiter, newline: this.newline })
    return true
  }

  private parse(ignoreLastRow: boolean): void {
    const text = this.pending
    const parser = this.parser
    if (parser === null || text.length === 0) return
    const result = parser.parse(text, 0, ignoreLastRow) as Papa.ParseResult<string[]>
    const rows = result.data
    const firstRow = this.rowCount
    this.batch = { text, firstRow, firstLine: this.pendingLine, ignoreLastRow }
    const quoteError = firstQuoteError(result.errors, rows.length)
    const deliver = quoteError === null ? rows.length : quoteError.row
    for (let i = 0; i < deliver; i++) {
      const fields = rows[i]
      if (fields.length === 1 && fields[0].trim() === '') continue
      this.onRow(fields, firstRow + i)
    }
    if (quoteError !== null) {
      const line = this.lineOfRow(firstRow + quoteError.row)
      throw new CsvError(`line ${line}: ${quoteError.message}`, line)
    }
    const consumed = result.meta.cursor
    this.rowCount += rows.length
    this.pendingLine += countLineBreaks(text, 0, consumed)
    this.pending = text.slice(consumed)
    if (ignoreLastRow && this.pending.length > MAX_ROW_CHARS) {
      throw new CsvError(`line ${this.pendingLine}: quoted field is not closed (no row end within ${MAX_ROW_CHARS / 1048576} MiB)`, this.pendingLine)
    }
  }
}

/** The earliest quote problem of a batch, on a row that was split (rows past the end are re-split later). */
function firstQuoteError(errors: Papa.ParseError[], rows: number): { row: number; message: string } | null {
  let first: { row: number; message: string } | null = null
  for (const error of errors) {
    const row = error.row ?? 0
    if (row >= rows || (first !== null && row >= first.row)) continue
    const message =
      error.code === 'MissingQuotes'
        ? 'quoted field is not closed'
        : 'stray quote after a quoted field (a closing quote must be followed by a comma or the end of the line)'
    first = { row, message }
  }
  return first
}

/** Line breaks in text[start, end), as an editor counts them: \r\n, lone \r and lone \n once each. */
export function countLineBreaks(text: string, start: number, end: number): number {
  let count = 0
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) count++
    else if (c === 13) {
      count++
      if (i + 1 < end && text.charCodeAt(i + 1) === 10) i++
    }
  }
  return count
}

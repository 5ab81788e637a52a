/**
 * CSV import: a header row, then one row per sample; the chosen input and target columns become
 * a Dataset (raw inputs, no features or scaling: see prepare.ts). Parsing is incremental
 * (`CsvStreamParser.push` takes text chunks), so big files never exist twice in memory, and it
 * stops at the first bad row with an error naming the file line and column, for example
 * `line 18, column x2: 'abc' is not a number` (the header is line 1).
 */
import { cellNumber, GrowableFloat64Array, notANumberReason, quoteCell } from './csv-cells'
import { formatProblem, numberedColumns, type CsvFormat } from './csv-format'
import { CsvError, CsvRowReader } from './csv-rows'
import type { Dataset } from './dataset'

export { CsvError } from './csv-rows'
export { previewCsv, type CsvPreview, type CsvColumnType } from './csv-preview'
export { CSV_DELIMITERS, DELIMITER_NAMES, detectCsvFormat, type CsvDelimiter, type CsvFormat } from './csv-format'

/** The columns to read, and how the file is written (delimiter, decimal comma, header, skipping). */
export interface CsvColumns extends CsvFormat {
  inputs: readonly string[]
  targets: readonly string[]
  /** 'numeric' (default): target columns are numbers. 'one-hot': one text label column, one output per class. */
  targetEncoding?: 'numeric' | 'one-hot'
}

export interface CsvParseOptions {
  /** Called after each chunk with the data rows parsed and the characters pushed so far. */
  onProgress?: (rows: number, charsRead: number) => void
}

/** Most distinct labels a one-hot column may have: more is almost surely not a class column. */
export const MAX_CSV_CLASSES = 256

/** Text handed to the row reader at a time by `parseCsv`, so the split rows of a whole file never coexist. */
const PARSE_SLICE_CHARS = 1 << 20

/** Parses a whole CSV text (in slices, as a stream would arrive). Throws CsvError. */
export function parseCsv(text: string, columns: CsvColumns, options: CsvParseOptions = {}): Dataset {
  const parser = new CsvStreamParser(columns, options)
  for (let start = 0; start < text.length; start += PARSE_SLICE_CHARS) {
    parser.push(text.slice(start, start + PARSE_SLICE_CHARS))
  }
  return parser.finish()
}

interface ColumnPlan {
  width: number
  inputIndex: number[]
  targetIndex: number[]
}

/**
 * The incremental CSV parser: `push` text chunks as they arrive, then `finish` for the Dataset.
 * Rows go straight into growable Float64Arrays; throws CsvError at the first bad row.
 */
export class CsvStreamParser {
  private readonly reader: CsvRowReader
  private readonly oneHot: boolean
  private plan: ColumnPlan | null = null
  private headerLine = 1
  private dataRows = 0
  private charsRead = 0
  private readonly X = new GrowableFloat64Array(4096)
  /** Numeric targets, or the class index of each row for one-hot targets. */
  private readonly Y = new GrowableFloat64Array(4096)
  private allBinary = true
  private readonly classIndex = new Map<string, number>()
  private failure: unknown = null
  private skippedRows = 0
  private firstSkipped = ''

  constructor(
    private readonly columns: CsvColumns,
    private readonly options: CsvParseOptions = {},
  ) {
    checkChosenColumns(columns)
    const problem = formatProblem(columns)
    if (problem) throw new CsvError(problem)
    this.oneHot = columns.targetEncoding === 'one-hot'
    this.reader = new CsvRowReader((fields, rowIndex) => this.row(fields, rowIndex), columns.delimiter ?? ',')
  }

  /** Data rows parsed so far. */
  get rows(): number {
    return this.dataRows
  }

  push(chunk: string): void {
    this.guarded(() => this.reader.push(chunk))
    this.charsRead += chunk.length
    this.options.onProgress?.(this.dataRows, this.charsRead)
  }

  finish(): Dataset {
    this.guarded(() => this.reader.finish())
    this.options.onProgress?.(this.dataRows, this.charsRead)
    if (this.plan === null) throw new CsvError(this.columns.header === false ? 'the file is empty' : 'the file is empty: a header row naming the columns is required')
    if (this.dataRows === 0) {
      if (this.skippedRows > 0) throw new CsvError(`every row was skipped (${this.skippedRows}); the first: ${this.firstSkipped}`)
      throw new CsvError(`line ${this.headerLine}: the header has no data rows below it`, this.headerLine)
    }
    const data = this.oneHot ? this.oneHotDataset() : this.numericDataset()
    return this.skippedRows > 0 ? { ...data, skipped: { rows: this.skippedRows, first: this.firstSkipped } } : data
  }

  /** After the first error the parser is spent: every later call repeats that error. */
  private guarded(step: () => void): void {
    if (this.failure !== null) throw this.failure
    try {
      step()
    } catch (error) {
      this.failure = error
      throw error
    }
  }

  private row(fields: string[], rowIndex: number): void {
    let plan = this.plan
    if (plan === null) {
      this.headerLine = this.reader.lineOfRow(rowIndex)
      const headerless = this.columns.header === false
      plan = this.plan = planColumns(headerless ? numberedColumns(fields.length) : fields, this.columns, this.headerLine)
      if (!headerless) return
    }
    if (!this.columns.skipBadRows) return this.dataRow(plan, fields, rowIndex)
    try {
      this.dataRow(plan, fields, rowIndex)
    } catch (error) {
      if (!(error instanceof CsvError)) throw error
      if (this.skippedRows++ === 0) this.firstSkipped = error.message
    }
  }

  /** One data row: every cell is read before any is kept, so a bad row leaves nothing behind. */
  private dataRow(plan: ColumnPlan, fields: string[], rowIndex: number): void {
    if (fields.length !== plan.width) {
      const line = this.reader.lineOfRow(rowIndex)
      const where = this.columns.header === false ? 'the first row' : 'the header'
      throw new CsvError(`line ${line}: expected ${plan.width} fields (as in ${where}), found ${fields.length}`, line)
    }
    const { inputIndex, targetIndex } = plan
    const inputs = inputIndex.map((index, c) => this.number(fields, index, rowIndex, this.columns.inputs[c]))
    const targets = this.oneHot ? [] : targetIndex.map((index, c) => this.number(fields, index, rowIndex, this.columns.targets[c]))
    const label = this.oneHot ? this.classOf(fields[targetIndex[0]], rowIndex) : 0
    for (const value of inputs) this.X.push(value)
    if (this.oneHot) this.Y.push(label)
    for (const value of targets) {
      if (value !== 0 && value !== 1) this.allBinary = false
      this.Y.push(value)
    }
    this.dataRows++
  }

  private number(fields: string[], index: number, rowIndex: number, column: string): number {
    const value = cellNumber(fields[index], this.columns.decimalComma)
    if (Number.isNaN(value)) this.cellError(rowIndex, column, notANumberReason(fields[index]))
    return value
  }

  private classOf(cell: string, rowIndex: number): number {
    const label = cell.trim()
    const column = this.columns.targets[0]
    const known = this.classIndex.get(label)
    if (known !== undefined) return known
    if (label.length === 0) this.cellError(rowIndex, column, 'empty cell (a class label is required)')
    if (this.classIndex.size === MAX_CSV_CLASSES) {
      this.cellError(rowIndex, column, `${quoteCell(label)} would be class ${MAX_CSV_CLASSES + 1}; at most ${MAX_CSV_CLASSES} classes are supported`)
    }
    this.classIndex.set(label, this.classIndex.size)
    return this.classIndex.size - 1
  }

  private cellError(rowIndex: number, column: string, reason: string): never {
    const line = this.reader.lineOfRow(rowIndex)
    throw new CsvError(`line ${line}, column ${column}: ${reason}`, line, column)
  }

  private numericDataset(): Dataset {
    const n = this.dataRows
    const d = this.columns.inputs.length
    const k = this.columns.targets.length
    const X = this.X.toArray()
    const binary = k === 1 && this.allBinary
    return {
      n, d, k, X,
      Y: this.Y.toArray(),
      inputNames: [...this.columns.inputs],
      targetNames: [...this.columns.targets],
      kind: binary ? 'binary' : 'regression',
      ...(binary ? { classes: ['0', '1'] } : {}),
      ...(d === 2 ? { points: X } : {}),
    }
  }

  /** One output per class, in order of first appearance in the file. */
  private oneHotDataset(): Dataset {
    const n = this.dataRows
    const d = this.columns.inputs.length
    const classes = [...this.classIndex.keys()]
    const k = classes.length
    const labels = this.Y.toArray()
    const Y = new Float64Array(n * k)
    for (let i = 0; i < n; i++) Y[i * k + labels[i]] = 1
    const X = this.X.toArray()
    return {
      n, d, k, X, Y,
      inputNames: [...this.columns.inputs],
      targetNames: classes,
      kind: 'multiclass',
      classes,
      ...(d === 2 ? { points: X } : {}),
    }
  }
}

/** Refuses a column choice that no file could satisfy. */
function checkChosenColumns({ inputs, targets, targetEncoding }: CsvColumns): void {
  if (inputs.length === 0) throw new CsvError('no input columns chosen')
  if (targets.length === 0) throw new CsvError('no target columns chosen')
  if (targetEncoding === 'one-hot' && targets.length !== 1) {
    throw new CsvError(`one-hot targets need exactly one label column, got ${targets.length}`)
  }
  const seen = new Set<string>()
  for (const name of [...inputs, ...targets]) {
    if (seen.has(name)) throw new CsvError(`column '${name}' is chosen twice (a column is either an input or a target, once)`)
    seen.add(name)
  }
}

/** Maps the chosen column names to field positions, refusing duplicate and unknown names. */
function planColumns(header: string[], columns: CsvColumns, line: number): ColumnPlan {
  const names = header.map((name) => name.trim())
  const position = new Map<string, number>()
  names.forEach((name, i) => {
    const earlier = position.get(name)
    if (name !== '' && earlier !== undefined) {
      throw new CsvError(`line ${line}: column name '${name}' appears twice (columns ${earlier + 1} and ${i + 1})`, line)
    }
    position.set(name, i)
  })
  const chosen = [...columns.inputs, ...columns.targets]
  const unknown = chosen.filter((name) => name === '' || !position.has(name))
  if (unknown.length > 0) {
    const available = names.filter((name) => name !== '').join(', ')
    const list = unknown.map((name) => `'${name}'`).join(', ')
    throw new CsvError(`line ${line}: no column named ${list} (available: ${available})`, line)
  }
  const indexOf = (name: string): number => position.get(name) as number
  return { width: names.length, inputIndex: columns.inputs.map(indexOf), targetIndex: columns.targets.map(indexOf) }
}

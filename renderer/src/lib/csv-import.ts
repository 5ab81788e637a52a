/**
 * The CSV import dialog's logic, pure: default column roles from the preview, the DataSpec a
 * choice makes, and a parse of the whole file that turns the first bad row into a message
 * naming its row and column.
 */
import { CsvError, parseCsv, type CsvFormat, type CsvPreview } from '../../../engine/data/csv'
import type { Dataset } from '../../../engine/data/dataset'
import type { CsvDataSpec } from '../../../engine/project/types'
import { errorText } from './errors'

export type ColumnRole = 'input' | 'target' | 'ignore'

/** How the file is read: as the preview found it (delimiter, decimal comma, header) and whether bad rows are skipped. */
export type CsvReading = Required<Pick<CsvFormat, 'delimiter' | 'decimalComma' | 'header' | 'skipBadRows'>>

export interface CsvChoice {
  roles: ColumnRole[]
  encoding: 'numeric' | 'one-hot'
  trainFraction: number
  standardize: boolean
  format: CsvReading
}

/** Every numeric column but the last is an input; the last column is the target (class labels when it is text). */
export function defaultChoice(preview: CsvPreview, skipBadRows = false): CsvChoice {
  const last = preview.header.length - 1
  const roles = preview.header.map((_, c): ColumnRole => (c === last ? 'target' : preview.types[c] === 'numeric' ? 'input' : 'ignore'))
  return { roles, encoding: preview.types[last] === 'text' ? 'one-hot' : 'numeric', trainFraction: 0.8, standardize: true, format: { ...preview.format, skipBadRows } }
}

/** The format fields a project writes: only what differs from the defaults (comma, dot, header, stop at a bad row). */
export function formatFields(format: CsvReading): CsvFormat {
  return {
    ...(format.delimiter !== ',' ? { delimiter: format.delimiter } : {}),
    ...(format.decimalComma ? { decimalComma: true } : {}),
    ...(!format.header ? { header: false } : {}),
    ...(format.skipBadRows ? { skipBadRows: true } : {}),
  }
}

export function columnsOf(preview: CsvPreview, choice: CsvChoice): { inputs: string[]; targets: string[] } {
  const pick = (role: ColumnRole) => preview.header.filter((_, c) => choice.roles[c] === role)
  return { inputs: pick('input'), targets: pick('target') }
}

/** What is wrong with a choice before parsing, or null. */
export function choiceProblem(preview: CsvPreview, choice: CsvChoice): string | null {
  const { inputs, targets } = columnsOf(preview, choice)
  if (inputs.length === 0) return 'Choose at least one input column.'
  if (targets.length === 0) return 'Choose a target column.'
  if (choice.encoding === 'one-hot' && targets.length !== 1) return 'Class labels come from exactly one target column.'
  return null
}

export interface CsvFailure {
  message: string
  /** 1-based file line of the bad row, when known. */
  line?: number
  column?: string
}

export type CsvParseResult = { ok: true; dataset: Dataset } | { ok: false; error: CsvFailure }

/** "line 18, column x2: 'abc' is not a number" → "Row 17 (line 18), column x2: 'abc' is not a number". */
export function describeCsvError(error: CsvError, header = true): CsvFailure {
  const match = /^line (\d+)(?:, column ([^:]+))?: (.*)$/s.exec(error.message)
  if (!match || error.line === undefined) return { message: error.message, line: error.line, column: error.column }
  const row = header ? error.line - 1 : error.line
  const where = error.column !== undefined ? `Row ${row} (line ${error.line}), column ${error.column}` : `Row ${row} (line ${error.line})`
  return { message: `${where}: ${match[3]}`, line: error.line, column: error.column }
}

export function parseChoice(text: string, preview: CsvPreview, choice: CsvChoice): CsvParseResult {
  const problem = choiceProblem(preview, choice)
  if (problem) return { ok: false, error: { message: problem } }
  try {
    return { ok: true, dataset: parseCsv(text, { ...columnsOf(preview, choice), targetEncoding: choice.encoding, ...choice.format }) }
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, error: describeCsvError(error, choice.format.header) }
    return { ok: false, error: { message: errorText(error) } }
  }
}

export function csvSpec(path: string, preview: CsvPreview, choice: CsvChoice): CsvDataSpec {
  return {
    source: 'csv',
    path,
    ...columnsOf(preview, choice),
    ...(choice.encoding === 'one-hot' ? { targetEncoding: 'one-hot' as const } : {}),
    ...formatFields(choice.format),
    trainFraction: choice.trainFraction,
    ...(choice.standardize ? { standardize: true } : {}),
  }
}

/**
 * The CSV import dialog's logic, pure: default column roles from the preview, the DataSpec a
 * choice makes, and a parse of the whole file that turns the first bad row into a message
 * naming its row and column.
 */
import { CsvError, parseCsv, type CsvPreview } from '../../../engine/data/csv'
import type { Dataset } from '../../../engine/data/dataset'
import type { CsvDataSpec } from '../../../engine/project/types'
import { errorText } from './errors'

export type ColumnRole = 'input' | 'target' | 'ignore'

export interface CsvChoice {
  roles: ColumnRole[]
  encoding: 'numeric' | 'one-hot'
  trainFraction: number
  standardize: boolean
}

/** Every numeric column but the last is an input; the last column is the target (class labels when it is text). */
export function defaultChoice(preview: CsvPreview): CsvChoice {
  const last = preview.header.length - 1
  const roles = preview.header.map((_, c): ColumnRole => (c === last ? 'target' : preview.types[c] === 'numeric' ? 'input' : 'ignore'))
  return { roles, encoding: preview.types[last] === 'text' ? 'one-hot' : 'numeric', trainFraction: 0.8, standardize: true }
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
export function describeCsvError(error: CsvError): CsvFailure {
  const match = /^line (\d+)(?:, column ([^:]+))?: (.*)$/s.exec(error.message)
  if (!match || error.line === undefined) return { message: error.message, line: error.line, column: error.column }
  const row = error.line - 1
  const where = error.column !== undefined ? `Row ${row} (line ${error.line}), column ${error.column}` : `Row ${row} (line ${error.line})`
  return { message: `${where}: ${match[3]}`, line: error.line, column: error.column }
}

export function parseChoice(text: string, preview: CsvPreview, choice: CsvChoice): CsvParseResult {
  const problem = choiceProblem(preview, choice)
  if (problem) return { ok: false, error: { message: problem } }
  try {
    return { ok: true, dataset: parseCsv(text, { ...columnsOf(preview, choice), targetEncoding: choice.encoding }) }
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, error: describeCsvError(error) }
    return { ok: false, error: { message: errorText(error) } }
  }
}

export function csvSpec(path: string, preview: CsvPreview, choice: CsvChoice): CsvDataSpec {
  return {
    source: 'csv',
    path,
    ...columnsOf(preview, choice),
    ...(choice.encoding === 'one-hot' ? { targetEncoding: 'one-hot' as const } : {}),
    trainFraction: choice.trainFraction,
    ...(choice.standardize ? { standardize: true } : {}),
  }
}

/**
 * Node edge of CSV import: streams a file from disk in chunks into the engine's incremental
 * parser, so a file of millions of rows is never held as one string.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { CsvStreamParser, type CsvColumns } from '../data/csv'
import type { Dataset } from '../data/dataset'

export interface CsvFileProgress {
  /** Data rows parsed so far. */
  rows: number
  bytesRead: number
  totalBytes: number
}

export interface ReadCsvFileOptions {
  onProgress?: (progress: CsvFileProgress) => void
  /** Bytes per read; 1 MiB when absent. */
  chunkBytes?: number
  signal?: AbortSignal
}

/**
 * Reads and parses a UTF-8 CSV file. Rejects with the parser's CsvError (line and column) for a
 * bad row, or with the file system's error (ENOENT, EACCES, …) when the file cannot be read.
 */
export async function readCsvFile(path: string, columns: CsvColumns, options: ReadCsvFileOptions = {}): Promise<Dataset> {
  const { size: totalBytes } = await stat(path)
  const parser = new CsvStreamParser(columns)
  // The decoder of an 'utf8' stream never splits a character across chunks.
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: options.chunkBytes ?? 1 << 20, signal: options.signal })
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.push(chunk)
      options.onProgress?.({ rows: parser.rows, bytesRead: stream.bytesRead, totalBytes })
    }
  } finally {
    stream.destroy()
  }
  const data = parser.finish()
  options.onProgress?.({ rows: data.n, bytesRead: stream.bytesRead, totalBytes })
  return data
}

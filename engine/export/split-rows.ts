/**
 * The raw rows of a project's data, split as the studio splits them (before features and
 * standardization), and the data file the PyTorch script reads: a 'split' column, then the raw
 * inputs and the targets, every number in its shortest round-trip form (parsing gives back the
 * same double).
 */
import Papa from 'papaparse'
import { loadRawData, splitOf, type PrepareSource } from '../data/prepare'
import type { Dataset } from '../data/dataset'
import type { DataSpec } from '../project/types'

export interface RawSplit {
  raw: Dataset
  /** Row indices of each split, in file order. */
  train: Uint32Array
  test: Uint32Array
}

export function rawSplit(spec: DataSpec, trainingSeed: number, source: PrepareSource = {}): RawSplit {
  const seed = spec.seed ?? trainingSeed
  const raw = loadRawData(spec, seed, source)
  return { raw, ...splitOf(raw.n, spec, seed) }
}

export function dataCsv({ raw, train, test }: RawSplit): string {
  const rows: (string | number)[][] = []
  const add = (split: string, indices: Uint32Array): void => {
    for (const r of indices) rows.push([split, ...raw.X.subarray(r * raw.d, (r + 1) * raw.d), ...raw.Y.subarray(r * raw.k, (r + 1) * raw.k)])
  }
  add('train', train)
  add('test', test)
  return Papa.unparse({ fields: ['split', ...raw.inputNames, ...raw.targetNames], data: rows }, { newline: '\n' }) + '\n'
}

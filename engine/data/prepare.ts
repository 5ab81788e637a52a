/**
 * From a project's DataSpec to the rows the network trains on: generate or parse the raw data,
 * split it into train and test, map 2-D points to features, and standardize with statistics of
 * the training split only (so nothing about the test rows leaks into training).
 */
import { Random } from '../math/random'
import type { DataSpec, FeatureName, NetworkSpec } from '../project/types'
import { parseCsv } from './csv'
import type { Dataset, SplitDataset } from './dataset'
import { createFeatureMap, featureLabel, type FeatureMap } from './features'
import { generateSynthetic } from './synthetic'

export interface PrepareSource {
  /** The CSV file's text, for csv data. */
  csvText?: string
  /** The CSV file already parsed with the spec's columns (for example by the streaming reader). */
  table?: Dataset
  /** The built-in data set, decoded (engine/data/builtin.ts), for builtin data. */
  builtin?: Dataset
  /** CSV parsing progress: data rows parsed so far, and the fraction of the text read (0 to 1). */
  onProgress?: (rows: number, fraction: number) => void
}

/** Per input column: x ↦ (x − mean) / std. Columns constant over the training split keep mean 0, std 1. */
export interface Standardization {
  mean: Float64Array
  std: Float64Array
}

export interface PreparedData extends SplitDataset {
  /** The features fed to the network, or null when the raw inputs are fed as they are. */
  features: FeatureName[] | null
  standardization: Standardization | null
  /** CSV rows skipped as bad (data.skipBadRows), and the first one's error. */
  skipped?: { rows: number; first: string }
  /** The raw data set before split, features and scaling, and which of its rows each split holds. */
  raw: Dataset
  rows: { train: Uint32Array; test: Uint32Array }
}

/** Mixed into the data seed for the split, so the split does not replay the generator's draws. */
const SPLIT_SALT = 0x5bd1e995

/** Synthetic sets are shown on at least this square, as Playground shows them. */
const SYNTHETIC_VIEW = 6

/** Builds train and test rows for a DataSpec; `trainingSeed` seeds whatever `spec.seed` leaves unset. */
export function prepareData(spec: DataSpec, trainingSeed: number, source: PrepareSource = {}): PreparedData {
  const seed = spec.seed ?? trainingSeed
  const loaded = loadRawData(spec, seed, source)
  // Two raw inputs are a point: keep it for plots and the grid even if the table left it out.
  const raw = loaded.points === undefined && loaded.d === 2 ? { ...loaded, points: loaded.X } : loaded
  const features = spec.features ? [...spec.features] : null
  if (features !== null && raw.d !== 2) {
    throw new Error(`data.features: features need exactly 2 raw inputs (x1, x2); this data has ${raw.d}`)
  }
  const featureMap = features === null ? null : createFeatureMap(features)
  const { train: trainRows, test: testRows } = splitOf(raw.n, spec, seed)
  const inputNames = features === null ? raw.inputNames : features.map((name) => featureLabel(name, [raw.inputNames[0], raw.inputNames[1]]))
  const train = subset(raw, trainRows, featureMap, inputNames)
  const test = subset(raw, testRows, featureMap, inputNames)
  const standardization = spec.standardize ? standardizationOf(train.X, train.n, train.d) : null
  if (standardization !== null) {
    standardize(train.X, train.n, standardization)
    standardize(test.X, test.n, standardization)
  }
  const prepared: PreparedData = { train, test, features, standardization, raw, rows: { train: trainRows, test: testRows }, ...(raw.skipped ? { skipped: raw.skipped } : {}) }
  if (raw.points !== undefined) {
    prepared.encodePoint = pointEncoder(featureMap, standardization)
    prepared.bounds = pointBounds(raw.points, raw.n, spec.source === 'synthetic' ? SYNTHETIC_VIEW : 0)
  }
  return prepared
}

/** The raw data set: generated (seeded) or parsed from the CSV text, before split, features and scaling. */
export function loadRawData(spec: DataSpec, seed: number, source: PrepareSource = {}): Dataset {
  if (spec.source === 'synthetic') {
    return generateSynthetic(spec.name, { samples: spec.samples, noise: spec.noise, classes: spec.classes, seed })
  }
  if (spec.source === 'builtin') {
    if (source.builtin === undefined) throw new Error(`data.name: the rows of the built-in set '${spec.name}' are needed to prepare builtin data`)
    return builtinSubset(source.builtin, spec.samples, seed)
  }
  if (source.table !== undefined) {
    const names = source.table.inputNames.join(', ')
    if (names !== spec.inputs.join(', ')) throw new Error(`data.inputs: the parsed table has inputs ${names}, the project names ${spec.inputs.join(', ')}`)
    return source.table
  }
  if (source.csvText === undefined) throw new Error(`data.path: the text of '${spec.path}' is needed to prepare csv data`)
  const { csvText, onProgress } = source
  return parseCsv(csvText, spec, { onProgress: onProgress && ((rows, chars) => onProgress(rows, csvText.length > 0 ? chars / csvText.length : 1)) })
}

/** The project's split of n raw rows (seed: `data.seed ?? training.seed`); exporters reuse it. */
export function splitOf(n: number, spec: DataSpec, seed: number): { train: Uint32Array; test: Uint32Array } {
  return splitRows(n, spec.trainFraction, new Random((seed ^ SPLIT_SALT) >>> 0))
}

/**
 * Train and test row indices, each in file order. trainFraction 1: every row trains. Below 1:
 * round(n · trainFraction) rows (at least one) train, the test rows drawn by a partial
 * Fisher–Yates shuffle from `random`.
 */
export function splitRows(n: number, trainFraction: number, random: Random): { train: Uint32Array; test: Uint32Array } {
  if (!(trainFraction > 0 && trainFraction <= 1)) throw new Error(`data.trainFraction must be in (0, 1], got ${trainFraction}`)
  const trainCount = trainFraction === 1 ? n : Math.min(n, Math.max(1, Math.round(n * trainFraction)))
  const testCount = n - trainCount
  const isTest = new Uint8Array(n)
  if (testCount > 0) {
    const order = new Uint32Array(n)
    for (let i = 0; i < n; i++) order[i] = i
    for (let i = 0; i < testCount; i++) {
      const j = i + random.int(n - i)
      const chosen = order[j]
      order[j] = order[i]
      order[i] = chosen
      isTest[chosen] = 1
    }
  }
  const train = new Uint32Array(trainCount)
  const test = new Uint32Array(testCount)
  for (let row = 0, a = 0, b = 0; row < n; row++) {
    if (isTest[row] === 1) test[b++] = row
    else train[a++] = row
  }
  return { train, test }
}

/** Mixed into the data seed for the `samples` subset of a built-in set (another stream than the split). */
const SUBSET_SALT = 0x27d4eb2f

/** A seeded subset of `samples` rows, in file order (all rows when `samples` is absent or not smaller). */
function builtinSubset(all: Dataset, samples: number | undefined, seed: number): Dataset {
  if (samples === undefined || samples >= all.n) return all
  const { train: rows } = splitRows(all.n, samples / all.n, new Random((seed ^ SUBSET_SALT) >>> 0))
  return subset(all, rows, null, all.inputNames)
}

/** The rows `rows` of `raw`, with features computed from its points when a feature map is given. */
function subset(raw: Dataset, rows: Uint32Array, featureMap: FeatureMap | null, inputNames: string[]): Dataset {
  const n = rows.length
  const { k } = raw
  const d = featureMap === null ? raw.d : inputNames.length
  const X = new Float64Array(n * d)
  const Y = new Float64Array(n * k)
  const points = raw.points === undefined ? undefined : new Float64Array(2 * n)
  for (let i = 0; i < n; i++) {
    const row = rows[i]
    if (featureMap !== null) featureMap(raw.X[row * 2], raw.X[row * 2 + 1], X, i * d)
    else for (let c = 0; c < d; c++) X[i * d + c] = raw.X[row * d + c]
    for (let c = 0; c < k; c++) Y[i * k + c] = raw.Y[row * k + c]
    if (points !== undefined && raw.points !== undefined) {
      points[2 * i] = raw.points[2 * row]
      points[2 * i + 1] = raw.points[2 * row + 1]
    }
  }
  const dataset: Dataset = { n, d, k, X, Y, inputNames: [...inputNames], targetNames: [...raw.targetNames], kind: raw.kind }
  if (raw.classes !== undefined) dataset.classes = [...raw.classes]
  if (points !== undefined) dataset.points = points
  return dataset
}

/** Column means and standard deviations (population) of X (n × d); constant columns get mean 0, std 1. */
export function standardizationOf(X: Float64Array, n: number, d: number): Standardization {
  const mean = new Float64Array(d)
  const std = new Float64Array(d)
  for (let c = 0; c < d; c++) {
    let sum = 0
    for (let i = 0; i < n; i++) sum += X[i * d + c]
    const m = n > 0 ? sum / n : 0
    let squares = 0
    for (let i = 0; i < n; i++) {
      const centered = X[i * d + c] - m
      squares += centered * centered
    }
    const s = n > 0 ? Math.sqrt(squares / n) : 0
    // A column constant in the training rows carries no scale to divide by: it is left as it is.
    const constant = !(s > 1e-12 * Math.max(1, Math.abs(m)))
    mean[c] = constant ? 0 : m
    std[c] = constant ? 1 : s
  }
  return { mean, std }
}

/** In place: X[i][c] ← (X[i][c] − mean[c]) / std[c]. */
export function standardize(X: Float64Array, n: number, { mean, std }: Standardization): void {
  const d = mean.length
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) X[i * d + c] = (X[i * d + c] - mean[c]) / std[c]
  }
}

/** The prediction grid's encoder: a raw point through the same features and scaling as the training rows. */
function pointEncoder(featureMap: FeatureMap | null, standardization: Standardization | null): (x1: number, x2: number, out: Float64Array) => void {
  return (x1, x2, out) => {
    if (featureMap !== null) featureMap(x1, x2, out, 0)
    else {
      out[0] = x1
      out[1] = x2
    }
    if (standardization !== null) standardize(out, 1, standardization)
  }
}

/** [x1min, x1max, x2min, x2max] of the points, padded by 5 % of each span (1 for a single value), covering ±minHalfWidth. */
export function pointBounds(points: Float64Array, n: number, minHalfWidth = 0): [number, number, number, number] {
  const bounds: [number, number, number, number] = [0, 0, 0, 0]
  for (let axis = 0; axis < 2; axis++) {
    let lo = Infinity
    let hi = -Infinity
    for (let i = 0; i < n; i++) {
      const v = points[2 * i + axis]
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
    if (n === 0) lo = hi = 0
    const span = hi - lo
    const pad = span > 0 ? 0.05 * span : Math.max(1, 0.1 * Math.abs(lo))
    const cover = minHalfWidth > 0
    bounds[2 * axis] = cover ? Math.min(-minHalfWidth, lo - pad) : lo - pad
    bounds[2 * axis + 1] = cover ? Math.max(minHalfWidth, hi + pad) : hi + pad
  }
  return bounds
}

/**
 * Whether a network's shape fits the prepared rows: null when it does, else a message naming
 * the field to change. The project schema cannot check this (a CSV's classes are known only
 * once the file is read).
 */
export function networkDataMismatch(network: Pick<NetworkSpec, 'inputs' | 'layers'>, data: Dataset): string | null {
  if (network.inputs !== data.d) {
    return `network.inputs is ${network.inputs}, but the data has ${data.d} input${data.d === 1 ? '' : 's'} (${listNames(data.inputNames)})`
  }
  const last = network.layers.length - 1
  const outputs = last >= 0 ? network.layers[last].units : 0
  if (outputs !== data.k) {
    return `network.layers[${last}].units is ${outputs}, but the data has ${data.k} target${data.k === 1 ? '' : 's'} (${listNames(data.targetNames)})`
  }
  return null
}

/** Names for a message: all of a few, the first of many (MNIST has 784). */
function listNames(names: string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 3).join(', ')}, …, ${names[names.length - 1]}`
}

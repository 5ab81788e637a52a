import { describe, expect, it } from 'vitest'
import { Random } from '../math/random'
import type { CsvDataSpec, SyntheticDataSpec } from '../project/types'
import { parseCsv } from './csv'
import { networkDataMismatch, pointBounds, prepareData, splitRows, standardizationOf } from './prepare'

const SPIRAL: SyntheticDataSpec = { source: 'synthetic', name: 'spiral', samples: 200, noise: 0.1, trainFraction: 0.75 }
const CSV_TEXT = 'a,b,y\n1,10,0\n2,20,1\n3,30,0\n4,40,1\n5,50,1\n'
const CSV: CsvDataSpec = { source: 'csv', path: 'data.csv', inputs: ['a', 'b'], targets: ['y'], trainFraction: 1 }

const rowsOf = (X: Float64Array, d: number): number[][] => Array.from({ length: X.length / d }, (_, i) => [...X.subarray(i * d, (i + 1) * d)])

describe('splitRows', () => {
  it('keeps every row, in order, for trainFraction 1', () => {
    const { train, test } = splitRows(5, 1, new Random(1))
    expect([...train]).toEqual([0, 1, 2, 3, 4])
    expect(test.length).toBe(0)
  })

  it('splits by the fraction, each side in file order, the same for a seed and not across seeds', () => {
    const a = splitRows(100, 0.7, new Random(3))
    expect(a.train.length).toBe(70)
    expect(a.test.length).toBe(30)
    expect(new Set([...a.train, ...a.test]).size).toBe(100)
    expect([...a.train]).toEqual([...a.train].sort((x, y) => x - y))
    expect([...a.test]).toEqual([...a.test].sort((x, y) => x - y))
    expect(splitRows(100, 0.7, new Random(3))).toEqual(a)
    expect([...splitRows(100, 0.7, new Random(4)).test]).not.toEqual([...a.test])
  })

  it('keeps at least one training row and refuses fractions outside (0, 1]', () => {
    expect(splitRows(3, 0.01, new Random(1)).train.length).toBe(1)
    expect(() => splitRows(3, 0, new Random(1))).toThrow('data.trainFraction must be in (0, 1], got 0')
    expect(() => splitRows(3, 1.5, new Random(1))).toThrow('data.trainFraction must be in (0, 1], got 1.5')
  })
})

describe('prepareData', () => {
  it('gives the same split for the same seed, a different one for another', () => {
    const a = prepareData(SPIRAL, 5)
    expect([a.train.n, a.test.n]).toEqual([150, 50])
    const b = prepareData(SPIRAL, 5)
    expect(b.train.X).toEqual(a.train.X)
    expect(b.test.Y).toEqual(a.test.Y)
    expect(prepareData(SPIRAL, 6).train.X).not.toEqual(a.train.X)
  })

  it('seeds from data.seed when set, ignoring the training seed', () => {
    const spec = { ...SPIRAL, seed: 42 }
    expect(prepareData(spec, 1).train.X).toEqual(prepareData(spec, 2).train.X)
  })

  it('keeps file order for trainFraction 1 with an empty test split', () => {
    const data = prepareData(CSV, 9, { csvText: CSV_TEXT })
    expect(rowsOf(data.train.X, 2)).toEqual([[1, 10], [2, 20], [3, 30], [4, 40], [5, 50]])
    expect([...data.train.Y]).toEqual([0, 1, 0, 1, 1])
    expect(data.test.n).toBe(0)
    expect(data.test.d).toBe(2)
    expect(data.train.kind).toBe('binary')
    expect(data.features).toBeNull()
    expect(data.standardization).toBeNull()
  })

  it('carries the raw points of each split and padded bounds', () => {
    const data = prepareData({ ...CSV, trainFraction: 0.6 }, 2, { csvText: CSV_TEXT })
    expect(data.train.n + data.test.n).toBe(5)
    expect(data.train.points).toEqual(data.train.X)
    const all = [...rowsOf(data.train.points as Float64Array, 2), ...rowsOf(data.test.points as Float64Array, 2)]
    expect(all.sort((p, q) => p[0] - q[0])).toEqual([[1, 10], [2, 20], [3, 30], [4, 40], [5, 50]])
    expect(data.bounds).toEqual([1 - 0.2, 5 + 0.2, 10 - 2, 50 + 2])
  })

  it('standardizes with statistics of the training rows only', () => {
    const data = prepareData({ ...CSV, trainFraction: 0.6, standardize: true }, 2, { csvText: CSV_TEXT })
    const { mean, std } = data.standardization ?? { mean: [], std: [] }
    const trainRaw = rowsOf(data.train.points as Float64Array, 2).map((p) => p[0])
    const m = trainRaw.reduce((s, v) => s + v, 0) / trainRaw.length
    const sd = Math.sqrt(trainRaw.reduce((s, v) => s + (v - m) ** 2, 0) / trainRaw.length)
    expect(mean[0]).toBeCloseTo(m, 12)
    expect(std[0]).toBeCloseTo(sd, 12)
    // Train columns have mean 0 and variance 1; test rows use the same shift and scale.
    const trainCol = rowsOf(data.train.X, 2).map((r) => r[0])
    expect(trainCol.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12)
    expect(trainCol.reduce((s, v) => s + v * v, 0) / trainCol.length).toBeCloseTo(1, 12)
    const testRaw = rowsOf(data.test.points as Float64Array, 2)
    rowsOf(data.test.X, 2).forEach((row, i) => expect(row[0]).toBeCloseTo((testRaw[i][0] - m) / sd, 12))
  })

  it('leaves a column constant in the training rows unscaled', () => {
    const stats = standardizationOf(Float64Array.of(3, 1, 3, 2, 3, 3), 3, 2)
    expect([...stats.mean]).toEqual([0, 2])
    expect(stats.std[0]).toBe(1)
    expect(stats.std[1]).toBeCloseTo(Math.sqrt(2 / 3), 12)
  })

  it('maps points to features, names them after the columns, and encodes grid points the same way', () => {
    const data = prepareData({ ...CSV, features: ['x1^2', 'x1*x2', 'sin(x2)'], standardize: true, trainFraction: 0.8 }, 4, { csvText: CSV_TEXT })
    expect(data.train.d).toBe(3)
    expect(data.train.inputNames).toEqual(['a^2', 'a*b', 'sin(b)'])
    expect(data.features).toEqual(['x1^2', 'x1*x2', 'sin(x2)'])
    const encode = data.encodePoint as NonNullable<typeof data.encodePoint>
    const points = data.train.points as Float64Array
    for (let i = 0; i < data.train.n; i++) {
      const out = new Float64Array(3)
      encode(points[2 * i], points[2 * i + 1], out)
      expect([...out]).toEqual([...data.train.X.subarray(3 * i, 3 * i + 3)])
    }
  })

  it('refuses features for data without exactly two raw inputs', () => {
    const spec: CsvDataSpec = { ...CSV, inputs: ['a'], targets: ['y'], features: ['x1'] }
    expect(() => prepareData(spec, 1, { csvText: CSV_TEXT })).toThrow('data.features: features need exactly 2 raw inputs (x1, x2); this data has 1')
  })

  it('has no points, bounds or encoder for other input counts', () => {
    const data = prepareData({ ...CSV, inputs: ['a'] }, 1, { csvText: CSV_TEXT })
    expect(data.train.points).toBeUndefined()
    expect(data.bounds).toBeUndefined()
    expect(data.encodePoint).toBeUndefined()
  })

  it('shows synthetic sets on at least [-6, 6]²', () => {
    const data = prepareData({ ...SPIRAL, noise: 0 }, 1)
    const [x1min, x1max, x2min, x2max] = data.bounds ?? []
    expect(x1min).toBeLessThanOrEqual(-6)
    expect(x1max).toBeGreaterThanOrEqual(6)
    expect(x2min).toBeLessThanOrEqual(-6)
    expect(x2max).toBeGreaterThanOrEqual(6)
  })

  it('takes an already parsed table, and refuses one with other columns', () => {
    const table = parseCsv(CSV_TEXT, CSV)
    expect(prepareData(CSV, 1, { table }).train.X).toEqual(table.X)
    expect(() => prepareData({ ...CSV, inputs: ['b', 'a'] }, 1, { table })).toThrow('data.inputs: the parsed table has inputs a, b, the project names b, a')
    expect(() => prepareData(CSV, 1)).toThrow("data.path: the text of 'data.csv' is needed to prepare csv data")
  })

  it('reports CSV progress with the fraction read', () => {
    const calls: [number, number][] = []
    prepareData(CSV, 1, { csvText: CSV_TEXT, onProgress: (rows, fraction) => calls.push([rows, fraction]) })
    expect(calls.at(-1)).toEqual([5, 1])
  })

  it('prepares 10^6 CSV rows quickly', () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `${i % 1000},${(i * 7) % 13},${i % 2}`)
    const csvText = `a,b,y\n${rows.join('\n')}\n`
    const started = performance.now()
    const data = prepareData({ ...CSV, trainFraction: 0.8, standardize: true, features: ['x1', 'x2', 'x1*x2'] }, 1, { csvText })
    expect(data.train.n).toBe(800_000)
    expect(data.test.n).toBe(200_000)
    expect(performance.now() - started).toBeLessThan(8000)
  }, 20_000)
})

describe('pointBounds', () => {
  it('pads by 5 % of the span, or by 1 around a single value', () => {
    expect(pointBounds(Float64Array.of(0, 0, 10, 20), 2)).toEqual([-0.5, 10.5, -1, 21])
    expect(pointBounds(Float64Array.of(2, 3), 1)).toEqual([1, 3, 2, 4])
  })
})

describe('networkDataMismatch', () => {
  it('names the field that does not fit the data', () => {
    const data = prepareData({ ...SPIRAL, name: 'k-class-gaussian', classes: 4 }, 1).train
    expect(networkDataMismatch({ inputs: 2, layers: [{ units: 4, activation: 'softmax' }] }, data)).toBeNull()
    expect(networkDataMismatch({ inputs: 3, layers: [{ units: 4, activation: 'softmax' }] }, data)).toBe('network.inputs is 3, but the data has 2 inputs (x1, x2)')
    expect(networkDataMismatch({ inputs: 2, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] }, data)).toBe(
      'network.layers[1].units is 1, but the data has 4 targets (class 0, class 1, class 2, class 3)',
    )
  })
})

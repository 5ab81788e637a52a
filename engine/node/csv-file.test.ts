import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CsvError } from '../data/csv'
import { readCsvFile, type CsvFileProgress } from './csv-file'

describe('readCsvFile', () => {
  let folder = ''
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'csv-file-'))
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it('streams a file in chunks, with progress in rows and bytes', async () => {
    const rows = 20_000
    // Multi-byte labels make chunk edges fall inside characters.
    const body = Array.from({ length: rows }, (_, i) => `${i},${i % 7},${i % 3 === 0 ? 'größe' : 'été'}`).join('\n')
    const path = join(folder, 'big.csv')
    await writeFile(path, `x1,x2,label\n${body}\n`, 'utf8')
    const progress: CsvFileProgress[] = []
    const data = await readCsvFile(path, { inputs: ['x1', 'x2'], targets: ['label'], targetEncoding: 'one-hot' }, {
      chunkBytes: 4096,
      onProgress: (p) => progress.push(p),
    })
    expect(data.n).toBe(rows)
    expect(data.classes).toEqual(['größe', 'été'])
    expect([data.X[2 * 12_345], data.X[2 * 12_345 + 1]]).toEqual([12_345, 12_345 % 7])
    expect(progress.length).toBeGreaterThan(10)
    const last = progress.at(-1) as CsvFileProgress
    expect(last.rows).toBe(rows)
    expect(last.bytesRead).toBe(last.totalBytes)
  })

  it('rejects with the line of a bad row', async () => {
    const path = join(folder, 'bad.csv')
    await writeFile(path, 'x1,x2,y\r\n1,2,3\r\n4,five,6\r\n')
    const reading = readCsvFile(path, { inputs: ['x1', 'x2'], targets: ['y'] })
    await expect(reading).rejects.toBeInstanceOf(CsvError)
    await expect(reading).rejects.toThrow("line 3, column x2: 'five' is not a number")
  })

  it('rejects with the file system error for a missing file', async () => {
    await expect(readCsvFile(join(folder, 'missing.csv'), { inputs: ['a'], targets: ['b'] })).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

import { describe, expect, it } from 'vitest'
import { CsvError, detectCsvFormat, parseCsv, previewCsv, type CsvColumns } from './csv'
import { parseProject } from '../project/schema'
import { testProject } from '../testing/projects'

const XY: CsvColumns = { inputs: ['x1', 'x2'], targets: ['y'] }

describe('CSV formats: delimiter, decimal comma, header, skipping bad rows', () => {
  it('detects comma, semicolon, tab and pipe, and a decimal comma and a missing header', () => {
    expect(detectCsvFormat('x1,x2,y\n1,2,0\n3,4,1\n')).toEqual({ delimiter: ',', decimalComma: false, header: true })
    expect(detectCsvFormat('x1;x2;y\n1,5;2,25;0\n3;4;1\n')).toEqual({ delimiter: ';', decimalComma: true, header: true })
    expect(detectCsvFormat('x1\tx2\ty\n1.5\t2\t0\n')).toEqual({ delimiter: '\t', decimalComma: false, header: true })
    expect(detectCsvFormat('x1|x2|y\n1|2|0\n3|4|1\n')).toMatchObject({ delimiter: '|' })
    expect(detectCsvFormat('0.5,1,0\n2,3,1\n')).toMatchObject({ delimiter: ',', header: false })
  })

  it('reads a semicolon file with decimal commas as numbers (not one column, not split)', () => {
    const text = 'x1;x2;y\n1,5;-2,25;0\n3;4e-1;1\n'
    const preview = previewCsv(text)
    expect(preview.header).toEqual(['x1', 'x2', 'y'])
    expect(preview.types).toEqual(['numeric', 'numeric', 'numeric'])
    const data = parseCsv(text, { ...XY, ...preview.format })
    expect([...data.X]).toEqual([1.5, -2.25, 3, 0.4])
    expect([...data.Y]).toEqual([0, 1])
    // Read as plain commas, the same file is not numbers.
    expect(() => parseCsv(text, { ...XY, delimiter: ';' })).toThrow("line 2, column x1: '1,5' is not a number")
    // "1.234,5" would be a guess about a thousands separator: refused.
    expect(() => parseCsv('x1;x2;y\n1.234,5;1;0\n', { ...XY, delimiter: ';', decimalComma: true })).toThrow(/'1\.234,5' is not a number/)
  })

  it('keeps the first row of a file without a header, naming the columns column 1, column 2, …', () => {
    const text = '0.5,1,0\n2,3,1\n'
    const preview = previewCsv(text)
    expect(preview.header).toEqual(['column 1', 'column 2', 'column 3'])
    expect(preview.rows).toHaveLength(2)
    const data = parseCsv(text, { inputs: ['column 1', 'column 2'], targets: ['column 3'], header: false })
    expect(data.n).toBe(2)
    expect([...data.X]).toEqual([0.5, 1, 2, 3])
    expect(() => parseCsv('1,2,0\n3,4\n', { inputs: ['column 1', 'column 2'], targets: ['column 3'], header: false })).toThrow('line 2: expected 3 fields (as in the first row), found 2')
  })

  it('skips and counts bad rows when asked, keeping nothing of them', () => {
    const text = 'x1,x2,label\n1,2,a\n3,abc,b\n5,6\n7,8,c\n'
    const columns = { inputs: ['x1', 'x2'], targets: ['label'], targetEncoding: 'one-hot' as const }
    expect(() => parseCsv(text, columns)).toThrow("line 3, column x2: 'abc' is not a number")
    const data = parseCsv(text, { ...columns, skipBadRows: true })
    expect(data.n).toBe(2)
    expect([...data.X]).toEqual([1, 2, 7, 8])
    // The bad row's label 'b' never became a class.
    expect(data.classes).toEqual(['a', 'c'])
    expect(data.skipped).toEqual({ rows: 2, first: "line 3, column x2: 'abc' is not a number" })
    expect(() => parseCsv('x1,x2,y\na,1,0\n', { ...XY, skipBadRows: true })).toThrow(/every row was skipped \(1\); the first: line 2/)
  })

  it('refuses a decimal comma with a comma delimiter, in the parser and in the project file', () => {
    expect(() => parseCsv('x1,x2,y\n1,2,0\n', { ...XY, decimalComma: true })).toThrow(CsvError)
    const csv = { source: 'csv', path: 'd.csv', inputs: ['x1', 'x2'], targets: ['y'], trainFraction: 1 }
    const project = (data: object) => ({ ...testProject(2, [{ units: 1, activation: 'sigmoid' }], 'binary-cross-entropy'), data })
    expect(parseProject(project({ ...csv, delimiter: ';', decimalComma: true, header: false, skipBadRows: true })).ok).toBe(true)
    const bad = parseProject(project({ ...csv, decimalComma: true }))
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors[0]).toMatchObject({ path: 'data.decimalComma', message: expect.stringMatching(/other than comma/) })
    const delimiter = parseProject(project({ ...csv, delimiter: ':' }))
    expect(delimiter.ok).toBe(false)
    if (!delimiter.ok) expect(delimiter.errors[0].path).toBe('data.delimiter')
  })
})

import { describe, expect, it } from 'vitest'
import { CsvError, CsvStreamParser, MAX_CSV_CLASSES, parseCsv, previewCsv, type CsvColumns } from './csv'
import { countLineBreaks } from './csv-rows'

const XY: CsvColumns = { inputs: ['x1', 'x2'], targets: ['y'] }

/** The message parseCsv throws (fails the test when it does not throw a CsvError). */
function csvError(text: string, columns: CsvColumns = XY): string {
  try {
    parseCsv(text, columns)
  } catch (error) {
    expect(error).toBeInstanceOf(CsvError)
    return (error as Error).message
  }
  throw new Error('expected a CsvError')
}

/** Feeds the text in chunks of `size` characters. */
function parseChunked(text: string, size: number, columns: CsvColumns = XY) {
  const parser = new CsvStreamParser(columns)
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size))
  return parser.finish()
}

describe('parseCsv: data', () => {
  it('reads the chosen columns, ignores the others, and keeps the 2-D points', () => {
    const data = parseCsv('id,x1,note,x2,y\n1,0.5,a,-1,0.25\n2,1e3,b,2,-3\n', XY)
    expect([data.n, data.d, data.k]).toEqual([2, 2, 1])
    expect([...data.X]).toEqual([0.5, -1, 1000, 2])
    expect([...data.Y]).toEqual([0.25, -3])
    expect(data.kind).toBe('regression')
    expect(data.inputNames).toEqual(['x1', 'x2'])
    expect(data.targetNames).toEqual(['y'])
    expect(data.points).toEqual(data.X)
  })

  it('orders inputs as chosen, not as in the file', () => {
    const data = parseCsv('a,b,c\n1,2,3\n', { inputs: ['c', 'a'], targets: ['b'] })
    expect([...data.X]).toEqual([3, 1])
    expect(data.points).toEqual(data.X)
  })

  it('calls one 0/1 target column binary, several or other values regression', () => {
    const binary = parseCsv('x1,x2,y\n1,2,0\n3,4,1\n5,6,1\n', XY)
    expect(binary.kind).toBe('binary')
    expect(binary.classes).toEqual(['0', '1'])
    expect(parseCsv('x1,x2,y\n1,2,0\n3,4,0.5\n', XY).kind).toBe('regression')
    const two = parseCsv('x1,x2,a,b\n1,2,0,1\n3,4,1,0\n', { inputs: ['x1', 'x2'], targets: ['a', 'b'] })
    expect(two.kind).toBe('regression')
    expect(two.k).toBe(2)
    expect(two.classes).toBeUndefined()
  })

  it('has no points without exactly two inputs', () => {
    const data = parseCsv('a,b,c,y\n1,2,3,4\n', { inputs: ['a', 'b', 'c'], targets: ['y'] })
    expect(data.d).toBe(3)
    expect(data.points).toBeUndefined()
  })

  it('one-hot encodes a label column, classes in order of first appearance', () => {
    const data = parseCsv('x1,x2,kind\n1,2,setosa\n3,4,virginica\n5,6,setosa\n7,8, versicolor \n', {
      inputs: ['x1', 'x2'],
      targets: ['kind'],
      targetEncoding: 'one-hot',
    })
    expect(data.kind).toBe('multiclass')
    expect(data.classes).toEqual(['setosa', 'virginica', 'versicolor'])
    expect(data.targetNames).toEqual(data.classes)
    expect(data.k).toBe(3)
    expect([...data.Y]).toEqual([1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1])
  })

  it('keeps two one-hot classes multiclass with two outputs', () => {
    const data = parseCsv('x1,x2,c\n1,2,no\n3,4,yes\n', { inputs: ['x1', 'x2'], targets: ['c'], targetEncoding: 'one-hot' })
    expect(data.kind).toBe('multiclass')
    expect(data.k).toBe(2)
    expect([...data.Y]).toEqual([1, 0, 0, 1])
  })

  it('reads quoted fields, CRLF, a BOM, spaces around numbers and a trailing blank line', () => {
    const data = parseCsv('\uFEFFx1, x2 ,y\r\n"1.5", 2 ,"0"\r\n" -3",4,1\r\n\r\n', XY)
    expect(data.inputNames).toEqual(['x1', 'x2'])
    expect([...data.X]).toEqual([1.5, 2, -3, 4])
    expect([...data.Y]).toEqual([0, 1])
  })

  it('skips blank lines anywhere and reads a last row without a line break', () => {
    const data = parseCsv('x1,x2,y\n\n1,2,3\n   \n4,5,6', XY)
    expect([...data.Y]).toEqual([3, 6])
  })

  it('reads quoted multi-line text in an ignored column', () => {
    const data = parseCsv('x1,note,x2,y\n1,"two\nlines",2,3\n4,"a ""quote""",5,6\n', XY)
    expect([...data.X]).toEqual([1, 2, 4, 5])
  })

  it('reads old Mac line endings (lone CR)', () => {
    expect([...parseCsv('x1,x2,y\r1,2,3\r4,5,6\r', XY).Y]).toEqual([3, 6])
  })

  it('gives the same data whatever the chunk size', () => {
    const text = '\uFEFFx1,note,x2,y\r\n1,"a,\r\nb",2,3\r\n\r\n4,"""q""",5,6\r\n7,x,8,9'
    const whole = parseCsv(text, XY)
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const chunked = parseChunked(text, size)
      expect(chunked.X).toEqual(whole.X)
      expect(chunked.Y).toEqual(whole.Y)
    }
    expect([...whole.Y]).toEqual([3, 6, 9])
  })
})

describe('parseCsv: errors name the line and column', () => {
  it('refuses an empty file and a header without rows', () => {
    expect(csvError('')).toBe('the file is empty: a header row naming the columns is required')
    expect(csvError('\n\r\n  \n')).toBe('the file is empty: a header row naming the columns is required')
    expect(csvError('x1,x2,y\n')).toBe('line 1: the header has no data rows below it')
    expect(csvError('x1,x2,y')).toBe('line 1: the header has no data rows below it')
  })

  it('lists the available columns for unknown names', () => {
    expect(csvError('x1,x2,label\n1,2,3\n')).toBe("line 1: no column named 'y' (available: x1, x2, label)")
    expect(csvError('a,b\n1,2\n')).toBe("line 1: no column named 'x1', 'x2', 'y' (available: a, b)")
  })

  it('refuses duplicate header names', () => {
    expect(csvError('x1,x2,x1,y\n1,2,3,4\n')).toBe("line 1: column name 'x1' appears twice (columns 1 and 3)")
  })

  it('names the line and field counts of a ragged row', () => {
    expect(csvError('x1,x2,y\n1,2,3\n4,5\n')).toBe('line 3: expected 3 fields (as in the header), found 2')
    expect(csvError('x1,x2,y\n1,2,3,\n')).toBe('line 2: expected 3 fields (as in the header), found 4')
  })

  it('refuses text, empty cells, NaN, Infinity and hex in number columns', () => {
    const rows = Array.from({ length: 16 }, (_, i) => `${i},${i},0`).join('\n')
    expect(csvError(`x1,x2,y\n${rows}\n1,abc,0\n`)).toBe("line 18, column x2: 'abc' is not a number")
    expect(csvError('x1,x2,y\n1,,0\n')).toBe('line 2, column x2: empty cell (a number is required)')
    expect(csvError('x1,x2,y\n1,2,"  "\n')).toBe('line 2, column y: empty cell (a number is required)')
    expect(csvError('x1,x2,y\nNaN,2,0\n')).toBe("line 2, column x1: 'NaN' is not a finite number")
    expect(csvError('x1,x2,y\n1,-Infinity,0\n')).toBe("line 2, column x2: '-Infinity' is not a finite number")
    expect(csvError('x1,x2,y\n1,2,inf\n')).toBe("line 2, column y: 'inf' is not a finite number")
    expect(csvError('x1,x2,y\n0x10,2,0\n')).toBe("line 2, column x1: '0x10' is not a number")
    expect(csvError('x1,x2,y\n1,2,1e999\n')).toBe("line 2, column y: '1e999' is not a number")
  })

  it('counts lines honestly across CRLF, blank lines and quoted line breaks', () => {
    expect(csvError('x1,x2,y\r\n1,2,3\r\n\r\n4,x,6\r\n')).toBe("line 4, column x2: 'x' is not a number")
    expect(csvError('x1,note,x2,y\n1,"a\nb\r\nc",2,3\n4,"d",five,6\n')).toBe("line 5, column x2: 'five' is not a number")
    expect(csvError('\n\nx1,x2,y\n1,2,x\n')).toBe("line 4, column y: 'x' is not a number")
    expect(csvError('\n\nx1,x2\n1,2\n')).toBe("line 3: no column named 'y' (available: x1, x2)")
  })

  it('reports the same line whatever the chunk size', () => {
    const text = 'x1,note,x2,y\r\n1,"a\r\nb",2,3\r\n\r\n4,"c\nd\re",5,6\r\n7,"",8,oops\r\n'
    for (const size of [1, 2, 3, 4, 5, 8, 13, 1000]) {
      expect(() => parseChunked(text, size)).toThrow("line 8, column y: 'oops' is not a number")
    }
  })

  it('refuses unclosed and stray quotes', () => {
    expect(csvError('x1,x2,y\n1,2,3\n4,"5,6\n7,8,9\n')).toBe('line 3: quoted field is not closed')
    expect(csvError('x1,x2,y\n1,"2"x,3\n')).toBe(
      'line 2: stray quote after a quoted field (a closing quote must be followed by a comma or the end of the line)',
    )
  })

  it('refuses empty and too many class labels', () => {
    const oneHot: CsvColumns = { inputs: ['x1', 'x2'], targets: ['c'], targetEncoding: 'one-hot' }
    expect(csvError('x1,x2,c\n1,2,a\n3,4,\n', oneHot)).toBe('line 3, column c: empty cell (a class label is required)')
    const rows = Array.from({ length: MAX_CSV_CLASSES + 1 }, (_, i) => `1,2,label${i}`).join('\n')
    expect(csvError(`x1,x2,c\n${rows}\n`, oneHot)).toBe(`line ${MAX_CSV_CLASSES + 2}, column c: 'label${MAX_CSV_CLASSES}' would be class 257; at most 256 classes are supported`)
  })

  it('refuses column choices no file could meet', () => {
    expect(() => new CsvStreamParser({ inputs: [], targets: ['y'] })).toThrow('no input columns chosen')
    expect(() => new CsvStreamParser({ inputs: ['a'], targets: [] })).toThrow('no target columns chosen')
    expect(() => new CsvStreamParser({ inputs: ['a', 'b'], targets: ['a'] })).toThrow("column 'a' is chosen twice")
    expect(() => new CsvStreamParser({ inputs: ['a'], targets: ['b', 'c'], targetEncoding: 'one-hot' })).toThrow(
      'one-hot targets need exactly one label column, got 2',
    )
  })

  it('carries line and column on the error, and stays failed', () => {
    const parser = new CsvStreamParser(XY)
    let caught: unknown
    try {
      parser.push('x1,x2,y\n1,2,3\n4,?,6\n')
    } catch (error) {
      caught = error
    }
    expect(caught).toMatchObject({ name: 'CsvError', line: 3, column: 'x2' })
    expect(() => parser.push('7,8,9\n')).toThrow("line 3, column x2: '?' is not a number")
    expect(() => parser.finish()).toThrow("line 3, column x2: '?' is not a number")
  })
})

describe('CsvStreamParser on a big file', () => {
  it('parses 10^6 streamed rows into typed arrays, reporting progress', () => {
    const rows = 1_000_000
    const progress: number[] = []
    const parser = new CsvStreamParser(XY, { onProgress: (n) => progress.push(n) })
    parser.push('x1,x2,label,y\r\n')
    const rowsPerChunk = 25_000
    for (let start = 0; start < rows; start += rowsPerChunk) {
      let chunk = ''
      for (let i = start; i < start + rowsPerChunk; i++) chunk += `${i * 0.5},${-i},c${i % 3},${i % 2}\r\n`
      // Cut mid-row so rows straddle chunks, as file reads do.
      parser.push(chunk.slice(0, 7))
      parser.push(chunk.slice(7))
    }
    const data = parser.finish()
    expect(data.n).toBe(rows)
    expect(data.kind).toBe('binary')
    expect(data.X.length).toBe(2 * rows)
    expect([data.X[0], data.X[1], data.Y[0]]).toEqual([0, 0, 0])
    expect([data.X[2 * 777_777], data.X[2 * 777_777 + 1], data.Y[777_777]]).toEqual([388_888.5, -777_777, 1])
    expect([data.X[2 * (rows - 1)], data.Y[rows - 1]]).toEqual([499_999.5, 1])
    expect(progress.at(-1)).toBe(rows)
    expect(progress.length).toBeGreaterThan(40)
    expect(progress.every((n, i) => i === 0 || n >= progress[i - 1])).toBe(true)
  }, 20_000)
})

describe('previewCsv', () => {
  it('shows the header, the first rows and a type per column', () => {
    const preview = previewCsv('\uFEFF a ,b,c,d\n1,x,,3\n2.5,y,,\n-1,3,,4\n', 2)
    expect(preview.header).toEqual(['a', 'b', 'c', 'd'])
    expect(preview.rows).toEqual([
      ['1', 'x', '', '3'],
      ['2.5', 'y', '', ''],
    ])
    expect(preview.types).toEqual(['numeric', 'text', 'text', 'numeric'])
    expect(preview.truncated).toBe(true)
  })

  it('says when every row is shown', () => {
    const preview = previewCsv('a,b\n1,2\n\n', 5)
    expect(preview.rows).toEqual([['1', '2']])
    expect(preview.truncated).toBe(false)
  })

  it('reads only the start of a big text and ignores problems past the rows shown', () => {
    const text = `a,b\n${'1,2\n'.repeat(100_000)}"unclosed,3\n`
    const preview = previewCsv(text, 3)
    expect(preview.rows.length).toBe(3)
    expect(preview.truncated).toBe(true)
  })

  it('refuses an empty file', () => {
    expect(() => previewCsv('')).toThrow('the file is empty: a header row naming the columns is required')
  })
})

describe('countLineBreaks', () => {
  it('counts \\r\\n, lone \\r and lone \\n once each', () => {
    expect(countLineBreaks('a\r\nb\rc\nd', 0, 8)).toBe(3)
    expect(countLineBreaks('\n\n', 0, 2)).toBe(2)
    expect(countLineBreaks('ab', 0, 2)).toBe(0)
  })
})

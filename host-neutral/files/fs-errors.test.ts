import { describe, expect, it } from 'vitest'
import { describeFileError } from './fs-errors'

const errno = (code: string) => Object.assign(new Error(`${code}: raw message`), { code })

describe('describeFileError', () => {
  it('says what went wrong in words and names the file', () => {
    expect(describeFileError('save', 'p.json', errno('EACCES'))).toBe('Could not save "p.json": permission denied.')
    expect(describeFileError('open', '/x/p.json', errno('ENOENT'))).toBe('Could not open "/x/p.json": the file or its folder does not exist.')
    expect(describeFileError('export', 'm.csv', errno('ENOSPC'))).toBe('Could not export "m.csv": the disk is full.')
  })

  it('falls back to the error message for unknown codes', () => {
    expect(describeFileError('read', 'd.csv', new Error('strange'))).toBe('Could not read "d.csv": strange.')
  })
})

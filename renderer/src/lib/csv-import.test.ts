import { describe, expect, it } from 'vitest'
import { previewCsv } from '../../../engine/data/csv'
import { choiceProblem, csvSpec, defaultChoice, parseChoice } from './csv-import'

const GOOD = 'x1,x2,label\n1,2,a\n3,4,b\n5,6,a\n'
const BAD = 'x1,x2,y\n1,2,0\n3,abc,1\n5,6,0\n'

describe('CSV import choices', () => {
  it('defaults to numeric columns as inputs and the last column as the target, labels one-hot', () => {
    const preview = previewCsv(GOOD)
    const choice = defaultChoice(preview)
    expect(choice.roles).toEqual(['input', 'input', 'target'])
    expect(choice.encoding).toBe('one-hot')
    const parsed = parseChoice(GOOD, preview, choice)
    expect(parsed.ok && parsed.dataset.kind).toBe('multiclass')
    expect(csvSpec('d.csv', preview, choice)).toMatchObject({ source: 'csv', path: 'd.csv', inputs: ['x1', 'x2'], targets: ['label'], targetEncoding: 'one-hot' })
  })

  it('names the row and the column of a bad cell', () => {
    const preview = previewCsv(BAD)
    // The preview guessed x2 is text (it saw 'abc'); the user makes it an input anyway.
    const parsed = parseChoice(BAD, preview, { ...defaultChoice(preview), roles: ['input', 'input', 'target'] })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.error.message).toBe("Row 2 (line 3), column x2: 'abc' is not a number")
    expect(parsed.error).toMatchObject({ line: 3, column: 'x2' })
  })

  it('refuses a choice without inputs or target before parsing', () => {
    const preview = previewCsv(GOOD)
    expect(choiceProblem(preview, { ...defaultChoice(preview), roles: ['ignore', 'ignore', 'target'] })).toMatch(/input/)
    expect(choiceProblem(preview, { ...defaultChoice(preview), roles: ['input', 'input', 'ignore'] })).toMatch(/target/)
  })
})

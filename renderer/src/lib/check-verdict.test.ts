import { describe, expect, it } from 'vitest'
import { verdictOf } from './check-verdict'

describe('gradient check verdicts', () => {
  it('reads relative errors as good, doubtful or wrong', () => {
    expect(verdictOf(3e-9)).toBe('good')
    expect(verdictOf(1e-6)).toBe('doubtful')
    expect(verdictOf(5e-4)).toBe('doubtful')
    expect(verdictOf(1e-3)).toBe('wrong')
    expect(verdictOf(Number.NaN)).toBe('wrong')
  })
})

import { describe, expect, it } from 'vitest'
import { makeScale } from './run-scales'

describe('runs chart scales', () => {
  it('puts rates on a log axis, other numbers on a linear one, words in categories', () => {
    const rates = makeScale([0.001, 0.01, 0.1], true)
    expect(rates.kind).toBe('log')
    expect([0.001, 0.01, 0.1].map((v) => rates.at(v))).toEqual([0, 0.5, 1])
    const units = makeScale([8, 16, 32], false)
    expect(units.at(16)).toBeCloseTo(1 / 3)
    const names = makeScale(['sgd', 'adam', 'sgd'], false)
    expect(names.kind).toBe('category')
    expect([names.at('adam'), names.at('sgd'), names.at(undefined)]).toEqual([0, 1, null])
    expect(makeScale([0, 1], true).kind).toBe('linear')
  })
})

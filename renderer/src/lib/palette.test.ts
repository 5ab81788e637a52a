import { describe, expect, it } from 'vitest'
import { CATEGORICAL, NEGATIVE, POSITIVE, categorical, seriesStyle } from './palette'

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])

describe('the categorical palette', () => {
  it('keeps class 0 and 1 as the decision boundary draws them (orange, blue)', () => {
    expect(categorical(0)).toEqual(NEGATIVE)
    expect(categorical(1)).toEqual(POSITIVE)
  })

  it('gives ten classes ten clearly different colours (no near-identical pair)', () => {
    let closest = Infinity
    for (let a = 0; a < 10; a++) for (let b = a + 1; b < 10; b++) closest = Math.min(closest, distance(categorical(a), categorical(b)))
    expect(CATEGORICAL).toHaveLength(10)
    expect(closest).toBeGreaterThan(45)
  })

  it('gives twelve layers twelve distinct styles: colours repeat only with a dash', () => {
    const styles = Array.from({ length: 40 }, (_, k) => seriesStyle(k))
    const keys = new Set(styles.map((s) => `${s.rgb.join(',')}|${s.dash?.join(',') ?? 'solid'}`))
    expect(keys.size).toBe(40)
    expect(styles[0].dash).toBeUndefined()
    expect(styles[10].rgb).toEqual(styles[0].rgb)
    expect(styles[10].dash).toBeDefined()
  })

  it('wraps negative and large indices into the palette', () => {
    expect(categorical(-1)).toEqual(categorical(9))
    expect(categorical(23)).toEqual(categorical(3))
  })
})

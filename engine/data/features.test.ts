import { describe, expect, it } from 'vitest'
import { applyFeatures, createFeatureMap, DEFAULT_FEATURES, FEATURE_NAMES, featureLabel, featureValue, isFeatureName } from './features'

describe('features', () => {
  it('computes each feature of a point', () => {
    const [x1, x2] = [0.5, -2]
    const expected = [0.5, -2, 0.25, 4, -1, Math.sin(0.5), Math.sin(-2)]
    expect(FEATURE_NAMES.map((name) => featureValue(name, x1, x2))).toEqual(expected)
  })

  it('defaults to the raw point', () => {
    expect(DEFAULT_FEATURES).toEqual(['x1', 'x2'])
    const out = new Float64Array(2)
    createFeatureMap(DEFAULT_FEATURES)(3, 4, out, 0)
    expect([...out]).toEqual([3, 4])
  })

  it('writes the chosen features in order at the offset', () => {
    const out = new Float64Array(5).fill(-9)
    createFeatureMap(['x1*x2', 'x2^2', 'x1'])(2, 3, out, 2)
    expect([...out]).toEqual([-9, -9, 6, 9, 2])
  })

  it('maps a point matrix to a feature matrix', () => {
    const points = Float64Array.of(1, 2, -1, 0.5)
    expect([...applyFeatures(points, 2, ['x1^2', 'x1*x2'])]).toEqual([1, 2, 1, -0.5])
  })

  it('refuses empty, unknown and repeated feature lists', () => {
    expect(() => createFeatureMap([])).toThrow('features: at least one feature is required')
    expect(() => createFeatureMap(['x3' as never])).toThrow("features: unknown feature 'x3'")
    expect(() => createFeatureMap(['x1', 'x1'])).toThrow("features: 'x1' is listed twice")
  })

  it('names features after the raw columns', () => {
    expect(featureLabel('sin(x2)', ['height', 'width'])).toBe('sin(width)')
    expect(featureLabel('x1*x2', ['a', 'b'])).toBe('a*b')
    expect(featureLabel('x1^2', ['x1', 'x2'])).toBe('x1^2')
    expect(isFeatureName('x1^2')).toBe(true)
    expect(isFeatureName('x1^3')).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { axisTickLabels, compactCount, formatMetric } from './number-format'

describe('compactCount', () => {
  it('shortens step counts so neighbouring ticks never run together', () => {
    expect([0, 950, 1500, 50_000, 100_000, 1_250_000].map(compactCount)).toEqual(['0', '950', '1.5k', '50k', '100k', '1.25M'])
  })
})

describe('axisTickLabels', () => {
  it('writes all ticks of an axis in one format', () => {
    expect(axisTickLabels([0.01, 0.1, 1])).toEqual(['0.01', '0.1', '1'])
    // One tick too small for decimals puts the whole axis in exponent form (not "0.01" beside "1.000e-4").
    expect(axisTickLabels([0.0001, 0.001, 0.01])).toEqual(['1e−4', '1e−3', '1e−2'])
    expect(axisTickLabels([0, 20_000, 40_000])).toEqual(['0', '2e+4', '4e+4'])
  })

  it('labels only powers of ten on a log axis when two or more are in view', () => {
    expect(axisTickLabels([1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 1e-2], true)).toEqual(['1e−4', '', '', '1e−3', '', '1e−2'])
    expect(axisTickLabels([0.1, 0.2, 0.3, 0.5, 1], true)).toEqual(['0.1', '', '', '', '1'])
  })

  it('falls back to 1, 2 and 5 times a power of ten on a narrow log axis', () => {
    expect(axisTickLabels([0.2, 0.3, 0.5, 0.7], true)).toEqual(['0.2', '', '0.5', ''])
  })
})

describe('formatMetric', () => {
  it('clamps a diverged R² instead of printing −3.69e+165', () => {
    expect(formatMetric('R²', -3.69e165)).toBe('< −1000')
    expect(formatMetric('R²', -0.25)).toBe('−0.2500')
    expect(formatMetric('R²', 0.98765)).toBe('0.9877')
  })

  it('prints accuracy as a percentage and a missing value as a dash', () => {
    expect(formatMetric('Accuracy', 0.9345)).toBe('93.5%')
    expect(formatMetric('Accuracy', undefined)).toBe('–')
  })
})

import { describe, expect, it } from 'vitest'
import { measureSimdPeak, stepFlops } from './simd-peak'
import { WORKLOADS } from './workloads'
import { parseList, benchFilter, selectedWorkloads } from './bench-filter'

const workload = (name: string) => WORKLOADS.find((w) => w.name === name)!

describe('the bench against the SIMD peak', () => {
  it('counts a step’s FLOPs from the shapes: forward, dC/dW, and dC/dX for all layers but the first', () => {
    // W3 784-128-64-10, batch 64: Σ n_in·n_out = 100352 + 8192 + 640; dC/dX skips the 100352.
    expect(stepFlops(workload('W3'))).toBe(2 * 64 * (2 * (100352 + 8192 + 640) + 8192 + 640))
    // W1 2-8-8-1, batch 10: 16 + 64 + 8.
    expect(stepFlops(workload('W1'))).toBe(2 * 10 * (2 * 88 + 72))
  })

  it.each(['float32', 'float64'] as const)('%s: the peak loop runs and gives a finite positive rate', (precision) => {
    const peak = measureSimdPeak('wasm-simd', precision, 2)
    expect(peak.precision).toBe(precision)
    expect(peak.gflops).toBeGreaterThan(0)
    expect(Number.isFinite(peak.gflops)).toBe(true)
  })
})

describe('bench filters', () => {
  it('keeps the named workloads, and names a typo instead of measuring nothing', () => {
    const filter = benchFilter({ workloads: 'W2,W4', precision: 'float32' }, WORKLOADS.map((w) => w.name))
    expect(selectedWorkloads(WORKLOADS, filter).map((w) => w.name)).toEqual(['W2', 'W4'])
    expect(filter.precision).toBe('float32')
    expect(() => parseList('W2,W9', '--workloads', ['W1', 'W2'])).toThrow(/--workloads: unknown W9/)
    expect(() => benchFilter({ precision: 'float16' }, [])).toThrow(/--precision: unknown float16/)
  })
})

import { describe, expect, it } from 'vitest'
import { computeRatios, type Row } from './bars'

const row = (contestant: string, stepsPerSecond: number, medianStepMs?: number): Row => ({
  group: 'float64',
  workload: 'W3',
  contestant,
  stepsPerSecond,
  rounds: [stepsPerSecond],
  ...(medianStepMs ? { medianStepMs } : {}),
})

describe('computeRatios', () => {
  it('gives two threads against one from the rounds, and from the median step times where both have them', () => {
    const ratios = computeRatios([row('ours-wasm-simd', 800, 1.2), row('ours-wasm-simd-t2', 1000, 0.7), row('tfjs-wasm', 200)], 'ours-wasm-simd', {})
    const threads = ratios.find((r) => r.workload === 'W3' && r.ours === 'ours-wasm-simd-t2' && r.peer === 'ours-wasm-simd')!
    expect(threads.measured).toBeCloseTo(1.25, 10)
    expect(threads.pass).toBe(false) // the bar (1.7×) is judged on the rounds
    expect(threads.perStep).toBeCloseTo(1.2 / 0.7, 10)
    const peer = ratios.find((r) => r.workload === 'W3' && r.ours === 'ours-wasm-simd' && r.peer === 'tfjs-wasm')!
    expect(peer.measured).toBeCloseTo(4, 10)
    expect(peer.perStep).toBeUndefined() // a peer's steps are not timed one by one
  })
})

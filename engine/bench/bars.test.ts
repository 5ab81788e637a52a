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

describe('the "not slower" bars (two threads running the same code as one)', () => {
  const rows = (t1: number[], t2: number[]): Row[] =>
    [['ours-wasm-simd', t1], ['ours-wasm-simd-t2', t2]].map(([contestant, rounds]) => ({
      group: 'float64',
      workload: 'W1',
      contestant: contestant as string,
      rounds: rounds as number[],
      stepsPerSecond: [...(rounds as number[])].sort((a, b) => a - b)[2],
    }))
  const verdict = (t1: number[], t2: number[]) => computeRatios(rows(t1, t2), 'ours-wasm-simd', {}).find((r) => r.workload === 'W1' && r.ours === 'ours-wasm-simd-t2')!

  it('passes a tie lost by noise, where two threads were as fast in some rounds', () => {
    const v = verdict([100, 101, 99, 100, 102], [101, 99, 98, 99, 103])
    expect(v.measured).toBeCloseTo(0.99, 10)
    expect(v.roundsWon).toEqual([2, 5])
    expect(v.pass).toBe(true)
  })

  it('fails when two threads lose every round, or by more than the tolerance', () => {
    expect(verdict([100, 101, 99, 100, 102], [99, 100, 98, 99, 101]).pass).toBe(false)
    expect(verdict([100, 100, 100, 100, 100], [120, 90, 90, 90, 120]).pass).toBe(false)
  })
})

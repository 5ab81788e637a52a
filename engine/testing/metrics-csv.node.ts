/** Comparing two `train --log` CSVs (the engine's and an exported script's), for the export tests. */
import { expect } from 'vitest'
import type { Output } from '../node/cli-commands'

export function quietIo(): Output & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) }
  return io
}

const relative = (a: number, b: number): number => (a === b || (Number.isNaN(a) && Number.isNaN(b)) ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)))

/**
 * Asserts the same header, epochs, steps and split; losses and R² within `tolerance` (relative),
 * accuracy equal. Returns the largest relative difference seen.
 */
export function compareMetrics(referenceText: string, actualText: string, tolerance: number): number {
  const parse = (text: string) => text.trim().split('\n').map((line) => line.split(','))
  const [refHeader, ...ref] = parse(referenceText)
  const [header, ...rows] = parse(actualText)
  expect(header).toEqual(refHeader)
  expect(rows.length).toBe(ref.length)
  expect(ref.length).toBeGreaterThan(0)
  let worst = 0
  ref.forEach((expected, r) => {
    const row = rows[r]
    expect([row[0], row[1], row[6]]).toEqual([expected[0], expected[1], expected[6]])
    for (const c of [2, 3, 5]) {
      if (expected[c] === '') {
        expect(row[c]).toBe('')
        continue
      }
      const d = relative(Number(expected[c]), Number(row[c]))
      expect(d, `epoch ${expected[0]}, ${refHeader[c]}: ${row[c]} vs ${expected[c]}`).toBeLessThanOrEqual(tolerance)
      worst = Math.max(worst, d)
    }
    expect(row[4]).toBe(expected[4])
  })
  return worst
}

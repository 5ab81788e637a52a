// The sweep runner on the process's warm pool, with the real run-worker: points handed out, the
// longest first, to as many lanes as the sweep asks for (never more at once, whatever the pool
// holds), and a worker that has served other runs computes the same numbers as the first time
// (nothing leaks between runs).
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleForChild, removeChildBundle } from '../../host-neutral/test-support/bundle-for-child'
import { expandGrid } from '../runs/grid'
import { testProject } from '../testing/projects'
import { SweepRunner } from './sweep-runner'
import { closeWarmPools, warmPool } from './warm-pools'
import type { ProjectFile } from '../project/types'
import type { RunLine, RunRecord } from '../runs/record'

const project: ProjectFile = {
  ...testProject(2, [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { epochs: 5, batchSize: 8, shuffle: true }),
  data: { source: 'synthetic', name: 'spiral', samples: 160, noise: 0.1, trainFraction: 0.75 },
}
const points = expandGrid(project, [
  { path: 'training.optimizer.learningRate', values: [0.3, 0.03] },
  { path: 'network.layers.0.units', values: [3, 8] },
])

let worker = ''
beforeAll(async () => {
  worker = await bundleForChild(join(import.meta.dirname, 'run-worker.ts'))
}, 120_000)
afterAll(async () => {
  await closeWarmPools()
  await removeChildBundle(worker)
})

/** One sweep of the points with `lanes` runs at a time; the records and the most runs seen at once. */
async function sweepOn(lanes: number) {
  const lines: RunLine[] = []
  const sink = { append: async (line: RunLine) => void lines.push(line), flushed: async () => {} }
  let running = 0
  let most = 0
  const started: number[] = []
  const runner = new SweepRunner(warmPool(worker, 2), sink, lanes)
  const records = await runner.run(
    { points, sweepId: `lanes-${lanes}` },
    {
      onStart: (_point, index) => {
        started.push(index)
        most = Math.max(most, ++running)
      },
      onEnd: () => void running--,
    },
  )
  return { records, lines, most, started }
}

const finals = (records: RunRecord[]) => records.map((r) => [r.settings, r.status, r.steps, r.final])

describe('the sweep runner', () => {
  it('runs at most `workers` points at once on a bigger warm pool, every point once, in order', async () => {
    const one = await sweepOn(1)
    expect(warmPool(worker, 1).size).toBe(2)
    expect(one.most).toBe(1)
    // The longest first: the 8-unit runs (points 1 and 3), then the 3-unit ones, each in grid order.
    expect(one.started).toEqual([1, 3, 0, 2])
    expect(one.records.map((r) => r.settings)).toEqual(points.map((p) => p.settings))
    expect(one.lines.filter((l) => 'status' in l && l.status === 'finished')).toHaveLength(4)
    const two = await sweepOn(2)
    expect(two.most).toBe(2)
    expect(two.records).toHaveLength(4)
  }, 120_000)

  it('workers that served other runs compute the same numbers again', async () => {
    const first = await sweepOn(2)
    const again = await sweepOn(2)
    expect(first.records.every((r) => r.status === 'finished')).toBe(true)
    expect(finals(again.records)).toEqual(finals(first.records))
    expect(again.records.map((r) => r.curves)).toEqual(first.records.map((r) => r.curves))
  }, 120_000)
})

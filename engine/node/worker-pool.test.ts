import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleForChild, removeChildBundle } from '../../host-neutral/test-support/bundle-for-child'
import { defaultWorkerCount, WorkerCrashed, WorkerPool } from './worker-pool'
import { closeWarmPools, warmPool } from './warm-pools'

let script = ''
beforeAll(async () => {
  script = await bundleForChild(join(import.meta.dirname, 'test-workers', 'echo-worker.ts'))
}, 120_000)
afterAll(() => removeChildBundle(script))

describe('the worker pool', () => {
  it('runs every job once, at most `size` at a time, results and events to the right caller', async () => {
    const pool = new WorkerPool(script, 2)
    let most = 0
    const events: unknown[] = []
    const jobs = [1, 2, 3, 4, 5].map((value) =>
      pool.run<{ doubled: number }>({ kind: 'slow', value }, (e) => events.push([value, e]), () => (most = Math.max(most, pool.busy))),
    )
    expect((await Promise.all(jobs)).map((r) => r.doubled)).toEqual([2, 4, 6, 8, 10])
    expect(most).toBe(2)
    expect(events).toHaveLength(5)
    expect(events).toContainEqual([3, { half: 1.5 }])
    await pool.close()
  })

  it('rejects a job that throws, and a job whose worker dies; the pool replaces the worker and goes on', async () => {
    const pool = new WorkerPool(script, 1)
    await expect(pool.run({ kind: 'throw', value: 7 })).rejects.toThrow('job 7 refused')
    const died = pool.run({ kind: 'die', value: 0 })
    const after = pool.run<{ doubled: number }>({ kind: 'echo', value: 21 })
    await expect(died).rejects.toBeInstanceOf(WorkerCrashed)
    expect((await after).doubled).toBe(42)
    await pool.close()
    await expect(pool.run({ kind: 'echo', value: 1 })).rejects.toThrow('the worker pool is closed')
  })

  it('a warm pool is kept between uses: the same worker threads serve job after job; growing keeps them', async () => {
    try {
      const pool = warmPool(script, 1)
      type Echo = { doubled: number; thread: number }
      const first = await pool.run<Echo>({ kind: 'echo', value: 1 })
      expect(warmPool(script, 1)).toBe(pool)
      expect((await pool.run<Echo>({ kind: 'echo', value: 2 })).thread).toBe(first.thread)
      expect(warmPool(script, 2)).toBe(pool)
      expect(pool.size).toBe(2)
      const threads = new Set((await Promise.all([1, 2, 3, 4].map((value) => pool.run<Echo>({ kind: 'slow', value })))).map((r) => r.thread))
      expect(threads.size).toBe(2)
      expect(threads.has(first.thread)).toBe(true)
    } finally {
      await closeWarmPools()
    }
  })

  it('a warm pool that ran nothing for its idle time is stopped; the next use starts a new one', async () => {
    try {
      const IDLE = 1000
      const pool = warmPool(script, 1, IDLE)
      await pool.run({ kind: 'echo', value: 1 })
      expect(warmPool(script, 1, IDLE)).toBe(pool)
      await new Promise((wake) => setTimeout(wake, IDLE + 500))
      await expect(pool.run({ kind: 'echo', value: 1 })).rejects.toThrow('the worker pool is closed')
      const next = warmPool(script, 1, IDLE)
      expect(next).not.toBe(pool)
      expect((await next.run<{ doubled: number }>({ kind: 'echo', value: 4 })).doubled).toBe(8)
    } finally {
      await closeWarmPools()
    }
  })

  it('gives up on a worker script that cannot load: its jobs fail with the reason, no endless restarts', async () => {
    const broken = await bundleForChild(join(import.meta.dirname, 'test-workers', 'broken-worker.ts'))
    try {
      const pool = new WorkerPool(broken, 2)
      await expect(pool.run({ kind: 'echo', value: 1 })).rejects.toThrow(/the worker threads cannot start \(3 in a row\): .*this worker script is broken/)
      expect(pool.isClosed).toBe(true)
      await expect(pool.run({ kind: 'echo', value: 1 })).rejects.toThrow('cannot start')
    } finally {
      await removeChildBundle(broken)
    }
  })

  it('defaults to the cores minus one, at least one, and refuses an empty pool', () => {
    expect(defaultWorkerCount()).toBeGreaterThanOrEqual(1)
    expect(() => new WorkerPool(script, 0)).toThrow('a pool needs at least one worker, got 0')
  })
})

import { describe, expect, it } from 'vitest'
import { jsKernel, jsKernel32 } from '../math/js-kernel'
import { parseEngineRequest } from './request-schema'
import { ThreadSetting } from './thread-setting'
import type { MatKernel } from '../math/kernel'
import type { ThreadService } from '../math/kernel-team'

function service(cores: number): ThreadService & { applied: [string, number][] } {
  const applied: [string, number][] = []
  return { cores, auto: Math.max(1, cores - 1), applied, apply: (kernel: MatKernel, threads: number) => void applied.push([kernel.name, threads]) }
}

describe('the thread setting', () => {
  it("applies 'auto' (cores − 1) to kernels as the session adopts them, and a new count to every kernel in use", () => {
    const threads = service(8)
    const setting = new ThreadSetting(threads)
    setting.adopt(jsKernel)
    expect(threads.applied).toEqual([['js-f64', 7]])
    expect(setting.set(3, [jsKernel, jsKernel32])).toEqual({ setting: 3, threads: 3, cores: 8 })
    expect(threads.applied.slice(1)).toEqual([['js-f64', 3], ['js-f32', 3]])
  })

  it('allows more threads than cores, with a warning', () => {
    const reply = new ThreadSetting(service(2)).set(4, [])
    expect(reply).toMatchObject({ threads: 4, cores: 2 })
    expect(reply.warning).toMatch(/4 threads on 2 cores/)
  })

  it('answers one thread, and says why, where the host has no threads', () => {
    expect(new ThreadSetting(undefined).set(2, [jsKernel])).toMatchObject({ threads: 1, warning: expect.stringMatching(/no worker threads/) })
  })

  it("accepts 'auto' and whole counts from 1 in set-threads, nothing else", () => {
    expect(parseEngineRequest({ id: 1, type: 'set-threads', threads: 'auto' }).ok).toBe(true)
    expect(parseEngineRequest({ id: 2, type: 'set-threads', threads: 2 }).ok).toBe(true)
    for (const threads of [0, 1.5, -1, '2', null]) expect(parseEngineRequest({ id: 3, type: 'set-threads', threads }).ok).toBe(false)
  })
})

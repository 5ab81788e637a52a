import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { forkChildEngine, type ChildEngineHandle } from './child-engine'
import { EngineSupervisor, restartDelay, type BackoffPolicy, type Clock, type EngineProcessHandle, type ProcessExit, type ReadyInfo } from './engine-supervisor'

const STUB = join(import.meta.dirname, 'test-fixtures', 'engine-stub.mjs')
const FAST: BackoffPolicy = { initialDelayMs: 40, factor: 2, maxDelayMs: 150, maxQuickFailures: 4, slowRetryMs: 60_000, stableAfterMs: 60_000, readyTimeoutMs: 5_000 }

/** A supervisor over real child processes, recording what happens. */
function supervise(behaviour: string, policy: BackoffPolicy = FAST) {
  const spawned: { pid: number | undefined; at: number; exitedAt?: number }[] = []
  const ready: { pid: number | undefined; info: ReadyInfo }[] = []
  const messages: unknown[] = []
  const log: string[] = []
  let unavailable: string | null = null
  const waiters: (() => void)[] = []
  const changed = () => waiters.splice(0).forEach((wake) => wake())
  const supervisor = new EngineSupervisor<ChildEngineHandle>(
    () => {
      const handle = forkChildEngine(STUB, { args: [behaviour], log: (line) => log.push(line) })
      const record: (typeof spawned)[number] = { pid: handle.pid, at: Date.now() }
      spawned.push(record)
      handle.onExit(() => {
        record.exitedAt = Date.now()
        changed()
      })
      return handle
    },
    {
      ready: (handle, info) => (ready.push({ pid: handle.pid, info }), changed()),
      message: (_handle, message) => (messages.push(message), changed()),
      unavailable: (reason) => ((unavailable = reason), changed()),
      log: (line) => log.push(line),
    },
    policy,
  )
  const until = async (condition: () => boolean, ms = 10_000): Promise<void> => {
    const deadline = Date.now() + ms
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out; log:\n${log.join('\n')}`)
      await new Promise<void>((wake) => {
        waiters.push(wake)
        setTimeout(wake, 50)
      })
    }
  }
  supervisors.push(supervisor)
  return { supervisor, spawned, ready, messages, log, until, unavailable: () => unavailable }
}

const supervisors: EngineSupervisor<ChildEngineHandle>[] = []
afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((s) => s.stop()))
})

describe('restartDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => restartDelay(FAST, n))).toEqual([40, 80, 150, 150, 150, 150])
  })
})

describe('EngineSupervisor with real child processes', () => {
  it('restarts a killed engine and the new one answers', async () => {
    const run = supervise('healthy')
    run.supervisor.start()
    await run.until(() => run.ready.length === 1)
    expect(run.ready[0].info).toEqual({ restarts: 0, reason: null })
    const first = run.ready[0].pid!

    process.kill(first, 'SIGKILL') // as a crash would, from outside
    await run.until(() => run.ready.length === 2)
    expect(run.ready[1].pid).not.toBe(first)
    expect(run.ready[1].info.restarts).toBe(1)
    expect(run.ready[1].info.reason).toMatch(/killed by SIGKILL after \d+ ms/)

    run.supervisor.current!.send({ hello: new Float64Array([1.5, NaN]) })
    await run.until(() => run.messages.length === 1)
    expect(run.messages[0]).toEqual({ type: 'echo', message: { hello: new Float64Array([1.5, NaN]) } })
  })

  it('backs off exponentially and reports the engine unavailable after repeated quick failures', async () => {
    const run = supervise('crash-after-ready')
    run.supervisor.start()
    await run.until(() => run.unavailable() !== null)
    expect(run.spawned).toHaveLength(FAST.maxQuickFailures)
    const gaps = run.spawned.slice(1).map((s, i) => s.at - run.spawned[i].exitedAt!)
    const expected = [1, 2, 3].map((n) => restartDelay(FAST, n))
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(expected[i] - 2))
    expect(run.unavailable()).toMatch(/failed 4 times in a row \(last: the engine exited with code 3 after \d+ ms\)/)
    expect(run.supervisor.state).toBe('unavailable')
    // Then only slow retries (a minute apart here): none within the next 400 ms.
    await new Promise((wake) => setTimeout(wake, 400))
    expect(run.spawned).toHaveLength(FAST.maxQuickFailures)
  })

  it('after giving up, "Restart engine" (restartNow) starts a real engine at once, and it answers', async () => {
    const run = supervise('crash-before-ready', { ...FAST, maxQuickFailures: 2 })
    run.supervisor.start()
    await run.until(() => run.unavailable() !== null)
    expect(run.supervisor.restartNow()).toBe(true)
    expect(run.spawned).toHaveLength(3)
    await run.until(() => run.spawned[2].exitedAt !== undefined)
    // Still broken: one more failure with a fresh count is not yet "unavailable" again; it backs off.
    expect(run.supervisor.state).toBe('waiting')
    expect(run.supervisor.restartNow()).toBe(true)
    expect(run.supervisor.restartNow()).toBe(false) // one is starting already
  })

  it('kills an engine that never says ready, and counts it as a failure', async () => {
    const run = supervise('silent', { ...FAST, readyTimeoutMs: 300, maxQuickFailures: 2 })
    run.supervisor.start()
    await run.until(() => run.unavailable() !== null)
    expect(run.ready).toHaveLength(0)
    expect(run.spawned).toHaveLength(2)
    expect(run.spawned.every((s) => s.exitedAt !== undefined)).toBe(true)
    expect(run.unavailable()).toMatch(/did not say ready within 300 ms/)
  })

  it('counts an engine that dies before ready', async () => {
    const run = supervise('crash-before-ready', { ...FAST, maxQuickFailures: 2 })
    run.supervisor.start()
    await run.until(() => run.unavailable() !== null)
    expect(run.unavailable()).toMatch(/exited with code 4 before it was ready/)
  })

  it('stop() kills the engine and does not restart it', async () => {
    const run = supervise('healthy')
    run.supervisor.start()
    await run.until(() => run.ready.length === 1)
    await run.supervisor.stop()
    expect(run.spawned[0].exitedAt).toBeDefined()
    await new Promise((wake) => setTimeout(wake, 200))
    expect(run.spawned).toHaveLength(1)
    expect(run.supervisor.state).toBe('stopped')
  })
})

describe('EngineSupervisor bookkeeping (fake clock, fake processes)', () => {
  function fakeWorld() {
    let now = 0
    const timers: { at: number; run: () => void }[] = []
    const clock: Clock = {
      now: () => now,
      setTimeout: (run, ms) => {
        const timer = { at: now + ms, run }
        timers.push(timer)
        return timer
      },
      clearTimeout: (timer) => timers.splice(timers.indexOf(timer as (typeof timers)[number]) >>> 0, 1),
    }
    const advance = (ms: number) => {
      now += ms
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1)
        timer.run()
      }
    }
    const processes: { say(message: unknown): void; die(exit: ProcessExit): void }[] = []
    const spawn = (): EngineProcessHandle => {
      let onMessage: (message: unknown) => void = () => {}
      let onExit: (exit: ProcessExit) => void = () => {}
      processes.push({ say: (m) => onMessage(m), die: (e) => onExit(e) })
      return { pid: processes.length, onMessage: (l) => void (onMessage = l), onExit: (l) => void (onExit = l), kill: () => onExit({ code: null, signal: 'SIGKILL' }) }
    }
    return { clock, advance, processes, spawn }
  }

  it('forgets old failures once an engine has run long enough', () => {
    const world = fakeWorld()
    let unavailable = false
    const supervisor = new EngineSupervisor(world.spawn, { ready: () => {}, unavailable: () => (unavailable = true), log: () => {} }, { ...FAST, maxQuickFailures: 3, stableAfterMs: 1000 }, world.clock)
    supervisor.start()
    const crashQuickly = () => {
      const p = world.processes.at(-1)!
      p.say({ type: 'ready' })
      world.advance(10)
      p.die({ code: 1, signal: null })
      world.advance(1000) // past any backoff delay
    }
    crashQuickly()
    crashQuickly()
    // A long healthy run, then a crash: the count starts again instead of reaching 3.
    world.processes.at(-1)!.say({ type: 'ready' })
    world.advance(5000)
    world.processes.at(-1)!.die({ code: 1, signal: null })
    world.advance(1000)
    crashQuickly()
    expect(unavailable).toBe(false)
    crashQuickly()
    expect(unavailable).toBe(true)
  })

  it('keeps trying slowly once unavailable, reports that once, and an engine that comes back is used', () => {
    const world = fakeWorld()
    const events: string[] = []
    const readies: ReadyInfo[] = []
    const policy = { ...FAST, maxQuickFailures: 2, slowRetryMs: 30_000 }
    const supervisor = new EngineSupervisor(world.spawn, { ready: (_h, info) => readies.push(info), unavailable: (r) => events.push(r), log: () => {} }, policy, world.clock)
    supervisor.start()
    world.processes[0].die({ code: 1, signal: null })
    world.advance(1000)
    world.processes[1].die({ code: 1, signal: null })
    expect(supervisor.state).toBe('unavailable')
    world.advance(29_000)
    expect(world.processes).toHaveLength(2)
    world.advance(1000)
    expect(world.processes).toHaveLength(3)
    world.processes[2].die({ code: 1, signal: null })
    world.advance(30_000)
    expect(world.processes).toHaveLength(4)
    expect(events).toHaveLength(1)
    world.processes[3].say({ type: 'ready' })
    expect(supervisor.state).toBe('running')
    expect(readies).toEqual([{ restarts: 3, reason: expect.stringMatching(/exited with code 1/) }])
  })

  it('restartNow forgets the failures: the next crash backs off quickly again instead of waiting slowly', () => {
    const world = fakeWorld()
    const supervisor = new EngineSupervisor(world.spawn, { ready: () => {}, unavailable: () => {}, log: () => {} }, { ...FAST, maxQuickFailures: 2 }, world.clock)
    supervisor.start()
    world.processes[0].die({ code: 1, signal: null })
    world.advance(1000)
    world.processes[1].die({ code: 1, signal: null })
    expect(supervisor.state).toBe('unavailable')
    expect(supervisor.restartNow()).toBe(true)
    expect(world.processes).toHaveLength(3)
    world.processes[2].die({ code: 1, signal: null })
    expect(supervisor.state).toBe('waiting')
    world.advance(FAST.initialDelayMs)
    expect(world.processes).toHaveLength(4)
  })

  it('ignores messages from an engine before its ready message, and a second ready', () => {
    const world = fakeWorld()
    const seen: unknown[] = []
    const readies: ReadyInfo[] = []
    const supervisor = new EngineSupervisor(world.spawn, { ready: (_h, info) => readies.push(info), message: (_h, m) => seen.push(m), unavailable: () => {}, log: () => {} }, FAST, world.clock)
    supervisor.start()
    world.processes[0].say({ type: 'progress' })
    world.processes[0].say({ type: 'ready' })
    world.processes[0].say({ type: 'ready' })
    expect(readies).toHaveLength(1)
    expect(seen).toEqual([{ type: 'ready' }])
  })
})

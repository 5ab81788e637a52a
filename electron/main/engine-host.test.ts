// engine-host.ts with fakes of utilityProcess and MessageChannelMain: the port hand-off order
// and the nonce, on first start and after a crash.
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { HostEvent } from '../../engine/protocol'

const world = vi.hoisted(() => ({ children: [] as unknown[], channels: 0 }))
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  class FakeUtility extends EventEmitter {
    pid = 100 + world.children.length
    stdout = null
    stderr = null
    posted: unknown[] = []
    postMessage(message: unknown, ports: unknown[]) {
      this.posted.push({ message, ports })
    }
    kill() {
      this.emit('exit', 1)
    }
  }
  return {
    utilityProcess: {
      fork: vi.fn(() => {
        const child = new FakeUtility()
        world.children.push(child)
        return child
      }),
    },
    MessageChannelMain: class {
      port1 = { end: 'engine', channel: ++world.channels }
      port2 = { end: 'renderer', channel: world.channels }
    },
  }
})
const { EngineHost } = await import('./engine-host')
const { utilityProcess } = await import('electron')

type FakeChild = EventEmitter & { pid: number; posted: { message: unknown; ports: { end: string; channel: number }[] }[] }

function setup() {
  const timeline: string[] = []
  const contents = {
    isDestroyed: () => false,
    postMessage: vi.fn((channel: string, message: { nonce: string }, ports: { channel: number }[]) => timeline.push(`port ${ports[0].channel} → renderer (${message.nonce})`)),
  }
  const events: HostEvent[] = []
  const host = new EngineHost({
    enginePath: '/out/main/engine-process.js',
    log: () => {},
    contents: () => contents as never,
    sendHostEvent: (event) => (events.push(event), timeline.push(`event ${event.type}`)),
  })
  const child = (i: number) => world.children[i] as FakeChild
  return { host, contents, events, timeline, child }
}

describe('EngineHost', () => {
  it('forks the engine as a named utility process with piped output', () => {
    const { host } = setup()
    host.start()
    expect(utilityProcess.fork).toHaveBeenLastCalledWith('/out/main/engine-process.js', [], { serviceName: 'Backprop Studio Engine', stdio: 'pipe' })
    void host.stop()
  })

  it('hands both ends of a fresh channel out once the engine is ready and the page asked', () => {
    world.children.length = 0
    const { host, child, timeline } = setup()
    host.start()
    host.connect('nonce-a-0123456789ab')
    expect(timeline).toEqual([]) // not ready yet
    child(0).emit('message', { type: 'ready' })
    expect(child(0).posted).toEqual([{ message: { type: 'port' }, ports: [expect.objectContaining({ end: 'engine' })] }])
    expect(timeline).toEqual([`port ${child(0).posted[0].ports[0].channel} → renderer (nonce-a-0123456789ab)`])

    // A reloaded page asks again with its own nonce: a new channel, the same engine.
    host.connect('nonce-b-0123456789ab')
    expect(child(0).posted).toHaveLength(2)
    expect(timeline.at(-1)).toMatch(/\(nonce-b-0123456789ab\)$/)
    void host.stop()
  })

  it('after a crash: restarts, gives both sides a new port, then tells the renderer', async () => {
    vi.useFakeTimers()
    world.children.length = 0
    const { host, child, timeline, events } = setup()
    host.start()
    host.connect('nonce-a-0123456789ab')
    child(0).emit('message', { type: 'ready' })
    child(0).emit('exit', 9)
    await vi.advanceTimersByTimeAsync(1_000)
    child(1).emit('message', { type: 'ready' })
    expect(child(1).posted).toHaveLength(1)
    expect(timeline.slice(-2)).toEqual([`port ${child(1).posted[0].ports[0].channel} → renderer (nonce-a-0123456789ab)`, 'event engine-restarted'])
    expect(events).toEqual([{ type: 'engine-restarted', reason: expect.stringMatching(/exited with code 9/), attempt: 1 }])
    vi.useRealTimers()
    void host.stop()
  })

  it('after five quick crashes: says unavailable, and "Restart engine" starts a new utility process that gets a port', async () => {
    vi.useFakeTimers()
    world.children.length = 0
    const { host, child, events, timeline } = setup()
    host.start()
    host.connect('nonce-a-0123456789ab')
    for (let i = 0; i < 5; i++) {
      child(i).emit('exit', 9)
      await vi.advanceTimersByTimeAsync(10_000)
    }
    expect(events.at(-1)).toMatchObject({ type: 'engine-unavailable', reason: expect.stringMatching(/failed 5 times in a row/) })
    const spawned = world.children.length
    expect(host.restartNow()).toBe(true)
    expect(world.children).toHaveLength(spawned + 1)
    child(spawned).emit('message', { type: 'ready' })
    expect(timeline.slice(-2)).toEqual([`port ${child(spawned).posted[0].ports[0].channel} → renderer (nonce-a-0123456789ab)`, 'event engine-restarted'])
    expect(host.restartNow()).toBe(false)
    vi.useRealTimers()
    void host.stop()
  })
})

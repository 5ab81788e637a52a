// The real engine entry (engine/node/engine-process.ts) as the browser host runs it: a Node child
// process with advanced serialization. It must say ready, answer every request on the IPC
// channel with a reply carrying the request's id, survive garbage, and exit when its host goes.
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { bundleForChild, removeChildBundle } from '../host-neutral/test-support/bundle-for-child'
import { engineExecArgv } from '../host-neutral/child-engine'

let entry: string
beforeAll(async () => {
  entry = await bundleForChild(join(import.meta.dirname, '..', 'engine', 'node', 'engine-process.ts'))
}, 120_000)
afterAll(() => removeChildBundle(entry))

const children: ChildProcess[] = []
afterEach(() => children.splice(0).forEach((child) => child.kill('SIGKILL')))

function startEngine(execArgv: string[] = []) {
  const child = fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv })
  children.push(child)
  const messages: Record<string, unknown>[] = []
  child.on('message', (message) => messages.push(message as Record<string, unknown>))
  const waitFor = async (predicate: (m: Record<string, unknown>) => boolean) => {
    const deadline = Date.now() + 10_000
    for (;;) {
      const found = messages.find(predicate)
      if (found) return found
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(messages)}`)
      await new Promise((wake) => setTimeout(wake, 20))
    }
  }
  return { child, waitFor }
}

describe('the engine process entry in a child process', () => {
  it('says ready, then answers each request by id and survives malformed ones', async () => {
    const engine = startEngine()
    await engine.waitFor((m) => m.type === 'ready')
    engine.child.send({ id: 41, type: 'no-such-request' })
    engine.child.send('garbage' as never)
    engine.child.send({ id: 42, type: 'snapshot' })
    expect(await engine.waitFor((m) => m.type === 'reply' && m.id === 42)).toMatchObject({ type: 'reply', id: 42 })
    expect(await engine.waitFor((m) => m.type === 'reply' && m.id === 41)).toMatchObject({ ok: false })
    expect(engine.child.exitCode).toBeNull()
  })

  it('trains with the fastest kernel its host enables: relaxed SIMD with the flag the browser host passes', async () => {
    const project = {
      format: 'backprop-studio/project',
      version: 1,
      network: { inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' },
      data: { source: 'synthetic', name: 'xor', samples: 40, noise: 0, trainFraction: 1 },
      training: { optimizer: { name: 'sgd', learningRate: 0.1 }, batchSize: 8, epochs: 10, shuffle: false, seed: 1, regularization: { kind: 'none', rate: 0 } },
    }
    for (const [execArgv, kernel] of [[engineExecArgv(), process.versions.node.startsWith('20.') ? 'wasm-relaxed-simd-f64' : /^wasm-/], [[], /^wasm-/]] as const) {
      const engine = startEngine([...execArgv])
      await engine.waitFor((m) => m.type === 'ready')
      engine.child.send({ id: 1, type: 'load-project', project })
      const reply = (await engine.waitFor((m) => m.type === 'reply' && m.id === 1)) as { result: { status: { kernel: string } } }
      expect(reply.result.status.kernel).toMatch(kernel)
    }
  })

  it('runs in a worker thread too, answering on the worker port', async () => {
    const worker = new Worker(entry)
    try {
      const messages: Record<string, unknown>[] = []
      worker.on('message', (m) => messages.push(m as Record<string, unknown>))
      const until = async (predicate: (m: Record<string, unknown>) => boolean) => {
        for (let tries = 0; tries < 500 && !messages.some(predicate); tries++) await new Promise((wake) => setTimeout(wake, 20))
        return messages.find(predicate)
      }
      expect(await until((m) => m.type === 'ready')).toBeDefined()
      worker.postMessage({ id: 7, type: 'snapshot' })
      expect(await until((m) => m.type === 'reply' && m.id === 7)).toMatchObject({ ok: false, error: 'no project is loaded' })
    } finally {
      await worker.terminate()
    }
  })

  it('exits when its host disconnects', async () => {
    const engine = startEngine()
    await engine.waitFor((m) => m.type === 'ready')
    const exited = new Promise<number | null>((resolve) => engine.child.once('exit', (code) => resolve(code)))
    engine.child.disconnect()
    expect(await exited).toBe(0)
  })

  it('refuses to run when started directly', async () => {
    const child = spawn(process.execPath, [entry], { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)))
    expect(code).toBe(2)
    expect(stderr).toMatch(/start me from Backprop Studio/)
  })
})

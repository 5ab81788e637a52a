// The largest network the studio lets a user build (exactly LIMITS.parameters, Adam, trained a
// step) saved and reopened through the real browser host: the real engine in its child process,
// the bridge, the binary frames both ways, the file on disk. Before the frames were binary, the
// export reply alone was a JSON string V8 could not build, and the host process died.
import { mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { LIMITS, parameterCount, parseProjectText, serializeProject } from '../engine/project/schema'
import type { ProjectFile } from '../engine/project/types'
import type { ServerMessage } from '../engine/wire/web-protocol'
import { MAX_FRAME_BYTES } from '../engine/wire/size-limits'
import { decodeMessage, encodeMessage } from '../engine/wire/wire-codec'
import { bundleForChild, removeChildBundle } from '../host-neutral/test-support/bundle-for-child'
import { startWebHost, type WebHost } from './server'

let enginePath: string
let host: WebHost
let root: string
beforeAll(async () => {
  enginePath = await bundleForChild(join(import.meta.dirname, '..', 'engine', 'node', 'engine-process.ts'))
  const base = await mkdtemp(join(tmpdir(), 'studio-limit-'))
  root = join(base, 'root')
  await mkdir(root)
  await mkdir(join(base, 'renderer'))
  await writeFile(join(base, 'renderer', 'index.html'), '<!doctype html>')
  host = await startWebHost({ rendererDir: join(base, 'renderer'), rootFolder: root, dataDir: join(base, 'data'), port: 0, enginePath, version: 't', log: (line) => console.log(line) })
}, 120_000)
afterAll(async () => {
  await host?.close()
  await removeChildBundle(enginePath)
})

/** 2 → 103 → 839 → 2274 → 1: exactly LIMITS.parameters weights and biases. */
const project: ProjectFile = {
  format: 'backprop-studio/project',
  version: 1,
  network: { inputs: 2, layers: [103, 839, 2274].map((units) => ({ units, activation: 'tanh' as const })).concat([{ units: 1, activation: 'sigmoid' as never }]), loss: 'binary-cross-entropy' },
  data: { source: 'synthetic', name: 'xor', samples: 40, noise: 0, trainFraction: 1 },
  training: { optimizer: { name: 'adam', learningRate: 0.001 }, batchSize: 8, epochs: 10, shuffle: true, seed: 3, regularization: { kind: 'none', rate: 0 } },
}

async function page() {
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/studio?token=${host.token}`, { origin: host.origin, maxPayload: MAX_FRAME_BYTES })
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)))
  const received: ServerMessage[] = []
  ws.on('message', (data) => received.push(decodeMessage(data as Buffer) as ServerMessage))
  const next = async <T>(pick: (m: ServerMessage) => T | undefined): Promise<T> => {
    for (const deadline = Date.now() + 200_000; Date.now() < deadline; await new Promise((wake) => setTimeout(wake, 20))) {
      for (const [i, m] of received.entries()) {
        const found = pick(m)
        if (found !== undefined) return (received.splice(i, 1), found)
      }
    }
    throw new Error('timed out')
  }
  let id = 0
  const call = (method: string, ...args: unknown[]) => {
    const callId = ++id
    ws.send(encodeMessage({ kind: 'call', id: callId, method, args }))
    return next((m) => (m.kind === 'result' && m.id === callId ? m : undefined))
  }
  await call('connectEngine', 'nonce-limit-0123456789')
  const epoch = await next((m) => (m.kind === 'engine-port' ? m.epoch : undefined))
  const request = async (body: Record<string, unknown>) => {
    const requestId = ++id
    ws.send(encodeMessage({ kind: 'engine', epoch, message: { ...body, id: requestId } }))
    const reply = await next((m) => (m.kind === 'engine' && (m.message as { id?: number }).id === requestId ? (m.message as { ok: boolean; result: unknown; error?: string }) : undefined))
    if (!reply.ok) throw new Error(reply.error)
    return reply.result
  }
  return { call, request, close: () => ws.close() }
}

it('saves and reopens a trained network at the parameter limit through the real host and engine', async () => {
  expect(parameterCount(project.network)).toBe(LIMITS.parameters)
  const started = Date.now()
  const mark = (what: string) => console.log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`)
  const studio = await page()
  await studio.request({ type: 'load-project', project })
  await studio.request({ type: 'train', action: 'step-batch' })
  const snapshot = (await studio.request({ type: 'snapshot' })) as { layers: { W: Float64Array; dW: Float64Array }[] }
  expect(snapshot.layers[2].W).toBeInstanceOf(Float64Array)
  expect(snapshot.layers[2].W.length).toBe(839 * 2274)

  mark('loaded, stepped, snapshot')
  const trained = (await studio.request({ type: 'export-project' })) as ProjectFile
  expect(trained.optimizerState?.slots.v[2].W).toHaveLength(839)
  mark('exported')
  const text = serializeProject(trained)
  mark(`serialized (${text.length} characters)`)
  expect(await studio.call('saveProject', { text, path: 'limit.json' })).toMatchObject({ ok: true, value: { ok: true } })
  expect((await stat(join(root, 'limit.json'))).size).toBe(text.length)

  mark('saved')
  const opened = (await studio.call('openProject', { path: 'limit.json' })) as { ok: true; value: { ok: true; value: { text: string } } }
  expect(opened.value.value.text === text).toBe(true)
  mark('opened')
  const parsed = parseProjectText(opened.value.value.text)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  mark('parsed')
  await studio.request({ type: 'load-project', project: parsed.project })
  const again = (await studio.request({ type: 'export-project' })) as ProjectFile
  expect(serializeProject(again) === text).toBe(true)
  mark('reloaded and compared')
  studio.close()
}, 300_000)

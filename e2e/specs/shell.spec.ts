import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import { ENGINE_PORT_MESSAGE, STUDIO_API_KEYS, type HostEvent } from '../../engine/protocol'
import { test, expect } from '../fixtures/studio'

test('the studio window shows its title and main regions', async ({ studio }) => {
  await expect(studio).toHaveTitle('Untitled — Backprop Studio')
  await expect(studio.getByRole('heading', { name: 'Backprop Studio', level: 1 })).toBeVisible()
  for (const region of ['Data', 'Network', 'Training', 'Output']) {
    await expect(studio.getByRole('region', { name: region })).toBeVisible()
  }
})

test('the page has no Node and sees exactly window.studio', async ({ studio }) => {
  const globals = await studio.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    module: typeof (globalThis as { module?: unknown }).module,
    studioKeys: Object.keys(window.studio ?? {}),
  }))
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', studioKeys: [...STUDIO_API_KEYS] })
})

test('hostInfo describes the host', async ({ shell }) => {
  const info = await shell.page.evaluate(() => window.studio!.hostInfo())
  if (shell.target === 'browser') {
    expect(info).toMatchObject({ kind: 'browser', nativeDialogs: false, rootFolder: expect.any(String) })
  } else {
    expect(info).toMatchObject({ kind: 'electron', nativeDialogs: true, rootFolder: null })
  }
})

/**
 * In the page: asks for the engine port with a nonce, as the engine client does, and records
 * every port and host event that arrives. Returns the nonce.
 */
async function listenForEngine(shell: { page: import('@playwright/test').Page }): Promise<void> {
  await shell.page.evaluate((portMessage) => {
    const nonce = crypto.randomUUID()
    const record = { ports: [] as MessagePort[], replies: [] as unknown[], hostEvents: [] as HostEvent[] }
    Object.assign(window, { __shell: record })
    window.studio!.onHostEvent((event) => record.hostEvents.push(event))
    window.addEventListener('message', (event) => {
      if (event.source !== window || event.data?.type !== portMessage || event.data.nonce !== nonce) return
      const port = event.ports[0]
      port.onmessage = (message) => record.replies.push(message.data)
      record.ports.push(port)
    })
    window.studio!.connectEngine(nonce)
  }, ENGINE_PORT_MESSAGE)
}

/** Sends a request on the newest engine port and waits for the reply with its id. */
async function requestOnNewestPort(page: import('@playwright/test').Page, id: number): Promise<unknown> {
  await page.evaluate((requestId) => {
    const record = (window as unknown as { __shell: { ports: MessagePort[] } }).__shell
    record.ports.at(-1)!.postMessage({ id: requestId, type: 'snapshot' })
  }, id)
  const reply = await page.waitForFunction(
    (requestId) => (window as unknown as { __shell: { replies: { id?: number }[] } }).__shell.replies.find((r) => r.id === requestId),
    id,
  )
  return reply.jsonValue()
}

test('the engine answers on its port, and after being killed a new engine answers on a new port', async ({ shell }) => {
  await listenForEngine(shell)
  await shell.page.waitForFunction(() => (window as unknown as { __shell: { ports: unknown[] } }).__shell.ports.length === 1)
  expect(await requestOnNewestPort(shell.page, 1)).toMatchObject({ type: 'reply', id: 1 })

  const killed = await shell.enginePid()
  process.kill(killed, 'SIGKILL')

  await shell.page.waitForFunction(() => {
    const record = (window as unknown as { __shell: { ports: unknown[]; hostEvents: { type: string }[] } }).__shell
    return record.ports.length === 2 && record.hostEvents.some((event) => event.type === 'engine-restarted')
  })
  expect(await shell.enginePid(killed)).not.toBe(killed)
  const events = await shell.page.evaluate(() => (window as unknown as { __shell: { hostEvents: unknown[] } }).__shell.hostEvents)
  expect(events).toEqual([{ type: 'engine-restarted', attempt: 1, reason: expect.any(String) }])
  expect(await requestOnNewestPort(shell.page, 2)).toMatchObject({ type: 'reply', id: 2 })
})

test('a project saved and opened again comes back exactly, and is listed as recent', async ({ shell }) => {
  const text = JSON.stringify({ format: 'backprop-studio/project', name: 'XOR — ünïcødé', weights: [0.1, -2.5e-7, 1 / 3, 5e-324] }, null, 2)
  await shell.answerDialogs({ save: 'round-trip.json', open: 'round-trip.json' })
  const path = shell.pathFor('round-trip.json')
  const saved = await shell.page.evaluate(({ text, path }) => window.studio!.saveProject({ text, path }), { text, path })
  expect(saved).toMatchObject({ ok: true })
  expect(await readFile(join(shell.filesDir, 'round-trip.json'), 'utf8')).toBe(text)

  const opened = await shell.page.evaluate((path) => window.studio!.openProject({ path }), path)
  expect(opened).toEqual({ ok: true, value: { path: saved.ok ? saved.value.path : '', text } })
  expect(await shell.page.evaluate(() => window.studio!.recentFiles())).toContain(saved.ok && saved.value.path)
})

test('a file that cannot be opened comes back as an error naming it, and nothing is overwritten', async ({ shell }) => {
  await writeFile(join(shell.filesDir, 'broken.json'), '{"format": "backprop-studio/proj')
  await shell.answerDialogs({ open: 'broken.json' })
  const broken = await shell.page.evaluate((path) => window.studio!.openProject({ path }), shell.pathFor('broken.json'))
  expect(broken).toMatchObject({ ok: false, canceled: false, error: expect.stringMatching(/broken\.json" is not a Backprop Studio project/) })

  await shell.answerDialogs({ open: 'missing.json' })
  const missing = await shell.page.evaluate((path) => window.studio!.openProject({ path }), shell.pathFor('missing.json'))
  expect(missing).toMatchObject({ ok: false, canceled: false, error: expect.stringMatching(/missing\.json": the file or its folder does not exist/) })

  await shell.answerDialogs({ save: 'broken.json' })
  const refused = await shell.page.evaluate((path) => window.studio!.saveProject({ text: 'not json', path }), shell.pathFor('broken.json'))
  expect(refused).toMatchObject({ ok: false, canceled: false })
  expect(await readFile(join(shell.filesDir, 'broken.json'), 'utf8')).toBe('{"format": "backprop-studio/proj')
})

test('the autosaved copy is offered once', async ({ shell }) => {
  const taken = await shell.page.evaluate(async () => {
    await window.studio!.autosave('{"recovered":true}')
    return [await window.studio!.takeAutosave(), await window.studio!.takeAutosave()]
  })
  expect(taken).toEqual(['{"recovered":true}', null])
})

test('the browser host refuses a WebSocket without the token or from another origin', async ({ shell, webHost }) => {
  test.skip(shell.target !== 'browser', 'the WebSocket exists only in the browser host')
  const fromPage = await shell.page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`ws://${location.host}/studio`)
        socket.onopen = () => resolve('opened')
        socket.onerror = () => resolve('refused')
      }),
  )
  expect(fromPage).toBe('refused')

  const status = (origin: string, token: string) =>
    new Promise<number | 'opened'>((resolve) => {
      const socket = new WebSocket(`${webHost!.origin.replace('http', 'ws')}/studio?token=${token}`, { origin })
      socket.on('open', () => (socket.close(), resolve('opened')))
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
      socket.on('error', () => {})
    })
  expect(await status('https://evil.example', webHost!.token)).toBe(403)
  expect(await status(webHost!.origin, 'wrong')).toBe(401)
  expect(await status(webHost!.origin, webHost!.token)).toBe('opened')
})

test('no Content-Security-Policy violation and no page error', async ({ shell }) => {
  await listenForEngine(shell)
  await shell.page.waitForFunction(() => (window as unknown as { __shell: { ports: unknown[] } }).__shell.ports.length === 1)
  const problems = shell.console.filter((line) => /Content.Security.Policy|Refused to|pageerror/i.test(line))
  expect(problems).toEqual([])
})

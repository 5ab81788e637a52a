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
  // A favicon, inline (no request the CSP or the host could refuse).
  await expect(studio.locator('link[rel="icon"]')).toHaveAttribute('href', /^data:image\/svg\+xml,/)
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

/** The studio's checkpoint interval while training (renderer/src/lib/checkpoints.ts; the renderer is not in this project). */
const CHECKPOINT_MS = 3_000

type Page = import('@playwright/test').Page
/** What the in-page harness records (see listenForEngine). */
interface EngineRecord {
  ports: MessagePort[]
  /** Everything the engine sent, tagged with the index of the port it came on. */
  messages: { port: number; data: { type?: string; id?: number; ok?: boolean; result?: unknown } }[]
  hostEvents: HostEvent[]
}

/**
 * In the page: asks for the engine port with a nonce, as the renderer's engine client does, and
 * records every port, engine message and host event that arrives (in window.__shell).
 */
async function listenForEngine(page: Page): Promise<void> {
  // The studio's own engine client first: the host hands the port to the page's latest
  // connectEngine, so a studio that connected after this harness (a slow start) took its port.
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  await page.evaluate((portMessage) => {
    const nonce = crypto.randomUUID()
    const record: EngineRecord = { ports: [], messages: [], hostEvents: [] }
    Object.assign(window, { __shell: record })
    window.studio!.onHostEvent((event) => record.hostEvents.push(event))
    window.addEventListener('message', (event) => {
      if (event.source !== window || event.data?.type !== portMessage || event.data.nonce !== nonce) return
      const port = event.ports[0]
      const index = record.ports.push(port) - 1
      port.onmessage = (message) => record.messages.push({ port: index, data: message.data })
    })
    window.studio!.connectEngine(nonce)
  }, ENGINE_PORT_MESSAGE)
}

const waitForPorts = (page: Page, count: number) =>
  page.waitForFunction((n) => (window as unknown as { __shell: EngineRecord }).__shell.ports.length === n, count)

/** Sends a request on the newest engine port and waits for the reply with its id. */
async function request(page: Page, body: Record<string, unknown>): Promise<EngineRecord['messages'][number]['data']> {
  await page.evaluate((message) => {
    const record = (window as unknown as { __shell: EngineRecord }).__shell
    record.ports.at(-1)!.postMessage(message)
  }, body)
  const reply = await page.waitForFunction(
    (id) => (window as unknown as { __shell: EngineRecord }).__shell.messages.find((m) => m.data.type === 'reply' && m.data.id === id)?.data,
    body.id,
  )
  return (await reply.jsonValue())!
}

/** Kills the engine process as a crash would, and waits for the page to get a new port and the notice. */
async function killEngine(shell: { page: Page; enginePid(other?: number): Promise<number> }, portsBefore: number): Promise<void> {
  const killed = await shell.enginePid()
  process.kill(killed, 'SIGKILL')
  await waitForPorts(shell.page, portsBefore + 1)
  await shell.page.waitForFunction(() => (window as unknown as { __shell: EngineRecord }).__shell.hostEvents.some((e) => e.type === 'engine-restarted'))
  expect(await shell.enginePid(killed)).not.toBe(killed)
}

test('the engine answers on its port, and after being killed a new engine answers on a new port', async ({ shell }) => {
  await listenForEngine(shell.page)
  await waitForPorts(shell.page, 1)
  expect(await request(shell.page, { id: 900_001, type: 'snapshot' })).toMatchObject({ type: 'reply', id: 900_001 })

  await killEngine(shell, 1)
  const events = await shell.page.evaluate(() => (window as unknown as { __shell: EngineRecord }).__shell.hostEvents)
  expect(events).toEqual([{ type: 'engine-restarted', attempt: 1, reason: expect.any(String) }])
  expect(await request(shell.page, { id: 900_002, type: 'snapshot' })).toMatchObject({ type: 'reply', id: 900_002 })
})

test('killed mid-training, the studio shows a notice, keeps the project and training goes on', async ({ shell }) => {
  const page = shell.page
  const stepNow = async () => Number(((await page.getByTestId('step').textContent()) ?? '').replace(/,/g, ''))
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  await page.getByRole('radio', { name: 'Spiral', exact: true }).check()
  await page.getByRole('spinbutton', { name: 'Units of hidden layer 1' }).fill('5')
  await expect(page.getByRole('table', { name: 'Layers' }).getByRole('row', { name: /Hidden 1/ })).toContainText('× 5')
  await page.getByRole('button', { name: 'Train', exact: true }).click()
  await expect.poll(stepNow, { timeout: 20_000 }).toBeGreaterThan(100)
  // Train on for longer than the checkpoint interval: a checkpoint is taken after `before`.
  const before = await stepNow()
  await page.waitForTimeout(CHECKPOINT_MS + 2_000)
  const atKill = await stepNow()

  const killed = await shell.enginePid()
  process.kill(killed, 'SIGKILL')
  // The last step shown before the restart: a checkpoint cannot be much later than it (the
  // display lags the engine by one progress message, well under a second of training).
  const shownAtKill = await stepNow()
  const notices = page.getByRole('status', { name: 'Notices' })
  await expect(notices).toContainText(/engine stopped .* restarted; training resumed from step [\d,]+/i, { timeout: 20_000 })
  expect(await shell.enginePid(killed)).not.toBe(killed)
  // At most a checkpoint interval is lost: it resumes from a step after `before`, and shows it.
  const resumed = Number(/resumed from step ([\d,]+)/.exec((await notices.textContent()) ?? '')![1].replace(/,/g, ''))
  expect(resumed).toBeGreaterThanOrEqual(before)
  const stepsPerSecond = (atKill - before) / ((CHECKPOINT_MS + 2_000) / 1000)
  expect(resumed).toBeLessThanOrEqual(shownAtKill + stepsPerSecond)
  await expect.poll(stepNow).toBe(resumed)
  // Nothing the user made is lost: the architecture edit is still there, and training goes on.
  await expect(page.getByRole('table', { name: 'Layers' }).getByRole('row', { name: /Hidden 1/ })).toContainText('× 5')
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  const after = await stepNow()
  await page.getByRole('button', { name: 'Train', exact: true }).click()
  await expect.poll(stepNow, { timeout: 20_000 }).toBeGreaterThan(after + 50)
  await page.getByRole('button', { name: 'Pause', exact: true }).click()
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
  await listenForEngine(shell.page)
  await waitForPorts(shell.page, 1)
  const problems = shell.console.filter((line) => /Content.Security.Policy|Refused to|pageerror/i.test(line))
  expect(problems).toEqual([])
})

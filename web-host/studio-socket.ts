// One page's WebSocket: StudioApi calls in, results and host events out, and the engine traffic
// of that page through the bridge. Every frame is binary (wire-codec.ts), decoded within the
// frame budget and checked before anything acts on it; refusals are logged and answered, never
// thrown at the server.
import type { WebSocket } from 'ws'
import { z } from 'zod'
import { CallRefusedError, dispatchCall } from '../host-neutral/studio-calls'
import type { ClientMessage, ServerMessage } from '../engine/wire/web-protocol'
import { MAX_FRAME_BYTES } from '../engine/wire/size-limits'
import { decodeMessage, encodeMessage } from '../engine/wire/wire-codec'
import type { PageLink } from './engine-bridge'
import { createWebBackend, type WebHostState } from './web-backend'

const clientMessage = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('call'), id: z.number().int().nonnegative(), method: z.string().max(100), args: z.array(z.unknown()) }),
  z.strictObject({ kind: z.literal('engine'), epoch: z.number().int(), message: z.unknown() }),
]) satisfies z.ZodType<ClientMessage>

export const STUDIO_ELSEWHERE =
  'The studio is already open in another tab of this browser host (one at a time, so two tabs cannot overwrite each other’s work). Use that tab, or close it and reload this one.'

export function serveStudioSocket(socket: WebSocket, state: WebHostState, log: (line: string) => void): void {
  const send = (message: ServerMessage) => {
    if (socket.readyState !== socket.OPEN) return
    try {
      socket.send(encodeMessage(message))
    } catch (error) {
      // A value the codec cannot carry is a bug on this side: say so to the page, never crash.
      log(`could not send a ${message.kind} message to the page: ${(error as Error).message}`)
      if (message.kind === 'result') send({ kind: 'result', id: message.id, ok: false, error: `the browser host could not send the answer: ${(error as Error).message}` })
    }
  }
  const page: PageLink = {
    enginePort: (epoch) => send({ kind: 'engine-port', epoch }),
    engineMessage: (epoch, message) => send({ kind: 'engine', epoch, message }),
    hostEvent: (event) => send({ kind: 'host-event', event }),
  }
  const backend = createWebBackend(state, page)
  // One studio per host: the first page holds it until its socket closes. Another tab gets a
  // clear message instead of the engine and the files, so it cannot take the engine away,
  // overwrite the crash-recovery copy or delete it.
  if (state.studio === null) state.studio = page
  const holdsStudio = () => state.studio === page
  if (holdsStudio()) state.bridge.attach(page)

  async function answer(id: number, method: string, args: unknown[]): Promise<void> {
    if (!holdsStudio() && method !== 'hostInfo') {
      log(`refused ${method.slice(0, 40)} from a second tab: the studio is open in another one`)
      if (method === 'connectEngine') page.hostEvent({ type: 'studio-elsewhere', reason: STUDIO_ELSEWHERE })
      send({ kind: 'result', id, ok: false, error: STUDIO_ELSEWHERE })
      return
    }
    try {
      send({ kind: 'result', id, ok: true, value: await dispatchCall(backend, method, args) })
    } catch (error) {
      const message = (error as Error).message
      if (error instanceof CallRefusedError) log(`refused a call from the page: ${message}`)
      else log(`${method} failed: ${message}`)
      send({ kind: 'result', id, ok: false, error: message })
    }
  }

  socket.on('message', (data, isBinary) => {
    let message: ClientMessage
    try {
      if (!isBinary || !(data instanceof Uint8Array)) throw new Error('a text frame (the studio sends binary frames)')
      const parsed = clientMessage.safeParse(decodeMessage(data, { maxFrameBytes: MAX_FRAME_BYTES }))
      if (!parsed.success) throw new Error(z.prettifyError(parsed.error))
      message = parsed.data
    } catch (error) {
      log(`dropped a malformed message from the page: ${(error as Error).message}`)
      return
    }
    if (message.kind === 'call') void answer(message.id, message.method, message.args)
    else state.bridge.fromPage(page, message.epoch, message.message)
  })
  socket.on('close', () => {
    state.bridge.detach(page)
    if (holdsStudio()) state.studio = null
  })
}

// A session driven as the engine process drives it, for tests: send a request, wait for its reply.
import { createEngineSession, type SessionOptions } from '../session/session'
import type { EngineEvent, EngineReplies, EngineRequest, EngineRequestType } from '../protocol'

/** A request without its id (the harness numbers them). */
export type RequestBody = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never
type Reply = EngineEvent & { type: 'reply' }

/** `tries`: turns of the session's own scheduler to wait for a reply before giving up. */
export function sessionHarness(options: SessionOptions & Required<Pick<SessionOptions, 'schedule'>>, tries = 1000) {
  const events: EngineEvent[] = []
  const session = createEngineSession((e) => events.push(e), options)
  let nextId = 1
  const send = async (body: RequestBody): Promise<Reply> => {
    const id = nextId++
    session.handle({ ...body, id })
    for (let turn = 0; turn < tries; turn++) {
      const reply = events.find((e): e is Reply => e.type === 'reply' && e.id === id)
      if (reply) return reply
      await new Promise<void>((resolve) => options.schedule(() => resolve()))
    }
    throw new Error('no reply')
  }
  const ok = async <T extends EngineRequestType>(body: RequestBody & { type: T }): Promise<EngineReplies[T]> => {
    const reply = await send(body)
    if (!reply.ok) throw new Error(reply.error)
    return reply.result as EngineReplies[T]
  }
  const error = async (body: RequestBody): Promise<string> => {
    const reply = await send(body)
    if (reply.ok) throw new Error('expected an error')
    return reply.error
  }
  return { session, events, send, ok, error }
}

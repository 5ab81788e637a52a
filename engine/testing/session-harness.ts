/** A session driven as the renderer drives it (requests with ids, replies matched by id), for tests. */
import { createEngineSession, type EngineSession } from '../session/session'
import type { EngineEvent, EngineReplies, EngineRequest, EngineRequestType } from '../protocol'

type Request = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never
export type ReplyEvent = Extract<EngineEvent, { type: 'reply' }>

export function sessionHarness() {
  const events: EngineEvent[] = []
  let nextId = 1
  const session: EngineSession = createEngineSession((e) => events.push(e), { now: () => performance.now(), schedule: (fn) => setImmediate(fn) })
  /** Sends a request at once; its id. */
  const post = (request: Request): number => {
    const id = nextId++
    session.handle({ ...request, id })
    return id
  }
  const replyTo = async (id: number, tries = 100_000): Promise<ReplyEvent> => {
    for (let t = 0; t < tries; t++) {
      const reply = events.find((e): e is ReplyEvent => e.type === 'reply' && e.id === id)
      if (reply) return reply
      await new Promise((resolve) => setImmediate(resolve))
    }
    throw new Error(`no reply to request ${id}`)
  }
  const ok = async <T extends EngineRequestType>(request: Request & { type: T }): Promise<EngineReplies[T]> => {
    const reply = await replyTo(post(request))
    if (!reply.ok) throw new Error(reply.error)
    return reply.result as EngineReplies[T]
  }
  /** Index of the reply to `id` among the events (-1 while none). */
  const replyIndex = (id: number) => events.findIndex((e) => e.type === 'reply' && e.id === id)
  return { events, session, post, replyTo, ok, replyIndex }
}

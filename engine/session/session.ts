/**
 * The host-agnostic engine session: receives `EngineRequest`s, answers with replies and streams
 * training events. Hosts (Electron utility process, browser host child process, tests) give it
 * an `emit` function and feed it every message that arrives.
 */
import type { EngineEvent } from '../protocol'

export type Emit = (event: EngineEvent) => void

export interface EngineSession {
  /** Handles one message from the renderer. The message is untrusted and validated here. */
  handle(message: unknown): void
  dispose(): void
}

export function createEngineSession(emit: Emit): EngineSession {
  return {
    handle(message) {
      const id = typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'number' ? message.id : -1
      emit({ type: 'reply', id, ok: false, error: 'the engine session is not implemented yet' })
    },
    dispose() {},
  }
}

// The browser host's WebSocket protocol, between renderer/src/host/web-studio.ts (the page) and
// web-host/ (the Node server). Every message is one binary frame encoded with wire-codec.ts.
//
// page → host   { kind: 'call', id, method, args }     a StudioApi call (validated on the host)
//               { kind: 'engine', epoch, message }      an EngineRequest for the current engine
// host → page   { kind: 'result', id, ok, value|error } the call's answer
//               { kind: 'host-event', event }           a HostEvent
//               { kind: 'engine-port', epoch }          make a fresh engine port (connect, restart)
//               { kind: 'engine', epoch, message }      an EngineEvent from that engine
//
// `epoch` numbers each engine connection: after a restart, traffic of the old one is dropped.
import { isHostEvent, type HostEvent } from '../host-event-schema'

/** WebSocket path; the per-launch token goes in the query string (`?token=`). */
export const STUDIO_SOCKET_PATH = '/studio'

export type ClientMessage = { kind: 'call'; id: number; method: string; args: unknown[] } | { kind: 'engine'; epoch: number; message: unknown }

export type ServerMessage =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: string }
  | { kind: 'host-event'; event: HostEvent }
  | { kind: 'engine-port'; epoch: number }
  | { kind: 'engine'; epoch: number; message: unknown }

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Structural check of what the host sent; null for anything malformed. */
export function parseServerMessage(value: unknown): ServerMessage | null {
  if (!isRecord(value)) return null
  switch (value.kind) {
    case 'result':
      if (!Number.isInteger(value.id) || typeof value.ok !== 'boolean') return null
      if (!value.ok && typeof value.error !== 'string') return null
      return value as ServerMessage
    case 'host-event':
      return isHostEvent(value.event) ? (value as ServerMessage) : null
    case 'engine-port':
    case 'engine':
      return Number.isInteger(value.epoch) ? (value as ServerMessage) : null
    default:
      return null
  }
}

// Validation of every StudioApi call that arrives from a renderer, for both hosts (Electron IPC
// and the browser host's WebSocket). The renderer may be compromised: arguments are checked
// against these schemas before any host code runs, and anything else is refused.
import { z } from 'zod'
import { EXPORT_KINDS, FILE_KINDS, type StudioApi } from '../engine/protocol'
import { MAX_PROJECT_TEXT_CHARS } from '../engine/wire/size-limits'
import { CALL_CHANNELS, type StudioCall } from './ipc-channels'

/** The largest project text the studio can make (a trained network at the parameter limit). */
export const MAX_TEXT_CHARS = MAX_PROJECT_TEXT_CHARS
const text = z.string().max(MAX_TEXT_CHARS)
/** A project file as text or as the engine's UTF-8 bytes (passed through the page unchanged), within the same size. */
const contents = z.union([
  text,
  z.instanceof(Uint8Array).refine((b) => b.length <= MAX_TEXT_CHARS, `a project file of at most ${MAX_TEXT_CHARS} bytes`),
])
/** A run line with its curves (and perhaps weights) stays well under this. */
export const MAX_RUN_LINE_CHARS = 64 * 1024 * 1024
const path = z.string().min(1).max(4096)
const openRequest = z.strictObject({ path: path.optional() })
/** A plain file name: no folder, not '.' or '..'. */
const fileName = z.string().regex(/^[^/\\\0]{1,255}$/, 'a file name without folders').refine((name) => name !== '.' && name !== '..', 'a file name')

/** The argument list of each call, as a tuple schema. */
export const CALL_ARGUMENTS = {
  hostInfo: z.tuple([]),
  connectEngine: z.tuple([z.string().regex(/^[\w-]{16,128}$/, 'a nonce of 16 to 128 letters, digits, - or _')]),
  openProject: z.tuple([openRequest]),
  saveProject: z.tuple([z.strictObject({ text: contents, path: path.optional(), saveAs: z.boolean().optional(), replace: z.boolean().optional() })]),
  importCsv: z.tuple([openRequest]),
  readDataFile: z.tuple([z.strictObject({ projectPath: path.nullable(), path })]),
  exportFile: z.tuple([
    z.strictObject({
      kind: z.enum(EXPORT_KINDS),
      text: text.optional(),
      bytes: z.instanceof(Uint8Array).refine((b) => b.length <= MAX_TEXT_CHARS, 'too large').optional(),
      beside: z.array(z.strictObject({ name: fileName, text })).max(4).optional(),
      path: path.optional(),
      replace: z.boolean().optional(),
    }),
  ]),
  recentFiles: z.tuple([]),
  autosave: z.tuple([contents.nullable()]),
  takeAutosave: z.tuple([]),
  setDocumentState: z.tuple([z.strictObject({ title: z.string().max(1000), dirty: z.boolean() })]),
  closeWindow: z.tuple([]),
  readRuns: z.tuple([z.strictObject({ projectPath: path.nullable() })]),
  appendRuns: z.tuple([z.strictObject({ projectPath: path.nullable(), lines: z.array(z.string().max(MAX_RUN_LINE_CHARS)).min(1).max(10_000) })]),
  moveRuns: z.tuple([z.strictObject({ to: path.nullable() })]),
  restartEngine: z.tuple([]),
  listFolder: z.tuple([z.strictObject({ path: z.string().max(4096), kind: z.enum(FILE_KINDS) })]),
} satisfies { [K in StudioCall]: z.ZodType<Parameters<StudioApi[K]>> }

/** What a host implements: each call with its validated arguments (sync or async). */
export type StudioBackend = {
  [K in StudioCall]: (...args: Parameters<StudioApi[K]>) => Awaited<ReturnType<StudioApi[K]>> | Promise<Awaited<ReturnType<StudioApi[K]>>>
}

export class CallRefusedError extends Error {
  override readonly name = 'CallRefusedError'
}

export function isStudioCall(method: unknown): method is StudioCall {
  return typeof method === 'string' && Object.hasOwn(CALL_CHANNELS, method)
}

/** Checks a call's name and arguments; throws CallRefusedError saying what is wrong. */
export function parseCall(method: unknown, args: unknown): { method: StudioCall; args: unknown[] } {
  if (!isStudioCall(method)) throw new CallRefusedError(`unknown call ${JSON.stringify(method)?.slice(0, 80)}`)
  const parsed = CALL_ARGUMENTS[method].safeParse(args)
  if (!parsed.success) throw new CallRefusedError(`invalid arguments for ${method}: ${z.prettifyError(parsed.error)}`)
  return { method, args: parsed.data }
}

/** Validates, then runs the call on the backend. */
export async function dispatchCall(backend: StudioBackend, method: unknown, args: unknown): Promise<unknown> {
  const call = parseCall(method, args)
  const run = backend[call.method] as (...values: unknown[]) => unknown
  return run.apply(backend, call.args)
}

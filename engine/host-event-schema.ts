/**
 * The events a host pushes to the page (`StudioApi.onHostEvent`), as zod schemas; `HostEvent`
 * is derived from them (protocol.ts re-exports it). Checked on arrival by the preload (Electron)
 * and by the page's web-studio (browser host). To add an event: add its object below.
 */
import { z } from 'zod'

export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'save-as',
  'import-csv',
  'export-pytorch',
  'export-onnx',
  'export-weights',
  'export-metrics',
  'undo',
  'redo',
  'train-toggle',
  'step-batch',
  'step-epoch',
  'reset',
  'about',
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

export const hostEventSchema = z.discriminatedUnion('type', [
  /** A menu item or accelerator; `path` for File › Open Recent. */
  z.object({ type: z.literal('menu'), command: z.enum(MENU_COMMANDS), path: z.string().optional() }).strict(),
  /** The engine process was lost and a new one started: a new port follows; re-send the project. */
  z.object({ type: z.literal('engine-restarted'), reason: z.string(), attempt: z.number().int().min(0) }).strict(),
  /** The engine cannot be started (for example it crashed repeatedly); training is unavailable. */
  z.object({ type: z.literal('engine-unavailable'), reason: z.string() }).strict(),
  /** The browser host serves one studio at a time, and it is open in another tab: this one may not use the engine or files. */
  z.object({ type: z.literal('studio-elsewhere'), reason: z.string() }).strict(),
  /** The user asked to close with unsaved changes and chose Save: save, then call closeWindow(). */
  z.object({ type: z.literal('save-before-close') }).strict(),
])

export type HostEvent = z.output<typeof hostEventSchema>

export function isHostEvent(value: unknown): value is HostEvent {
  return hostEventSchema.safeParse(value).success
}

/**
 * The crash-recovery copy: the project with where it was saved, so a restore keeps the file name
 * (and the folder its data paths are relative to). The engine builds it (the studio page, when
 * the engine is gone); the hosts store the text as it is. A plain project text (an older copy)
 * still restores, without a path.
 */
import { z } from 'zod'
import { serializeProject } from './serialize'
import type { ProjectFile } from './types'

export const AUTOSAVE_FORMAT = 'backprop-studio/autosave'

const envelope = z.strictObject({
  format: z.literal(AUTOSAVE_FORMAT),
  version: z.literal(1),
  path: z.string().min(1).nullable(),
  project: z.unknown(),
})

export function autosaveEnvelope(project: ProjectFile, path: string | null): string {
  return envelopeText(serializeProject(project), path)
}

/** The envelope around a project's canonical text (one line per weight row, as a saved file). */
export function envelopeText(projectText: string, path: string | null): string {
  const text = projectText.trimEnd().replace(/\n/g, '\n  ')
  return `{\n  "format": "${AUTOSAVE_FORMAT}",\n  "version": 1,\n  "path": ${JSON.stringify(path)},\n  "project": ${text}\n}\n`
}

/** The path and the project text of a recovery copy (an older plain project text: no path). */
export function openAutosave(text: string): { path: string | null; projectText: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { path: null, projectText: text }
  }
  const parsed = envelope.safeParse(value)
  if (!parsed.success) return { path: null, projectText: text }
  return { path: parsed.data.path, projectText: JSON.stringify(parsed.data.project) }
}

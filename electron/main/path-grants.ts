// The Electron renderer names files by path, but main only touches paths the user chose (in a
// dialog, or by picking a recent file from the menu) or that a chosen project refers to. A
// compromised renderer cannot read or overwrite other files by inventing paths: anything else
// falls back to a dialog, or is refused. A path is granted for what it was chosen for, so a
// project the user opened cannot be overwritten by a metrics export.
import { dirname, extname, isAbsolute, resolve } from 'node:path'
import { PathRefusedError, resolveConfined } from '../../host-neutral/files/confine'
import type { OpenKind, SaveKind } from '../../host-neutral/files/file-actions'

/** What a project may reference as data. */
export const DATA_FILE_EXTENSIONS = ['.csv', '.tsv', '.txt']

/** What a path was chosen for: opening or saving a project, a CSV, or an export of a kind. */
export type GrantKind = OpenKind | SaveKind

export class PathGrants {
  private readonly granted = new Map<string, Set<GrantKind>>()

  grant(path: string, kind: GrantKind): void {
    const key = resolve(path)
    this.granted.set(key, (this.granted.get(key) ?? new Set()).add(kind))
  }

  has(path: string | undefined, kind: GrantKind): path is string {
    return path !== undefined && isAbsolute(path) && this.granted.get(resolve(path))?.has(kind) === true
  }

  /**
   * A data file named by a granted project: a CSV chosen in this session, or a CSV-like file
   * inside the project's folder (relative, no `..`, no link out of it).
   */
  async resolveData(projectPath: string | null, path: string): Promise<string> {
    if (projectPath === null) {
      if (this.has(path, 'csv')) return resolve(path)
      throw new PathRefusedError(`"${path}" was not chosen in this session; import it with File › Import CSV…`)
    }
    if (!this.has(projectPath, 'project')) throw new PathRefusedError(`The project "${projectPath}" was not opened in this session.`)
    const chosen = resolve(dirname(projectPath), path)
    if (this.has(chosen, 'csv')) return chosen
    if (!DATA_FILE_EXTENSIONS.includes(extname(chosen).toLowerCase())) {
      throw new PathRefusedError(`"${path}" is refused: data files must end in ${DATA_FILE_EXTENSIONS.join(', ')}.`)
    }
    if (isAbsolute(path)) throw new PathRefusedError(`"${path}" is refused: a project names its data relative to its own folder; import it with File › Import CSV…`)
    try {
      return await resolveConfined(dirname(projectPath), path)
    } catch (error) {
      if (!(error instanceof PathRefusedError)) throw error
      throw new PathRefusedError(`${error.message} A project reads data from its own folder; choose this file with File › Import CSV… to use it.`)
    }
  }
}

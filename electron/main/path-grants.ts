// The Electron renderer names files by path, but main only touches paths the user chose (in a
// dialog, or by opening a recent file) or that a chosen project refers to. A compromised
// renderer cannot read or overwrite arbitrary files by inventing paths: anything else falls
// back to a dialog, or is refused.
import { dirname, extname, isAbsolute, resolve } from 'node:path'
import { PathRefusedError } from '../../host-neutral/files/confine'

/** What a project may reference as data. */
export const DATA_FILE_EXTENSIONS = ['.csv', '.tsv', '.txt']

export class PathGrants {
  private readonly granted = new Set<string>()

  grant(path: string): void {
    this.granted.add(resolve(path))
  }

  has(path: string | undefined): path is string {
    return path !== undefined && isAbsolute(path) && this.granted.has(resolve(path))
  }

  /** A data file named by a granted project (relative to its folder), or a granted file itself. */
  resolveData(projectPath: string | null, path: string): string {
    if (projectPath === null) {
      if (this.has(path)) return resolve(path)
      throw new PathRefusedError(`"${path}" was not chosen in this session; import it with File › Import CSV…`)
    }
    if (!this.has(projectPath)) throw new PathRefusedError(`The project "${projectPath}" was not opened in this session.`)
    const wanted = resolve(dirname(projectPath), path)
    if (!DATA_FILE_EXTENSIONS.includes(extname(wanted).toLowerCase())) {
      throw new PathRefusedError(`"${path}" is refused: data files must end in ${DATA_FILE_EXTENSIONS.join(', ')}.`)
    }
    return wanted
  }
}

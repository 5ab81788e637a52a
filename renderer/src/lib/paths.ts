/**
 * Path arithmetic on the paths the host shows the renderer: relative to the browser host's root
 * folder, or absolute in Electron (POSIX or Windows). Pure string work: the renderer has no
 * Node `path` module.
 */

const SEPARATORS = /[\\/]+/

function separatorOf(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/'
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path)
}

/** The segments of a path with `.` removed and `..` applied where possible. */
function segments(path: string): string[] {
  const out: string[] = []
  for (const part of path.split(SEPARATORS)) {
    if (part === '' || part === '.') continue
    if (part === '..' && out.length > 0 && out.at(-1) !== '..') out.pop()
    else out.push(part)
  }
  return out
}

function build(absolute: boolean, parts: string[], sep: string, drive: string): string {
  const body = parts.join(sep)
  if (drive) return `${drive}${sep}${body}`
  return absolute ? `${sep}${body}` : body || '.'
}

function driveOf(path: string): string {
  const match = /^([A-Za-z]:)[\\/]/.exec(path)
  return match ? match[1] : ''
}

export function basename(path: string): string {
  return path.split(SEPARATORS).filter(Boolean).pop() ?? ''
}

export function dirname(path: string): string {
  const sep = separatorOf(path)
  const drive = driveOf(path)
  const parts = segments(drive ? path.slice(drive.length) : path)
  parts.pop()
  return build(isAbsolute(path), parts, sep, drive)
}

/** `target` resolved against the folder `base` (unless it is absolute). */
export function resolvePath(base: string, target: string): string {
  if (isAbsolute(target)) return normalizePath(target)
  const sep = separatorOf(base)
  return normalizePath(base === '' || base === '.' ? target : `${base}${sep}${target}`)
}

export function normalizePath(path: string): string {
  const drive = driveOf(path)
  return build(isAbsolute(path), segments(drive ? path.slice(drive.length) : path), separatorOf(path), drive)
}

/** The path from folder `from` to `to` (both absolute, or both relative to the same root). */
export function relativePath(from: string, to: string): string {
  if (isAbsolute(from) !== isAbsolute(to) || driveOf(from).toLowerCase() !== driveOf(to).toLowerCase()) return to
  const a = segments(driveOf(from) ? from.slice(2) : from)
  const b = segments(driveOf(to) ? to.slice(2) : to)
  let common = 0
  while (common < a.length && common < b.length && a[common] === b[common]) common++
  const parts = [...a.slice(common).map(() => '..'), ...b.slice(common)]
  return parts.join('/') || '.'
}

/** Where a project's data file is, as the host shows paths (the project's folder anchors it). */
export function dataLocation(projectPath: string | null, dataPath: string): string {
  return projectPath ? resolvePath(dirname(projectPath), dataPath) : normalizePath(dataPath)
}

/** The data path to write in a project moving from `oldProject` to `newProject`, pointing at the same file. */
export function rebaseDataPath(oldProject: string | null, newProject: string, dataPath: string): string {
  const location = dataLocation(oldProject, dataPath)
  if (isAbsolute(location) && !isAbsolute(newProject)) return location
  return relativePath(dirname(newProject), location)
}

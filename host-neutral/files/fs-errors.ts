// Turns file system failures into sentences a user can act on, always naming the file.

const REASONS: Record<string, string> = {
  ENOENT: 'the file or its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is busy or locked',
}

export type FileVerb = 'open' | 'save' | 'read' | 'export' | 'import'

export function describeFileError(verb: FileVerb, displayPath: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error))
  return `Could not ${verb} "${displayPath}": ${reason}.`
}

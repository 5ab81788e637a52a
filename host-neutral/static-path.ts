// Which file a URL path of the renderer names, in both hosts: inside the renderer folder only,
// '/' is index.html, and a malformed %-escape is the client's error.
import { isAbsolute, join, normalize, relative } from 'node:path'

export type StaticPath = { file: string } | { error: 400 | 404 }

export function staticPath(root: string, pathname: string): StaticPath {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname)
  } catch {
    return { error: 400 }
  }
  const file = normalize(join(root, decoded))
  const rel = relative(root, file)
  return rel.startsWith('..') || isAbsolute(rel) ? { error: 404 } : { file }
}

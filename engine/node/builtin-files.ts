// Reads the built-in data sets from data/ for every Node host (CLI, the engine process under
// Electron or the browser host, tests): checks the file's SHA-256 against the catalog, then
// un-gzips it. The engine core decodes the bytes (engine/data/builtin.ts).
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { builtinInfo, type BuiltinInfo } from '../data/builtin-catalog'
import { decodeBuiltin } from '../data/builtin'
import type { Dataset } from '../data/dataset'

/**
 * Where data/ is: the nearest folder above this file holding data/README.md. This file runs from
 * engine/node/ (tests) or bundled into out/main/ or a chunk below it (CLI, engine process, browser
 * host); a packaged app keeps data/ beside out/ in the app archive, or in its resources folder.
 * BACKPROP_STUDIO_DATA overrides it.
 */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BACKPROP_STUDIO_DATA) return env.BACKPROP_STUDIO_DATA
  const candidates: string[] = []
  for (let dir = dirname(fileURLToPath(import.meta.url)), up = 0; up < 5; dir = dirname(dir), up++) candidates.push(join(dir, 'data'))
  const resources = (process as { resourcesPath?: string }).resourcesPath
  if (resources) candidates.push(join(resources, 'data'))
  return candidates.find((dir) => existsSync(join(dir, 'README.md')) && existsSync(join(dir, 'iris.bsd.gz'))) ?? candidates[2]
}

/** The verified, decompressed bytes of a built-in set's file; an Error naming the file otherwise. */
export function readBuiltinBytes(info: BuiltinInfo, directory = dataDirectory()): Uint8Array {
  const path = join(directory, info.file)
  let file: Buffer
  try {
    file = readFileSync(path)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file is missing' : (error as Error).message
    throw new Error(`built-in data set '${info.name}': cannot read ${path}: ${reason}`, { cause: error })
  }
  const sha256 = createHash('sha256').update(file).digest('hex')
  if (sha256 !== info.sha256) {
    throw new Error(`built-in data set '${info.name}': ${path} fails its checksum (SHA-256 ${sha256.slice(0, 12)}…, expected ${info.sha256.slice(0, 12)}…): the file is damaged; reinstall, or restore it from the repository`)
  }
  return gunzipSync(file)
}

/** A built-in data set read from data/ and decoded: the rows the engine trains on (pixels in [0, 1]); an unknown name is an Error listing the sets. */
export function readBuiltinDataset(name: string, directory = dataDirectory()): Dataset {
  return decodeBuiltin(name, readBuiltinBytes(builtinInfo(name), directory))
}

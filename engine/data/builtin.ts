/**
 * Decodes a built-in data set from its bytes (already un-gzip'd and checksum-verified by the host,
 * engine/node/builtin-files.ts): a 16-byte header, the inputs row-major, then the targets.
 * Image pixels are scaled to [0, 1]; tabular values stay as published.
 */
import { builtinInfo, type BuiltinInfo } from './builtin-catalog'
import type { Dataset } from './dataset'

const MAGIC = [0x42, 0x50, 0x53, 0x44] // 'BPSD'
const HEADER_BYTES = 16
const U8 = 1
const F64 = 2

/** Gives the decompressed, verified bytes of a built-in set's file (the host reads data/). */
export type BuiltinBytes = (info: BuiltinInfo) => Uint8Array | Promise<Uint8Array>

export function decodeBuiltin(name: string, bytes: Uint8Array): Dataset {
  const info = builtinInfo(name)
  const fail = (what: string) => new Error(`data/${info.file}: ${what} (the bundled file is damaged; reinstall or re-run scripts/convert-datasets.js)`)
  if (bytes.length < HEADER_BYTES || MAGIC.some((byte, i) => bytes[i] !== byte)) throw fail('not a Backprop Studio data file')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const [version, inputType, targetType] = [bytes[4], bytes[5], bytes[6]]
  const rows = view.getUint32(8, true)
  const inputs = view.getUint32(12, true)
  if (version !== 1) throw fail(`format version ${version} is not supported`)
  if (rows !== info.rows || inputs !== info.inputs) throw fail(`holds ${rows} rows × ${inputs} inputs, expected ${info.rows} × ${info.inputs}`)
  const inputBytes = inputType === U8 ? 1 : inputType === F64 ? 8 : 0
  const targetBytes = targetType === U8 ? 1 : targetType === F64 ? 8 : 0
  if (inputBytes === 0 || targetBytes === 0) throw fail(`unknown value types ${inputType}, ${targetType}`)
  if (bytes.length !== HEADER_BYTES + rows * (inputs * inputBytes + targetBytes)) throw fail(`is ${bytes.length} bytes, expected ${HEADER_BYTES + rows * (inputs * inputBytes + targetBytes)}`)
  const X = new Float64Array(rows * inputs)
  // Bytes through a table of v / maxValue (exact quotients, one lookup per pixel: MNIST has 7.8 million).
  const maxValue = info.image?.maxValue ?? 1
  const table = Float64Array.from({ length: 256 }, (_, v) => v / maxValue)
  if (inputBytes === 1) for (let p = 0; p < X.length; p++) X[p] = table[bytes[HEADER_BYTES + p]]
  else for (let p = 0; p < X.length; p++) X[p] = view.getFloat64(HEADER_BYTES + 8 * p, true)
  const targetsAt = HEADER_BYTES + rows * inputs * inputBytes
  const target = (r: number) => (targetBytes === 1 ? bytes[targetsAt + r] : view.getFloat64(targetsAt + 8 * r, true))
  return { ...targetsOf(info, rows, target, fail), n: rows, d: inputs, X, inputNames: [...info.inputNames] }
}

/** Y and the target description: one-hot for multiclass, 0/1 for binary, the value for regression. */
function targetsOf(info: BuiltinInfo, rows: number, target: (r: number) => number, fail: (what: string) => Error): Pick<Dataset, 'k' | 'Y' | 'targetNames' | 'kind' | 'classes'> {
  if (info.task === 'regression') {
    const Y = new Float64Array(rows)
    for (let r = 0; r < rows; r++) Y[r] = target(r)
    if (!Y.every(Number.isFinite)) throw fail('a target is not a finite number')
    return { k: 1, Y, targetNames: [info.targetName], kind: 'regression' }
  }
  const classNames = info.classNames ?? []
  const k = info.task === 'binary' ? 1 : classNames.length
  const Y = new Float64Array(rows * k)
  for (let r = 0; r < rows; r++) {
    const c = target(r)
    if (!(Number.isInteger(c) && c >= 0 && c < classNames.length)) throw fail(`row ${r} has class ${c}, expected 0 to ${classNames.length - 1}`)
    if (k === 1) Y[r] = c
    else Y[r * k + c] = 1
  }
  return { k, Y, targetNames: k === 1 ? [info.targetName] : [...classNames], kind: info.task, classes: [...classNames] }
}

// The browser host's WebSocket frames: one binary frame per message, a small JSON header for the
// structure and the big arrays and long texts beside it as raw bytes. So a 5 M-parameter project
// crosses as bytes, never inside one giant JSON string (which V8 cannot build past ~512 M
// characters), and the receiver's memory stays bounded by the frame: the header, the only part
// that is parsed, has a small budget; the rest is copied, not parsed.
//
// Frame: "BPS1" | header length (u32 LE) | header (UTF-8 JSON) | part 0 | part 1 | … — every
// section padded to 8 bytes so float64 parts stay aligned. Header: { t: tree, p: [part lengths] }.
// In the tree, what plain JSON loses is tagged: typed arrays `{ $: 'Float64Array', part }`,
// plain number arrays and matrices `{ $: 'numbers', part[, cols] }` (they come back as plain
// arrays), long strings `{ $: 'text', part }`, NaN/±Infinity/−0 `{ $: 'number', value }`; an
// object with its own "$" key is escaped as `{ $: 'object', value }`. Numbers travel in the
// platform's byte order: both ends run on one machine (127.0.0.1). Pure: page and Node alike.
import { FrameReader, FrameWriter, WireFormatError } from './wire-frame'

export { WireFormatError } from './wire-frame'

const TYPED_ARRAYS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
} as const
type TypedArrayName = keyof typeof TYPED_ARRAYS

const SPECIAL_NUMBERS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 }
const MAX_DEPTH = 200
/** Arrays of at least this many numbers, and strings of at least this many characters, go as parts. */
const PART_MIN_NUMBERS = 16
const PART_MIN_CHARS = 1024

function typedArrayName(value: ArrayBufferView): TypedArrayName | null {
  const name = value.constructor.name
  return Object.hasOwn(TYPED_ARRAYS, name) ? (name as TypedArrayName) : null
}

function encodeNumber(value: number): unknown {
  if (Number.isFinite(value) && !Object.is(value, -0)) return value
  return { $: 'number', value: Object.is(value, -0) ? '-0' : String(value) }
}

/** defineProperty, not assignment: a "__proto__" key stays a plain key and changes no prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

const isNumberArray = (value: unknown[]): value is number[] => value.every((item) => typeof item === 'number')

/** A rectangular array of number arrays (a weight matrix W[i][j]): its column count, else null. */
function matrixColumns(value: unknown[]): number | null {
  if (value.length === 0 || !Array.isArray(value[0])) return null
  const cols = value[0].length
  return value.every((row) => Array.isArray(row) && row.length === cols && isNumberArray(row)) ? cols : null
}

function packNumbers(writer: FrameWriter, rows: number[][], cols: number): number {
  const packed = new Float64Array(rows.length * cols)
  rows.forEach((row, i) => packed.set(row, i * cols))
  return writer.add(new Uint8Array(packed.buffer))
}

function encodeArray(value: unknown[], writer: FrameWriter, depth: number): unknown {
  if (value.length >= PART_MIN_NUMBERS && isNumberArray(value)) return { $: 'numbers', part: packNumbers(writer, [value], value.length) }
  const cols = matrixColumns(value)
  if (cols !== null && value.length * cols >= PART_MIN_NUMBERS) return { $: 'numbers', part: packNumbers(writer, value as number[][], cols), cols }
  return value.map((item) => (item === undefined ? null : encodeTree(item, writer, depth + 1)))
}

function encodeTree(value: unknown, writer: FrameWriter, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new WireFormatError('message nested too deeply')
  if (value === null || typeof value === 'boolean') return value
  if (typeof value === 'string') return value.length >= PART_MIN_CHARS ? { $: 'text', part: writer.addText(value) } : value
  if (typeof value === 'number') return encodeNumber(value)
  if (typeof value !== 'object') throw new WireFormatError(`cannot send a ${typeof value}`)
  if (ArrayBuffer.isView(value)) {
    const name = typedArrayName(value)
    if (!name) throw new WireFormatError(`cannot send a ${value.constructor.name}`)
    return { $: name, part: writer.add(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) }
  }
  if (Array.isArray(value)) return encodeArray(value, writer, depth)
  const entries: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) if (item !== undefined) setOwn(entries, key, encodeTree(item, writer, depth + 1))
  return Object.hasOwn(entries, '$') ? { $: 'object', value: entries } : entries
}

function unpackNumbers(bytes: Uint8Array, cols: unknown): number[] | number[][] {
  if (bytes.byteLength % 8 !== 0) throw new WireFormatError(`a number array of ${bytes.byteLength} bytes`)
  const values = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8)
  if (cols === undefined) return Array.from(values)
  if (!Number.isInteger(cols) || (cols as number) < 1 || values.length % (cols as number) !== 0) throw new WireFormatError('a matrix of the wrong size')
  const width = cols as number
  return Array.from({ length: values.length / width }, (_, i) => Array.from(values.subarray(i * width, (i + 1) * width)))
}

function decodeTagged(tagged: Record<string, unknown>, reader: FrameReader, depth: number): unknown {
  const tag = tagged.$
  if (tag === 'object') return decodeEntries(tagged.value, reader, depth)
  if (tag === 'number' && typeof tagged.value === 'string' && Object.hasOwn(SPECIAL_NUMBERS, tagged.value)) return SPECIAL_NUMBERS[tagged.value]
  if (tag === 'text') return reader.text(tagged.part)
  if (tag === 'numbers') return unpackNumbers(reader.part(tagged.part), tagged.cols)
  if (typeof tag === 'string' && Object.hasOwn(TYPED_ARRAYS, tag)) {
    const Kind = TYPED_ARRAYS[tag as TypedArrayName]
    // Byte arrays need no alignment: they may stay in the frame (reader.bytes).
    const bytes = Kind.BYTES_PER_ELEMENT === 1 ? reader.bytes(tagged.part) : reader.part(tagged.part)
    if (bytes.byteLength % Kind.BYTES_PER_ELEMENT !== 0) throw new WireFormatError(`${tag} of ${bytes.byteLength} bytes`)
    return new Kind(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / Kind.BYTES_PER_ELEMENT)
  }
  throw new WireFormatError(`unknown tag ${JSON.stringify(tag)}`)
}

function decodeEntries(value: unknown, reader: FrameReader, depth: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WireFormatError('escaped object is not an object')
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) setOwn(out, key, decodeTree(item, reader, depth + 1))
  return out
}

function decodeTree(value: unknown, reader: FrameReader, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new WireFormatError('message nested too deeply')
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map((item) => decodeTree(item, reader, depth + 1))
  if (Object.hasOwn(value, '$')) return decodeTagged(value as Record<string, unknown>, reader, depth)
  return decodeEntries(value, reader, depth)
}

/** One message as one binary frame. Throws WireFormatError for values no message contains. */
export function encodeMessage(value: unknown): Uint8Array<ArrayBuffer> {
  const writer = new FrameWriter()
  return writer.finish(encodeTree(value, writer, 0))
}

export interface DecodeLimits {
  /** Refuse frames longer than this many bytes. */
  maxFrameBytes?: number
}

/** Inverse of encodeMessage. Throws WireFormatError on anything it would not have produced. */
export function decodeMessage(frame: Uint8Array, limits: DecodeLimits = {}): unknown {
  const reader = new FrameReader(frame, limits.maxFrameBytes)
  return reader.finish(decodeTree(reader.tree, reader, 0))
}

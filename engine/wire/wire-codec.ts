// JSON for the browser host's WebSocket that keeps what plain JSON loses in engine messages:
// typed arrays (sent as tagged base64 of their bytes) and the numbers NaN, ±Infinity and −0
// (a test loss of NaN or a diverged value must not arrive as null). A plain object that happens
// to have a "$" key is escaped, so no data can be mistaken for a tag. Pure: runs in the page and
// in Node.

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
type TypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>

const SPECIAL_NUMBERS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 }
const MAX_DEPTH = 200

export class WireFormatError extends Error {
  override readonly name = 'WireFormatError'
}

function typedArrayName(value: ArrayBufferView): TypedArrayName | null {
  const name = value.constructor.name
  return Object.hasOwn(TYPED_ARRAYS, name) ? (name as TypedArrayName) : null
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0))
const DECODE = new Int16Array(128).fill(-1)
ENCODE.forEach((code, index) => (DECODE[code] = index))
const PAD = 61 // '='

/**
 * Base64 with lookup tables into a byte buffer, decoded as ASCII in one step: an order of
 * magnitude faster than btoa over a binary string for the megabytes a prediction grid can take.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4)
  let o = 0
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out[o++] = ENCODE[n >>> 18]
    out[o++] = ENCODE[(n >>> 12) & 63]
    out[o++] = ENCODE[(n >>> 6) & 63]
    out[o++] = ENCODE[n & 63]
  }
  const rest = bytes.length - i
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0)
    out[o] = ENCODE[n >>> 18]
    out[o + 1] = ENCODE[(n >>> 12) & 63]
    out[o + 2] = rest === 2 ? ENCODE[(n >>> 6) & 63] : PAD
    out[o + 3] = PAD
  }
  return new TextDecoder().decode(out)
}

export function base64ToBytes(text: string): Uint8Array {
  const chars = new TextEncoder().encode(text)
  if (chars.length % 4 !== 0) throw new WireFormatError('invalid base64 length in a typed array')
  const padding = chars.length === 0 ? 0 : (chars[chars.length - 1] === PAD ? 1 : 0) + (chars[chars.length - 2] === PAD ? 1 : 0)
  const bytes = new Uint8Array((chars.length / 4) * 3 - padding)
  let o = 0
  for (let i = 0; i < chars.length; i += 4) {
    let n = 0
    for (let k = 0; k < 4; k++) {
      const c = chars[i + k]
      const isPad = c === PAD && i + k >= chars.length - padding
      const value = isPad ? 0 : c < 128 ? DECODE[c] : -1
      if (value < 0) throw new WireFormatError('invalid base64 in a typed array')
      n = (n << 6) | value
    }
    if (o < bytes.length) bytes[o++] = n >>> 16
    if (o < bytes.length) bytes[o++] = (n >>> 8) & 255
    if (o < bytes.length) bytes[o++] = n & 255
  }
  return bytes
}

function encodeNumber(value: number): unknown {
  if (Number.isFinite(value) && !Object.is(value, -0)) return value
  return { $: 'number', value: Object.is(value, -0) ? '-0' : String(value) }
}

/** Turns a message into a JSON-safe tree. Throws for values no engine message contains. */
export function toWire(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new WireFormatError('message nested too deeply')
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return encodeNumber(value)
  if (typeof value !== 'object') throw new WireFormatError(`cannot send a ${typeof value}`)
  if (ArrayBuffer.isView(value)) {
    const name = typedArrayName(value)
    if (!name) throw new WireFormatError(`cannot send a ${value.constructor.name}`)
    return { $: name, base64: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) }
  }
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toWire(item, depth + 1)))
  const entries: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) if (item !== undefined) entries[key] = toWire(item, depth + 1)
  return Object.hasOwn(entries, '$') ? { $: 'object', value: entries } : entries
}

function decodeTagged(tagged: Record<string, unknown>, depth: number): unknown {
  const tag = tagged.$
  if (tag === 'object') return decodeEntries(tagged.value, depth)
  if (tag === 'number' && typeof tagged.value === 'string' && Object.hasOwn(SPECIAL_NUMBERS, tagged.value)) {
    return SPECIAL_NUMBERS[tagged.value]
  }
  if (typeof tag === 'string' && Object.hasOwn(TYPED_ARRAYS, tag) && typeof tagged.base64 === 'string') {
    const Kind = TYPED_ARRAYS[tag as TypedArrayName]
    const bytes = base64ToBytes(tagged.base64)
    if (bytes.byteLength % Kind.BYTES_PER_ELEMENT !== 0) throw new WireFormatError(`${tag} of ${bytes.byteLength} bytes`)
    return new Kind(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / Kind.BYTES_PER_ELEMENT) as TypedArray
  }
  throw new WireFormatError(`unknown tag ${JSON.stringify(tag)}`)
}

function decodeEntries(value: unknown, depth: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WireFormatError('escaped object is not an object')
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) out[key] = fromWire(item, depth + 1)
  return out
}

/** Inverse of toWire. Throws WireFormatError on anything toWire would not have produced. */
export function fromWire(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new WireFormatError('message nested too deeply')
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map((item) => fromWire(item, depth + 1))
  if (Object.hasOwn(value, '$')) return decodeTagged(value as Record<string, unknown>, depth)
  return decodeEntries(value, depth)
}

export const encodeMessage = (value: unknown): string => JSON.stringify(toWire(value))

export function decodeMessage(text: string): unknown {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new WireFormatError('not JSON')
  }
  return fromWire(parsed)
}

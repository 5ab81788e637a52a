// The length-prefixed binary frame under wire-codec.ts: a magic word, a JSON header and raw
// parts, each section padded to 8 bytes. The writer collects parts; the reader checks every
// length against the frame before it slices, parses only the header (within its budget), and
// requires each part to be used exactly once, so nothing in a frame goes unchecked.

export class WireFormatError extends Error {
  override readonly name = 'WireFormatError'
}

const MAGIC = [0x42, 0x50, 0x53, 0x31] // "BPS1"
const PREFIX_BYTES = 8
/** The header holds only structure and short values; everything large is a part. */
export const MAX_HEADER_BYTES = 4 * 1024 * 1024

const padded = (length: number) => Math.ceil(length / 8) * 8
const encoder = new TextEncoder()

export class FrameWriter {
  private readonly parts: Uint8Array[] = []

  /** Adds raw bytes; returns the part's index for the header. */
  add(bytes: Uint8Array): number {
    this.parts.push(bytes)
    return this.parts.length - 1
  }

  addText(text: string): number {
    // Project texts are ASCII: written in place into a buffer of one byte per character, which
    // costs the page half of what encode() does (6 MB: 10 ms against 25); other text is encoded.
    const bytes = new Uint8Array(text.length)
    const { read } = encoder.encodeInto(text, bytes)
    return this.add(read === text.length ? bytes : encoder.encode(text))
  }

  finish(tree: unknown): Uint8Array<ArrayBuffer> {
    const header = encoder.encode(JSON.stringify({ t: tree, p: this.parts.map((part) => part.byteLength) }))
    if (header.byteLength > MAX_HEADER_BYTES) throw new WireFormatError(`message header of ${header.byteLength} bytes (at most ${MAX_HEADER_BYTES})`)
    let size = PREFIX_BYTES + padded(header.byteLength)
    for (const part of this.parts) size += padded(part.byteLength)
    const frame = new Uint8Array(size)
    frame.set(MAGIC, 0)
    new DataView(frame.buffer).setUint32(4, header.byteLength, true)
    frame.set(header, PREFIX_BYTES)
    let offset = PREFIX_BYTES + padded(header.byteLength)
    for (const part of this.parts) {
      frame.set(part, offset)
      offset += padded(part.byteLength)
    }
    return frame
  }
}

export class FrameReader {
  readonly tree: unknown
  private readonly starts: number[] = []
  private readonly lengths: number[] = []
  private readonly used = new Set<number>()

  constructor(
    private readonly frame: Uint8Array,
    maxFrameBytes = Infinity,
  ) {
    if (frame.byteLength > maxFrameBytes) throw new WireFormatError(`a frame of ${frame.byteLength} bytes (at most ${maxFrameBytes})`)
    if (frame.byteLength < PREFIX_BYTES || MAGIC.some((byte, i) => frame[i] !== byte)) throw new WireFormatError('not a studio frame')
    const headerBytes = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(4, true)
    if (headerBytes > MAX_HEADER_BYTES || PREFIX_BYTES + headerBytes > frame.byteLength) throw new WireFormatError(`a header of ${headerBytes} bytes`)
    const header = this.parseHeader(frame.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes))
    this.tree = header.t
    let offset = PREFIX_BYTES + padded(headerBytes)
    for (const length of header.p) {
      if (!Number.isInteger(length) || length < 0 || offset + length > frame.byteLength) throw new WireFormatError('a part longer than the frame')
      this.starts.push(offset)
      this.lengths.push(length)
      offset += padded(length)
    }
    if (offset !== frame.byteLength) throw new WireFormatError(`${frame.byteLength - offset} bytes after the last part`)
  }

  private parseHeader(bytes: Uint8Array): { t: unknown; p: number[] } {
    let header: unknown
    try {
      header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    } catch {
      throw new WireFormatError('the header is not JSON')
    }
    const p = (header as { p?: unknown } | null)?.p
    if (typeof header !== 'object' || header === null || !Array.isArray(p) || !('t' in header)) throw new WireFormatError('a header without tree and parts')
    return header as { t: unknown; p: number[] }
  }

  /** A copy of part `index` (aligned, not shared with the frame). */
  part(index: unknown): Uint8Array {
    const i = this.claim(index)
    // Copied by hand: Node's Buffer.slice would return a view at the frame's (unaligned) offset.
    const copy = new Uint8Array(this.lengths[i])
    copy.set(this.frame.subarray(this.starts[i], this.starts[i] + this.lengths[i]))
    return copy
  }

  /**
   * Part `index` as bytes: a view into the frame, not a copy, when the frame owns its whole buffer
   * (the page's frames: a 6 MB project file is not copied again); else a copy, as part() (a view
   * into a Node pool slab would carry other buffers' bytes).
   */
  bytes(index: unknown): Uint8Array {
    if (this.frame.byteOffset !== 0 || this.frame.byteLength !== this.frame.buffer.byteLength) return this.part(index)
    const i = this.claim(index)
    return this.frame.subarray(this.starts[i], this.starts[i] + this.lengths[i])
  }

  text(index: unknown): string {
    const i = this.claim(index)
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(this.frame.subarray(this.starts[i], this.starts[i] + this.lengths[i]))
    } catch {
      throw new WireFormatError('a text part that is not UTF-8')
    }
  }

  /** Returns the decoded value once every part has been used. */
  finish<T>(value: T): T {
    if (this.used.size !== this.lengths.length) throw new WireFormatError(`${this.lengths.length - this.used.size} parts no value refers to`)
    return value
  }

  private claim(index: unknown): number {
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= this.lengths.length) throw new WireFormatError(`no part ${String(index)}`)
    if (this.used.has(index as number)) throw new WireFormatError(`part ${String(index)} is used twice`)
    this.used.add(index as number)
    return index as number
  }
}

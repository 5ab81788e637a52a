/**
 * Buffers inside a WebAssembly memory, so weights, activations, errors and gradients stay
 * resident across steps (copying them in and out of each call would cost 15–40%).
 *
 * Every buffer has an explicit owner: a network or a workspace reserves one block, sized up front
 * for all its buffers, and releases it when it is done (`Reservation.release`). The memory is a
 * shared one (`WebAssembly.Memory({ shared: true })`): growing it never detaches a view, so a view
 * is valid for its owner's life, whatever is reserved later, and worker threads can compute in
 * the same memory. Released blocks go back to a free list (first fit, neighbours merged).
 */
import type { Floats, Reservation } from './kernel'

export interface WasmMemoryLike {
  buffer: ArrayBufferLike
  grow(pages: number): number
}

const PAGE = 65536
const ALIGN = 16

type FloatsConstructor = Float64ArrayConstructor | Float32ArrayConstructor

interface Span {
  offset: number
  bytes: number
}

export class WasmArena {
  private top: number
  /** Released spans, sorted by offset, neighbours merged. */
  private readonly free: Span[] = []
  /**
   * The views this arena handed out. Residency is decided by the view itself: a shared memory's
   * `buffer` getter may answer a new SharedArrayBuffer object for the same memory, so buffer
   * identity says nothing.
   */
  private readonly views = new WeakSet<Floats>()

  constructor(
    private readonly memory: WasmMemoryLike,
    /** First byte the arena may use (the module's own data lies below). */
    base: number,
    /** Float64Array or Float32Array: the element type of every buffer. */
    private readonly type: FloatsConstructor,
  ) {
    this.top = Math.ceil(base / ALIGN) * ALIGN
  }

  /** Whether a view is one this arena handed out (so it lies in this memory). */
  holds(view: Floats): boolean {
    return this.views.has(view)
  }

  /** Bytes reserved and not released (for tests and the status line). */
  get reservedBytes(): number {
    return this.top - this.free.reduce((sum, s) => sum + s.bytes, 0)
  }

  /** Zeroed views of the given lengths, from one block, valid until `release()`. */
  reserve(lengths: number[]): Reservation {
    const sizes = lengths.map((n) => Math.max(ALIGN, Math.ceil((n * this.type.BYTES_PER_ELEMENT) / ALIGN) * ALIGN))
    const bytes = sizes.reduce((a, b) => a + b, 0)
    const offset = this.take(bytes)
    const buffer = this.memory.buffer
    new Uint8Array(buffer, offset, bytes).fill(0)
    let at = offset
    const views = lengths.map((n, i) => {
      const view = new this.type(buffer as ArrayBuffer, at, n) // a SharedArrayBuffer: the lib types this constructor for ArrayBuffer only
      at += sizes[i]
      this.views.add(view)
      return view
    })
    let released = false
    return {
      views,
      release: () => {
        if (released) return
        released = true
        this.give({ offset, bytes })
      },
    }
  }

  private take(bytes: number): number {
    const i = this.free.findIndex((s) => s.bytes >= bytes)
    if (i >= 0) {
      const span = this.free[i]
      const offset = span.offset
      if (span.bytes === bytes) this.free.splice(i, 1)
      else this.free[i] = { offset: offset + bytes, bytes: span.bytes - bytes }
      return offset
    }
    const offset = this.top
    const end = offset + bytes
    if (end > this.memory.buffer.byteLength) this.grow(end)
    this.top = end
    return offset
  }

  private give(span: Span): void {
    let i = this.free.findIndex((s) => s.offset > span.offset)
    if (i < 0) i = this.free.length
    this.free.splice(i, 0, span)
    // Merge with the next and the previous span where they touch.
    if (i + 1 < this.free.length && span.offset + span.bytes === this.free[i + 1].offset) {
      span.bytes += this.free[i + 1].bytes
      this.free.splice(i + 1, 1)
    }
    if (i > 0 && this.free[i - 1].offset + this.free[i - 1].bytes === span.offset) {
      this.free[i - 1].bytes += span.bytes
      this.free.splice(i, 1)
    }
    // A free span at the top returns to the bump region.
    const last = this.free[this.free.length - 1]
    if (last && last.offset + last.bytes === this.top) {
      this.top = last.offset
      this.free.pop()
    }
  }

  private grow(minBytes: number): void {
    const have = this.memory.buffer.byteLength
    // At least half again, so networks built one after another grow the memory a few times.
    const want = Math.max(minBytes, Math.floor(have * 1.5))
    this.memory.grow(Math.ceil((want - have) / PAGE))
  }
}

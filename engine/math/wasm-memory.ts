/**
 * Buffers inside a WebAssembly memory, so weights, activations, errors and gradients stay
 * resident across steps (copying them in and out of each call would cost 15–40%).
 *
 * Growing the memory detaches every typed-array view of it. Objects that hold views register as
 * holders; after a growth each live holder re-creates its views (same offsets) before anything
 * else runs. Blocks return to a free list when their view is garbage-collected.
 */
export interface WasmMemoryLike {
  buffer: ArrayBuffer
  grow(pages: number): number
}

import type { Floats, ViewHolder } from './kernel'

const PAGE = 65536
const ALIGN = 16

interface Place {
  offset: number
  length: number
  bytes: number
}

type FloatsConstructor = Float64ArrayConstructor | Float32ArrayConstructor

export class WasmArena {
  private top: number
  private readonly free = new Map<number, number[]>()
  private readonly places = new WeakMap<Floats, Place>()
  private readonly holders = new Set<WeakRef<ViewHolder>>()
  private readonly collected = new FinalizationRegistry<Place>((place) => this.release(place))

  constructor(
    private readonly memory: WasmMemoryLike,
    /** First byte the arena may use (the module's own data lies below). */
    base: number,
    /** Float64Array or Float32Array: the element type of every buffer. */
    private readonly type: FloatsConstructor,
  ) {
    this.top = Math.ceil(base / ALIGN) * ALIGN
  }

  get buffer(): ArrayBuffer {
    return this.memory.buffer
  }

  /** A zeroed view of `length` values inside the memory. */
  alloc(length: number): Floats {
    const bytes = Math.max(ALIGN, Math.ceil((length * this.type.BYTES_PER_ELEMENT) / ALIGN) * ALIGN)
    const offset = this.free.get(bytes)?.pop() ?? this.bump(bytes)
    const view = new this.type(this.memory.buffer, offset, length)
    view.fill(0)
    this.track(view, { offset, length, bytes })
    return view
  }

  /**
   * Registers an object holding views: after every growth it gets fresh ones. Call it once the
   * object has allocated everything and refreshed its own views (a growth may have happened
   * while it was allocating).
   */
  hold(holder: ViewHolder): void {
    // Forget collected holders now and then, so the set does not grow with every workspace made.
    if (this.holders.size >= 64 && this.holders.size % 64 === 0) this.pruneHolders()
    this.holders.add(new WeakRef(holder))
  }

  private pruneHolders(): void {
    for (const ref of this.holders) if (!ref.deref()) this.holders.delete(ref)
  }

  /** The live view at the place of a (possibly detached) one; other arrays pass through. */
  readonly refresh = (view: Floats): Floats => {
    const place = this.places.get(view)
    if (!place || view.buffer === this.memory.buffer) return view
    const fresh = new this.type(this.memory.buffer, place.offset, place.length)
    this.collected.unregister(view)
    this.track(fresh, place)
    return fresh
  }

  private track(view: Floats, place: Place): void {
    this.places.set(view, place)
    // The view itself is the unregister token: refresh() moves the block to the new view.
    this.collected.register(view, place, view)
  }

  private bump(bytes: number): number {
    const offset = this.top
    const end = offset + bytes
    if (end > this.memory.buffer.byteLength) this.grow(end)
    this.top = end
    return offset
  }

  private grow(minBytes: number): void {
    const have = this.memory.buffer.byteLength
    // At least half again, so a network built buffer by buffer grows a few times, not per buffer.
    const want = Math.max(minBytes, Math.floor(have * 1.5))
    this.memory.grow(Math.ceil((want - have) / PAGE))
    for (const ref of this.holders) {
      const holder = ref.deref()
      if (holder) holder.refreshViews(this.refresh)
      else this.holders.delete(ref)
    }
  }

  private release(place: Place): void {
    const list = this.free.get(place.bytes) ?? []
    list.push(place.offset)
    this.free.set(place.bytes, list)
  }
}

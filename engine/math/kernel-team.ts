/**
 * What a WebAssembly kernel needs from threads (the Node edge provides them, see
 * engine/node/kernel-threads.ts): workers that instantiate the same module on the same shared
 * memory and, on command, call one of its products with the arguments given. The caller computes
 * lane 0 itself between `start` and `finish`.
 */
export const PRODUCT_OPS = ['matmulNN64', 'matmulTN64', 'matmulNT64', 'matmulNN32', 'matmulTN32', 'matmulNT32'] as const
export type ProductOp = (typeof PRODUCT_OPS)[number]

export interface KernelTeam {
  /** Threads including the caller. */
  readonly size: number
  /** Hands lanes 1.. their calls (one argument list each) of product PRODUCT_OPS[op]. */
  start(op: number, calls: number[][]): void
  /** Waits until every lane handed out is done; throws when a worker failed. */
  finish(): void
}

/**
 * Splits [0, extent) into up to `lanes` contiguous blocks whose inner boundaries are multiples of
 * `align` (a register tile), as evenly as the tiles allow; blocks are never empty.
 */
export function splitBlocks(extent: number, align: number, lanes: number): [number, number][] {
  const tiles = Math.ceil(extent / align)
  const count = Math.max(1, Math.min(lanes, tiles))
  const blocks: [number, number][] = []
  for (let i = 0, from = 0; i < count; i++) {
    const to = i === count - 1 ? extent : Math.min(extent, Math.round(((i + 1) * tiles) / count) * align)
    blocks.push([from, to])
    from = to
  }
  return blocks
}

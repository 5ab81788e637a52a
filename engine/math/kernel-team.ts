/**
 * What a WebAssembly kernel needs from threads (the Node edge provides them, see
 * engine/node/kernel-threads.ts): workers that instantiate the same module on the same shared
 * memory and, on command, call one of its products with the arguments given. The caller computes
 * lane 0 itself between `start` and `finish`.
 */
import type { MatKernel } from './kernel'

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

/** The studio's and the CLI's thread setting: a count, or 'auto' (one per core but one, at least 1). */
export type ThreadsSetting = 'auto' | number

/** Threads for kernels, from the host (engine/node/kernel-threads.ts); absent where a host has none. */
export interface ThreadService {
  /** Cores this machine has. */
  readonly cores: number
  /** What 'auto' means here. */
  readonly auto: number
  /** Gives a kernel `threads` threads (1: its caller only); kernels that do not split products ignore it. */
  apply(kernel: MatKernel, threads: number): void
}

/** The count a setting stands for, and a warning when it asks for more threads than cores. */
export function resolveThreads(setting: ThreadsSetting, service: Pick<ThreadService, 'cores' | 'auto'>): { threads: number; warning?: string } {
  const threads = setting === 'auto' ? service.auto : Math.max(1, Math.floor(setting))
  if (threads <= service.cores) return { threads }
  return { threads, warning: `${threads} threads on ${service.cores} cores: allowed, but the threads take turns on the cores and each step gets slower, not faster` }
}

/**
 * What a WebAssembly kernel needs from threads (the Node edge provides them, see
 * engine/node/kernel-threads.ts): workers that instantiate the same module on the same shared
 * memory and, on command, compute blocks of one of its products. The caller computes blocks too;
 * blocks are claimed one at a time from a shared counter, so a worker the OS does not schedule
 * (a loaded machine) leaves its share to the others instead of holding the step up.
 */
import type { MatKernel } from './kernel'

/** The kernel functions a team splits: the products, and the passes over the parameters at each update. */
export const TEAM_OPS = ['matmulNN64', 'matmulTN64', 'matmulNT64', 'matmulNN32', 'matmulTN32', 'matmulNT32', 'sgdRange64', 'sgdRange32', 'copyRange'] as const
export type TeamOp = (typeof TEAM_OPS)[number]

/** One product (or pass) split into blocks of its output. */
export interface TeamJob {
  /** TEAM_OPS index. */
  op: number
  /** The arguments before the panel and the block range. */
  args: number[]
  /** Byte offset of lane 0's packed panel, and the bytes from one lane's panel to the next (NN, TN); null for the others. */
  panels: { base: number; stride: number } | null
  /** [from, to) of each block (columns for NN and TN, rows for NT, parameters for SGD, bytes for the copy). */
  blocks: [number, number][]
}

export interface KernelTeam {
  /** Threads including the caller. */
  readonly size: number
  /**
   * Computes every block of the job: workers and the caller claim blocks until none is left; the
   * caller computes its claims with `local` (on lane 0's panel). Returns when all are done; throws
   * when a worker failed.
   */
  run(job: TeamJob, local: (from: number, to: number) => void): void
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

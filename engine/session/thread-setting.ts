/**
 * The session's thread setting ('set-threads'): applied to every kernel the session uses, now and
 * later. Threads split the wide products only, by output blocks, so the setting never changes
 * the numbers (docs/engine.md, "What is bit-identical").
 */
import { z } from 'zod'
import { resolveThreads, type ThreadService, type ThreadsSetting } from '../math/kernel-team'
import type { MatKernel } from '../math/kernel'

export const MAX_THREADS = 64

export const threadsRequestFields = { threads: z.union([z.literal('auto'), z.number().int().min(1).max(MAX_THREADS)]) }

export const threadsReplySchema = z
  .object({
    setting: z.union([z.literal('auto'), z.number()]),
    /** Threads in effect (1 where the host has none). */
    threads: z.number(),
    cores: z.number(),
    warning: z.string().optional(),
  })
  .strict()

export type ThreadsReply = z.output<typeof threadsReplySchema>

export class ThreadSetting {
  private setting: ThreadsSetting = 'auto'

  constructor(private readonly service: ThreadService | undefined) {}

  /** Applies the setting to a kernel the session starts using. */
  adopt(kernel: MatKernel): void {
    this.service?.apply(kernel, this.count())
  }

  /** Changes the setting and applies it to the kernels in use. */
  set(setting: ThreadsSetting, kernels: Iterable<MatKernel>): ThreadsReply {
    this.setting = setting
    for (const kernel of kernels) this.adopt(kernel)
    return this.reply()
  }

  reply(): ThreadsReply {
    if (!this.service) return { setting: this.setting, threads: 1, cores: 1, warning: 'this engine host has no worker threads: products run on one thread' }
    return { setting: this.setting, ...resolveThreads(this.setting, this.service), cores: this.service.cores }
  }

  private count(): number {
    return this.service ? resolveThreads(this.setting, this.service).threads : 1
  }
}

// The engine process's ThreadService: kernel worker threads (kernel-threads.ts) for each
// WebAssembly kernel the session uses, replaced when the setting changes. Separate from the sweep
// pool (studio-sweeps.ts: one run per worker); both are threads of this process.
import { availableParallelism } from 'node:os'
import { WasmKernel } from '../math/wasm-kernel'
import { autoThreads, useThreads, type KernelThreads, type TeamOptions } from './kernel-threads'
import type { ThreadService } from '../math/kernel-team'

export function nodeThreadService(options: TeamOptions = {}): ThreadService {
  const teams = new Map<WasmKernel, KernelThreads | null>()
  return {
    cores: availableParallelism(),
    auto: autoThreads(),
    apply(kernel, threads) {
      if (!(kernel instanceof WasmKernel) || (teams.get(kernel)?.size ?? 1) === threads) return
      void teams.get(kernel)?.close()
      teams.set(kernel, useThreads(kernel, threads, options))
    },
  }
}

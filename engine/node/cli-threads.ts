// `train --threads N|auto`: kernel worker threads for the CLI's run, with a warning on stderr when
// the count is above this machine's cores (allowed: the numbers are the same, only slower).
import { availableParallelism } from 'node:os'
import { resolveThreads, type ThreadsSetting } from '../math/kernel-team'
import { WasmKernel } from '../math/wasm-kernel'
import { autoThreads, useThreads, type KernelThreads } from './kernel-threads'
import type { MatKernel } from '../math/kernel'
import type { Output } from './cli-commands'

export function useCliThreads(kernel: MatKernel, setting: ThreadsSetting, io: Output): KernelThreads | null {
  const { threads, warning } = resolveThreads(setting, { cores: availableParallelism(), auto: autoThreads() })
  if (warning) io.err(`backprop-studio: --threads ${threads}: ${warning}\n`)
  if (!(kernel instanceof WasmKernel)) return null
  return useThreads(kernel, threads, {
    onCrash: (error) => {
      io.err(`backprop-studio: ${error.message}\n`)
      process.exit(70)
    },
  })
}

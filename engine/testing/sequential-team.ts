// A kernel team for tests, on one thread: its "workers" are further instances on the kernel's memory.
import { TEAM_OPS, type KernelTeam } from '../math/kernel-team'
import { instantiateKernels } from '../math/wasm-instance'
import type { WasmKernel } from '../math/wasm-kernel'

/** A team whose "workers" are further instances on the kernel's memory: blocks go round the lanes, from the last block back. */
export function sequentialTeam(kernel: WasmKernel, size: number): KernelTeam & { handedOut: number } {
  const lanes = Array.from({ length: size - 1 }, () => instantiateKernels(kernel.bytes, kernel.memory).exports as unknown as Record<string, (...a: number[]) => void>)
  return {
    size,
    handedOut: 0,
    run(job, local) {
      ;[...job.blocks].reverse().forEach(([from, to], i) => {
        const lane = i % size
        if (lane === 0) return local(from, to)
        this.handedOut++
        const panel = job.panels ? [job.panels.base + lane * job.panels.stride] : []
        lanes[lane - 1][TEAM_OPS[job.op]](...job.args, ...panel, from, to)
      })
    },
  }
}


/**
 * The sweep bench: 8 runs of 2-16-16-1 on 2,000 spiral points, 30 epochs each, through the real
 * `sweep` command with `--workers 2` and `--workers 1`, alternated round by round in one process
 * (so both see the same machine load); the bar is the ratio of their median wall times.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { sweep } from '../node/cli-sweep'
import type { Output } from '../node/cli-commands'
import type { ProjectFile } from '../project/types'

export const SWEEP_BAR = 0.6

const PROJECT: ProjectFile = {
  format: 'backprop-studio/project',
  version: 1,
  network: {
    inputs: 2,
    layers: [
      { units: 16, activation: 'tanh' },
      { units: 16, activation: 'tanh' },
      { units: 1, activation: 'sigmoid' },
    ],
    loss: 'binary-cross-entropy',
  },
  data: { source: 'synthetic', name: 'spiral', samples: 2000, noise: 0.1, trainFraction: 0.8 },
  training: { optimizer: { name: 'adam', learningRate: 0.01 }, batchSize: 10, epochs: 30, shuffle: true, seed: 1, regularization: { kind: 'none', rate: 0 } },
}
/** Eight runs of equal cost (the learning rate does not change the work). */
const RATES = '0.03,0.02,0.01,0.007,0.005,0.003,0.002,0.001'

export interface SweepBenchResult {
  runs: number
  secondsOneWorker: number[]
  secondsTwoWorkers: number[]
  ratio: number
  bar: number
  load: string
  /** CPU seconds of the whole process (all threads) per sweep: with two workers the same work, spread over two threads. */
  cpuOneWorker: number[]
  cpuTwoWorkers: number[]
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]
const silent: Output = { out: () => {}, err: () => {}, isTTY: false }

export async function benchSweep(runWorker: string | URL, quick: boolean): Promise<SweepBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bps-sweep-bench-'))
  const load = loadavg().map((x) => x.toFixed(2)).join(' ')
  try {
    const file = join(dir, 'spiral.json')
    await writeFile(file, JSON.stringify(PROJECT))
    const cpu: Record<number, number[]> = { 1: [], 2: [] }
    const time = async (workers: number, round: number) => {
      const started = performance.now()
      const cpuBefore = process.cpuUsage()
      const code = await sweep(file, { sets: [`training.optimizer.learningRate=${RATES}`], workers, runs: join(dir, `w${workers}-${round}.jsonl`), resume: false, json: false, workerScript: runWorker }, silent)
      if (code !== 0) throw new Error(`the bench sweep with ${workers} workers exited ${code}`)
      const used = process.cpuUsage(cpuBefore)
      if (round >= 0) cpu[workers].push((used.user + used.system) / 1e6)
      return (performance.now() - started) / 1000
    }
    await time(1, -1) // warm-up: file cache, module compile
    const one: number[] = []
    const two: number[] = []
    for (let round = 0; round < (quick ? 1 : 3); round++) {
      one.push(await time(1, round))
      two.push(await time(2, round))
    }
    return { runs: 8, secondsOneWorker: one, secondsTwoWorkers: two, ratio: median(two) / median(one), bar: SWEEP_BAR, load, cpuOneWorker: cpu[1], cpuTwoWorkers: cpu[2] }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function printSweepBench(io: Output, r: SweepBenchResult): void {
  const s = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ')
  const verdict = r.ratio <= r.bar ? 'ok' : 'ABOVE BAR'
  io.out(`\nsweep: ${r.runs} runs of 2-16-16-1 on 2,000 spiral points, 30 epochs (load average ${r.load})\n`)
  io.out(`  --workers 1: ${s(r.secondsOneWorker)} s   --workers 2: ${s(r.secondsTwoWorkers)} s   (CPU seconds of the process: ${s(r.cpuOneWorker)} and ${s(r.cpuTwoWorkers)})\n`)
  const cores = (cpu: number[], wall: number[]) => (median(cpu) / median(wall)).toFixed(2)
  // On a shared machine the process gets what the scheduler gives it: the cores it actually used say how much a second worker could help.
  io.out(`  cores the process used (CPU s ÷ wall s, medians): ${cores(r.cpuOneWorker, r.secondsOneWorker)} with 1 worker, ${cores(r.cpuTwoWorkers, r.secondsTwoWorkers)} with 2\n`)
  io.out(`  wall-time ratio (2 workers ÷ 1, medians) ${r.ratio.toFixed(3)}  bar ≤ ${r.bar}  ${verdict}\n`)
}

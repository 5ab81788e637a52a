/**
 * The sweep bench: 8 runs of 2-16-16-1 on 2,000 spiral points, 30 epochs each, with `--workers 2`
 * against `--workers 1`, both sides measured the same way, alternated round by round (the order
 * flips each round) so both see the same machine load; the ratio is of their median wall times.
 *
 * - warm: the `sweep` command in this process, on the process's kept workers (warm-pools.ts), after
 *   a warm-up sweep on both workers: what the studio's engine does for every sweep after its first,
 *   and any later sweep in one process. The bar applies here.
 *   The peer, in the same rounds: 8 equal jobs of pure arithmetic on 1 and 2 kept threads, its
 *   ratio what the machine gave two threads then (on a shared machine, often far from 0.5).
 * - cold: a new `backprop-studio sweep` process per sweep, timed from spawn to exit: what one CLI
 *   command costs, process start, module import and each worker's JIT warm-up included.
 */
import { spawn } from 'node:child_process'
import { Worker } from 'node:worker_threads'
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
const SET = 'training.optimizer.learningRate=0.03,0.02,0.01,0.007,0.005,0.003,0.002,0.001'

export interface SweepTimes {
  /** Wall seconds per sweep, in round order. */
  one: number[]
  two: number[]
  /** Median two ÷ median one. */
  ratio: number
}

export interface SweepBenchResult {
  runs: number
  bar: number
  load: { before: string; after: string }
  warm: SweepTimes & { cpuOne: number[]; cpuTwo: number[] }
  /**
   * The peer, in the same rounds as `warm`: 8 equal jobs of pure arithmetic (no memory traffic, no
   * messages but the hand-out) on 1 and 2 kept threads, each about one run long. Its ratio is what
   * this machine gave two threads in those rounds: a sweep cannot do better.
   */
  ideal: SweepTimes
  cold: SweepTimes
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]
const silent: Output = { out: () => {}, err: () => {}, isTTY: false }
const loadNow = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

/** Runs `measure` for 1 and 2 workers, `rounds` times, in the order 1 2, 2 1, 1 2, … */
async function alternate<T>(rounds: number, measure: (workers: 1 | 2, round: number) => Promise<T>): Promise<Record<1 | 2, T[]>> {
  const out: Record<1 | 2, T[]> = { 1: [], 2: [] }
  for (let round = 0; round < rounds; round++) {
    for (const workers of round % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) out[workers].push(await measure(workers, round))
  }
  return out
}

/** Two kept threads that each run a job of `n` square roots at a time. */
const SPIN = `const { parentPort } = require('node:worker_threads')
parentPort.on('message', (n) => { let x = 0; for (let i = 0; i < n; i++) x += Math.sqrt(i); parentPort.postMessage(x) })`

class SpinPeer {
  private readonly threads = [new Worker(SPIN, { eval: true }), new Worker(SPIN, { eval: true })]
  /** Square roots in one job: calibrated to about `ms` on one thread. */
  private n = 1e6

  private job(thread: Worker, n: number): Promise<void> {
    return new Promise((done) => {
      thread.once('message', () => done())
      thread.postMessage(n)
    })
  }

  /** Scales the job until one takes about `ms` (the fastest of three tries, as the machine is shared). */
  async calibrate(ms: number): Promise<void> {
    for (let pass = 0; pass < 3; pass++) {
      let fastest = Number.POSITIVE_INFINITY
      for (let i = 0; i < 3; i++) {
        const started = performance.now()
        await this.job(this.threads[0], this.n)
        fastest = Math.min(fastest, performance.now() - started)
      }
      this.n = Math.max(1e5, Math.round((this.n * ms) / Math.max(0.5, fastest)))
    }
  }

  /** `jobs` jobs handed out to `workers` threads, as a sweep hands out runs; wall seconds. */
  async sweep(workers: number, jobs: number): Promise<number> {
    const started = performance.now()
    let next = 0
    await Promise.all(
      this.threads.slice(0, workers).map(async (thread) => {
        while (next++ < jobs) await this.job(thread, this.n)
      }),
    )
    return (performance.now() - started) / 1000
  }

  close(): Promise<number[]> {
    return Promise.all(this.threads.map((t) => t.terminate()))
  }
}

async function benchWarm(dir: string, file: string, runWorker: string | URL, rounds: number): Promise<Pick<SweepBenchResult, 'warm' | 'ideal'>> {
  const once = async (workers: number, name: string) => {
    const started = performance.now()
    const cpuBefore = process.cpuUsage()
    const code = await sweep(file, { sets: [SET], workers, runs: join(dir, `${name}.jsonl`), resume: false, json: false, workerScript: runWorker }, silent)
    if (code !== 0) throw new Error(`the bench sweep with ${workers} workers exited ${code}`)
    const used = process.cpuUsage(cpuBefore)
    return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 }
  }
  // Warm-up: both workers start and each runs the network several times (JIT), so both sides are warm.
  for (let i = 0; i < 2; i++) await once(2, `warm-up-${i}`)
  const runMs = ((await once(1, 'warm-up-one')).wall * 1000) / 8
  const peer = new SpinPeer()
  try {
    await peer.calibrate(runMs)
    const r = await alternate(rounds, async (workers, round) => ({ ...(await once(workers, `warm-w${workers}-${round}`)), spin: await peer.sweep(workers, 8) }))
    const one = r[1].map((x) => x.wall)
    const two = r[2].map((x) => x.wall)
    const spinOne = r[1].map((x) => x.spin)
    const spinTwo = r[2].map((x) => x.spin)
    return {
      warm: { one, two, ratio: median(two) / median(one), cpuOne: r[1].map((x) => x.cpu), cpuTwo: r[2].map((x) => x.cpu) },
      ideal: { one: spinOne, two: spinTwo, ratio: median(spinTwo) / median(spinOne) },
    }
  } finally {
    await peer.close()
  }
}

/** One `backprop-studio sweep` process (this process's script and flags), spawn to exit. */
function cliSweep(dir: string, file: string, workers: number, name: string): Promise<number> {
  const args = [...process.execArgv, process.argv[1], 'sweep', file, '--set', SET, '--workers', String(workers), '--runs', join(dir, `${name}.jsonl`)]
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0) resolve((performance.now() - started) / 1000)
      else reject(new Error(`the bench's sweep process with ${workers} workers exited ${code}: ${stderr.trim().split('\n').pop()}`))
    })
  })
}

async function benchCold(dir: string, file: string, rounds: number): Promise<SweepTimes> {
  await cliSweep(dir, file, 2, 'cold-warm-up') // the file cache, as a user's second command has it
  const r = await alternate(rounds, (workers, round) => cliSweep(dir, file, workers, `cold-w${workers}-${round}`))
  return { one: r[1], two: r[2], ratio: median(r[2]) / median(r[1]) }
}

export async function benchSweep(runWorker: string | URL, quick: boolean): Promise<SweepBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bps-sweep-bench-'))
  const before = loadNow()
  try {
    const file = join(dir, 'spiral.json')
    await writeFile(file, JSON.stringify(PROJECT))
    const { warm, ideal } = await benchWarm(dir, file, runWorker, quick ? 2 : 10)
    const cold = await benchCold(dir, file, quick ? 1 : 3)
    return { runs: 8, bar: SWEEP_BAR, load: { before, after: loadNow() }, warm, ideal, cold }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function printSweepBench(io: Output, r: SweepBenchResult): void {
  const s = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ')
  const cores = (cpu: number[], wall: number[]) => (median(cpu) / median(wall)).toFixed(2)
  io.out(`\nsweep: ${r.runs} runs of 2-16-16-1 on 2,000 spiral points, 30 epochs; --workers 2 against --workers 1, alternated (load average ${r.load.before} before, ${r.load.after} after)\n`)
  io.out(`  warm (kept workers, after a warm-up sweep on both; the studio's sweeps after its first, a later sweep in one process):\n`)
  io.out(`    --workers 1: ${s(r.warm.one)} s   --workers 2: ${s(r.warm.two)} s\n`)
  // On a shared machine the process gets what the scheduler gives it: the cores it actually used say how much a second worker could help.
  io.out(`    CPU seconds of the process: ${s(r.warm.cpuOne)} and ${s(r.warm.cpuTwo)}; cores used (CPU s ÷ wall s, medians): ${cores(r.warm.cpuOne, r.warm.one)} and ${cores(r.warm.cpuTwo, r.warm.two)}\n`)
  io.out(`    wall-time ratio (2 workers ÷ 1, medians) ${r.warm.ratio.toFixed(3)}  bar ≤ ${r.bar}  ${r.warm.ratio <= r.bar ? 'ok' : 'ABOVE BAR'}\n`)
  io.out(`    peer in the same rounds, 8 jobs of pure arithmetic (no memory) each about a run long on 1 and 2 threads: ${s(r.ideal.one)} s and ${s(r.ideal.two)} s, ratio ${r.ideal.ratio.toFixed(3)}\n`)
  io.out(`    (the peer's ratio is what two threads got from this machine in these rounds: 0.5 on two free cores)\n`)
  const perRound = (t: SweepTimes) => t.two.map((two, i) => two / t.one[i])
  const sweepRounds = perRound(r.warm)
  const peerRounds = perRound(r.ideal)
  io.out(`    per round (2 ÷ 1): sweep ${sweepRounds.map((x) => x.toFixed(2)).join(', ')}; peer ${peerRounds.map((x) => x.toFixed(2)).join(', ')}\n`)
  const free = sweepRounds.filter((_, i) => peerRounds[i] <= 0.6)
  io.out(
    free.length > 0
      ? `    in the ${free.length} round${free.length === 1 ? '' : 's'} where the peer got two cores (its ratio ≤ 0.6) the sweep's ratio was ${free.map((x) => x.toFixed(2)).join(', ')}\n`
      : `    in no round did the peer get two cores (its ratio ≤ 0.6): the machine was busy throughout\n`,
  )
  io.out(`  cold (a new \`backprop-studio sweep\` process each, spawn to exit: process start, imports and each worker's JIT warm-up included):\n`)
  io.out(`    --workers 1: ${s(r.cold.one)} s   --workers 2: ${s(r.cold.two)} s   ratio ${r.cold.ratio.toFixed(3)} (no bar: the fixed start costs do not divide)\n`)
}

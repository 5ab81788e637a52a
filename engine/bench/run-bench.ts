/**
 * `npm run bench`: our engine against TensorFlow.js and PyTorch on the same networks, data,
 * initial weights and plain SGD, measured in one run and interleaved (round by round), reporting
 * medians so a noisy 2-core machine does not decide the result.
 */
import { Random } from '../math/random'
import { jsKernel } from '../math/js-kernel'
import { kernelAvailable, selectKernel, type WasmVariant } from '../math/select-kernel'
import { spawnSync } from 'node:child_process'
import { loadavg } from 'node:os'
import type { MatKernel, Precision } from '../math/kernel'
import { WasmKernel } from '../math/wasm-kernel'
import { useThreads } from '../node/kernel-threads'
import { cliContestant, evaluationShare } from './cli-contestant'
import { Network } from '../nn/network'
import { initializeWeights } from '../nn/initializers'
import { computeRatios, type Row } from './bars'
import { engineContestant, tfjsBackendFlags, tfjsContestant, type Contestant, type Running } from './contestants'
import { profileWorkload, type Profile } from './profile'
import { printReport, type EvaluationShare, type Report } from './report'
import { benchSweep, printSweepBench } from './sweep-bench'
import { benchMnist, printMnistBench, type MnistBench } from './mnist-bench'
import { closeTorch, torchContestant, torchInfo, torchMissing } from './torch-peer'
import { WORKLOADS, type Workload } from './workloads'
import type { Output } from '../node/cli-commands'
import type { Dataset } from '../data/dataset'
import type { LayerWeights } from '../project/types'

export interface BenchOptions {
  json: boolean
  quick: boolean
  /** Internal: measure one precision group in this process and print its JSON. */
  group?: Precision
  /** The sweep worker's script; with it, the sweep bench (sweep-bench.ts) runs too. */
  runWorker?: string | URL
  /** Only the sweep bench. */
  sweepOnly?: boolean
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function initialWeights(workload: Workload) {
  const network = new Network(workload.network, jsKernel)
  initializeWeights(network, { name: 'he-uniform' }, new Random(42))
  return network.getWeights()
}

async function benchWorkload(workload: Workload, data: Dataset, weights: LayerWeights[], all: Contestant[], rounds: number, ms: number): Promise<Omit<Row, 'group'>[]> {
  const here = all.filter((c) => c.covers?.(workload) ?? true)
  const running: Running[] = []
  for (const c of here) running.push(await c.setup(workload, data, weights))
  for (const r of running) await r.run(ms / 2) // warm-up: JIT, caches, lazy backend init
  const perRound = here.map(() => [] as number[])
  for (let round = 0; round < rounds; round++) {
    for (const [i, r] of running.entries()) perRound[i].push(((await r.run(ms)) * 1000) / ms)
  }
  running.forEach((r) => r.dispose())
  return here.map((c, i) => ({ workload: workload.name, contestant: c.name, stepsPerSecond: median(perRound[i]), rounds: perRound[i] }))
}

/**
 * One process per precision: the engine's shared loops (activations, losses, optimizers) then see
 * one element type, as in the studio, where a project runs one precision. Each group measures its
 * own peers, interleaved with our contestants, so every ratio compares runs of one process and
 * one moment.
 */
function contestantsOf(group: Precision, wasmNames: readonly WasmVariant[], torch: boolean): Contestant[] {
  const peers = torch ? [torchContestant(group)] : []
  const suffix = group === 'float32' ? '-f32' : ''
  const ours = wasmNames.map((k) => engineContestant(`ours-${k}${suffix}`, selectKernel(k, group)))
  // The best kernel again, with two threads (the studio's and the CLI's Threads setting at 2).
  const threaded = wasmNames.slice(0, 1).map((k) => engineContestant(`ours-${k}${suffix}-t2`, threadedKernel(k, group, 2)))
  if (group === 'float32') return [...ours, ...threaded, tfjsContestant('wasm'), ...peers]
  return [engineContestant('ours-js', jsKernel), ...ours, ...threaded, cliContestant(process.argv[1], group), tfjsContestant('cpu'), tfjsContestant('wasm'), ...peers]
}

function threadedKernel(variant: WasmVariant, group: Precision, threads: number): MatKernel {
  const kernel = selectKernel(variant, group)
  if (kernel instanceof WasmKernel) useThreads(kernel, threads)
  return kernel
}

interface GroupResult {
  rows: Row[]
  profiles: (Profile & { workload: string })[]
  missing: Record<string, string>
  /** The peers' own description (TensorFlow.js wasm features, torch version and BLAS), as this process saw them. */
  peers: Record<string, unknown>
  /** MNIST loaded and trained 10 epochs in this precision (mnist-bench.ts). */
  mnist: MnistBench
  /** Share of an epoch the end-of-epoch evaluation takes, on the CLI's W3 project (float64 only). */
  evaluation?: EvaluationShare
}

async function measureGroup(group: Precision, options: BenchOptions): Promise<GroupResult> {
  const wasmNames = WASM_VARIANTS.filter((k) => kernelAvailable(k))
  // First, in a fresh process: the load time is MNIST's own, not a collection of the workloads' garbage.
  const mnist = benchMnist(group, options.quick)
  const torchWhyNot = torchMissing()
  const contestants = contestantsOf(group, wasmNames, torchWhyNot === null)
  const { rounds, ms } = timing(options)
  const rows: Row[] = []
  const profiles: (Profile & { workload: string })[] = []
  const peers: Record<string, unknown> = {}
  if (torchWhyNot === null) peers.pytorch = await torchInfo()
  let evaluation: EvaluationShare | undefined
  for (const workload of WORKLOADS) {
    const data = workload.data()
    const weights = initialWeights(workload)
    rows.push(...(await benchWorkload(workload, data, weights, contestants, rounds, ms)).map((row) => ({ ...row, group })))
    for (const name of wasmNames) profiles.push({ workload: workload.name, ...profileWorkload(workload, data, weights, selectKernel(name, group), ms) })
    if (group === 'float64' && workload.name === 'W3' && wasmNames.length > 0) {
      const kernel = selectKernel(wasmNames[0], group)
      evaluation = { workload: workload.name, kernel: kernel.name, share: evaluationShare(workload, weights, group, kernel, options.quick ? 2 : 5) }
    }
  }
  closeTorch()
  peers['tfjs-wasm'] = tfjsBackendFlags()
  return { rows, profiles, missing: torchWhyNot === null ? {} : { pytorch: torchWhyNot }, peers, mnist, evaluation }
}

const WASM_VARIANTS: readonly WasmVariant[] = ['wasm-relaxed-simd', 'wasm-simd']
const timing = (options: BenchOptions) => (options.quick ? { rounds: 3, ms: 300 } : { rounds: 5, ms: 700 })

/** Runs `bench --group <precision>` in a child process with this process's flags. */
function runGroupProcess(group: Precision, options: BenchOptions): GroupResult {
  const args = [...process.execArgv, process.argv[1], 'bench', '--group', group, ...(options.quick ? ['--quick'] : [])]
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (child.status !== 0) throw new Error(`the ${group} benchmark process failed: ${child.stderr.trim().split('\n').pop()}`)
  return JSON.parse(child.stdout) as GroupResult
}

export async function runBench(options: BenchOptions, io: Output): Promise<number> {
  if (options.group) {
    io.out(JSON.stringify(await measureGroup(options.group, options)) + '\n')
    return 0
  }
  if (options.sweepOnly) return runSweepBenchOnly(options, io)
  const load = loadavg().map((x) => x.toFixed(2)).join(' ')
  const groups: GroupResult[] = []
  for (const group of ['float64', 'float32'] as const) {
    if (!options.json) io.err(`measuring ${group} (${WORKLOADS.map((w) => w.name).join(', ')}) in its own process …\n`)
    groups.push(runGroupProcess(group, options))
  }
  const rows = groups.flatMap((g) => g.rows)
  const wasmNames = WASM_VARIANTS.filter((k) => kernelAvailable(k))
  const missing = Object.assign({}, ...groups.map((g) => g.missing)) as Record<string, string>
  const ratios = computeRatios(rows, wasmNames.length > 0 ? `ours-${wasmNames[0]}` : null, missing)
  const { rounds, ms } = timing(options)
  const evaluation = groups.find((g) => g.evaluation)?.evaluation
  const after = loadavg().map((x) => x.toFixed(2)).join(' ')
  const report: Report = { node: process.version, load: `${load} (before), ${after} (after)`, rounds, msPerRound: ms, rows, ratios, profiles: groups.flatMap((g) => g.profiles), missing, peers: Object.assign({}, ...groups.map((g) => g.peers)), evaluation }
  if (!options.json && options.runWorker) io.err('measuring sweeps (8 runs, --workers 2 against --workers 1) …\n')
  const sweep = options.runWorker ? await benchSweep(options.runWorker, options.quick) : null
  const mnist = groups.map((g) => g.mnist)
  if (options.json) io.out(JSON.stringify({ ...report, sweep, mnist, flags: process.execArgv }, null, 2) + '\n')
  else {
    printReport(io, report, WORKLOADS.map((w) => w.name))
    printMnistBench(io, mnist)
    if (sweep) printSweepBench(io, sweep)
  }
  return 0
}

async function runSweepBenchOnly(options: BenchOptions, io: Output): Promise<number> {
  if (!options.runWorker) throw new Error('the sweep bench needs the run-worker script (a build problem)')
  const result = await benchSweep(options.runWorker, options.quick)
  if (options.json) io.out(JSON.stringify(result, null, 2) + '\n')
  else printSweepBench(io, result)
  return 0
}

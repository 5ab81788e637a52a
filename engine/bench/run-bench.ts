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
import { measureSimdPeak, type SimdPeak } from './simd-peak'
import { contestantSelected, filterArgs, precisionSelected, selectedWorkloads, type BenchFilter } from './bench-filter'
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
  /** Only some workloads, contestants or one precision (bench-filter.ts). */
  filter?: BenchFilter
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
  for (const r of running) r.stepTimes?.splice(0)
  const perRound = here.map(() => [] as number[])
  for (let round = 0; round < rounds; round++) {
    for (const [i, r] of running.entries()) perRound[i].push(((await r.run(ms)) * 1000) / ms)
  }
  running.forEach((r) => r.dispose())
  return here.map((c, i) => {
    const times = running[i].stepTimes
    const perStep = times && times.length > 0 ? { medianStepMs: median(times) } : {}
    return { workload: workload.name, contestant: c.name, stepsPerSecond: median(perRound[i]), rounds: perRound[i], ...perStep }
  })
}

/**
 * One process per precision: the engine's shared loops (activations, losses, optimizers) then see
 * one element type, as in the studio, where a project runs one precision. Each group measures its
 * own peers, interleaved with our contestants, so every ratio compares runs of one process and
 * one moment.
 */
function contestantsOf(group: Precision, wasmNames: readonly WasmVariant[], torch: boolean, filter: BenchFilter): Contestant[] {
  // Filtered by name before any is built: a kernel left out starts no threads.
  const pick = <T>(name: string, make: () => T): T[] => (contestantSelected(name, filter) ? [make()] : [])
  const peers = torch ? pick('pytorch', () => torchContestant(group)) : []
  const suffix = group === 'float32' ? '-f32' : ''
  const ours = wasmNames.flatMap((k) => pick(`ours-${k}${suffix}`, () => engineContestant(`ours-${k}${suffix}`, selectKernel(k, group))))
  // The best kernel again, with two threads (the studio's and the CLI's Threads setting at 2).
  const threaded = wasmNames.slice(0, 1).flatMap((k) => pick(`ours-${k}${suffix}-t2`, () => engineContestant(`ours-${k}${suffix}-t2`, threadedKernel(k, group, 2))))
  const tfjs = (backend: 'cpu' | 'wasm') => pick(`tfjs-${backend}`, () => tfjsContestant(backend))
  if (group === 'float32') return [...ours, ...threaded, ...tfjs('wasm'), ...peers]
  const js = pick('ours-js', () => engineContestant('ours-js', jsKernel))
  return [...js, ...ours, ...threaded, ...pick('ours-cli', () => cliContestant(process.argv[1], group)), ...tfjs('cpu'), ...tfjs('wasm'), ...peers]
}

/** Where the two-thread contestant's step time goes (its worker stopped afterwards). */
async function profileThreaded(workload: Workload, data: Dataset, weights: LayerWeights[], variant: WasmVariant, group: Precision, ms: number): Promise<Profile> {
  const kernel = selectKernel(variant, group)
  const team = kernel instanceof WasmKernel ? useThreads(kernel, 2) : null
  try {
    return { ...profileWorkload(workload, data, weights, kernel, ms), kernel: `${kernel.name}-t2` }
  } finally {
    await team?.close()
  }
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
  /** MNIST loaded and trained 10 epochs in this precision (mnist-bench.ts); absent when the filter leaves MNIST out. */
  mnist?: MnistBench
  /** Share of an epoch the end-of-epoch evaluation takes, on the CLI's W3 project (float64 only). */
  evaluation?: EvaluationShare
  /** The 128-bit SIMD multiply-add peak in this process (before and after the workloads, the higher). */
  peak?: SimdPeak
}

async function measureGroup(group: Precision, options: BenchOptions): Promise<GroupResult> {
  const filter = options.filter ?? {}
  const workloads = selectedWorkloads(WORKLOADS, filter)
  const suffix = group === 'float32' ? '-f32' : ''
  const wasmNames = WASM_VARIANTS.filter((k) => kernelAvailable(k))
  const profiled = wasmNames.filter((k) => contestantSelected(`ours-${k}${suffix}`, filter))
  const threadedName = wasmNames.length > 0 ? `ours-${wasmNames[0]}${suffix}-t2` : null
  // First, in a fresh process: the load time is MNIST's own, not a collection of the workloads' garbage.
  const mnist = workloads.some((w) => w.name === 'MNIST') ? benchMnist(group, options.quick) : undefined
  const torchWhyNot = torchMissing()
  const contestants = contestantsOf(group, wasmNames, torchWhyNot === null, filter)
  const { rounds, ms } = timing(options)
  const rows: Row[] = []
  const profiles: (Profile & { workload: string })[] = []
  const peers: Record<string, unknown> = {}
  if (torchWhyNot === null && contestantSelected('pytorch', filter)) peers.pytorch = await torchInfo()
  let evaluation: EvaluationShare | undefined
  const peakBefore = wasmNames.length > 0 ? measureSimdPeak(wasmNames[0], group) : undefined
  for (const workload of workloads) {
    const data = workload.data()
    const weights = initialWeights(workload)
    rows.push(...(await benchWorkload(workload, data, weights, contestants, rounds, ms)).map((row) => ({ ...row, group })))
    for (const name of profiled) profiles.push({ workload: workload.name, ...profileWorkload(workload, data, weights, selectKernel(name, group), ms) })
    if (threadedName && contestantSelected(threadedName, filter)) profiles.push({ workload: workload.name, ...(await profileThreaded(workload, data, weights, wasmNames[0], group, ms)) })
    if (group === 'float64' && workload.name === 'W3' && wasmNames.length > 0 && contestantSelected('ours-cli', filter)) {
      const kernel = selectKernel(wasmNames[0], group)
      evaluation = { workload: workload.name, kernel: kernel.name, share: evaluationShare(workload, weights, group, kernel, options.quick ? 2 : 5) }
    }
  }
  closeTorch()
  const peakAfter = wasmNames.length > 0 ? measureSimdPeak(wasmNames[0], group) : undefined
  const peak = peakBefore && peakAfter && (peakAfter.gflops > peakBefore.gflops ? peakAfter : peakBefore)
  if (contestantSelected('tfjs-wasm', filter)) peers['tfjs-wasm'] = tfjsBackendFlags()
  return { rows, profiles, missing: torchWhyNot === null ? {} : { pytorch: torchWhyNot }, peers, mnist, evaluation, peak }
}

const filtered = (options: BenchOptions) => Boolean(options.filter && (options.filter.workloads || options.filter.contestants || options.filter.precision))

const WASM_VARIANTS: readonly WasmVariant[] = ['wasm-relaxed-simd', 'wasm-simd']
const timing = (options: BenchOptions) => (options.quick ? { rounds: 3, ms: 300 } : { rounds: 5, ms: 700 })

/** Runs `bench --group <precision>` in a child process with this process's flags. */
function runGroupProcess(group: Precision, options: BenchOptions): GroupResult {
  const args = [...process.execArgv, process.argv[1], 'bench', '--group', group, ...(options.quick ? ['--quick'] : []), ...filterArgs(options.filter ?? {})]
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
  const workloads = selectedWorkloads(WORKLOADS, options.filter ?? {}).map((w) => w.name)
  for (const group of (['float64', 'float32'] as const).filter((g) => precisionSelected(g, options.filter ?? {}))) {
    if (!options.json) io.err(`measuring ${group} (${workloads.join(', ')}) in its own process …\n`)
    groups.push(runGroupProcess(group, options))
  }
  const rows = groups.flatMap((g) => g.rows)
  const wasmNames = WASM_VARIANTS.filter((k) => kernelAvailable(k))
  const missing = Object.assign({}, ...groups.map((g) => g.missing)) as Record<string, string>
  const all = computeRatios(rows, wasmNames.length > 0 ? `ours-${wasmNames[0]}` : null, missing)
  // A filtered run lists only the bars it measured.
  const ratios = filtered(options) ? all.filter((r) => r.measured !== null) : all
  const { rounds, ms } = timing(options)
  const evaluation = groups.find((g) => g.evaluation)?.evaluation
  const after = loadavg().map((x) => x.toFixed(2)).join(' ')
  const report: Report = { node: process.version, load: `${load} (before), ${after} (after)`, rounds, msPerRound: ms, rows, ratios, profiles: groups.flatMap((g) => g.profiles), missing, peers: Object.assign({}, ...groups.map((g) => g.peers)), evaluation, peaks: groups.flatMap((g) => (g.peak ? [g.peak] : [])) }
  if (!options.json && options.runWorker && !filtered(options)) io.err('measuring sweeps (8 runs, --workers 2 against --workers 1) …\n')
  const sweep = options.runWorker && !filtered(options) ? await benchSweep(options.runWorker, options.quick) : null
  const mnist = groups.flatMap((g) => (g.mnist ? [g.mnist] : []))
  if (options.json) io.out(JSON.stringify({ ...report, sweep, mnist, flags: process.execArgv }, null, 2) + '\n')
  else {
    printReport(io, report, workloads)
    if (mnist.length > 0) printMnistBench(io, mnist)
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

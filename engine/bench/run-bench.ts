/**
 * `npm run bench`: our engine against TensorFlow.js on the same networks, data, initial weights
 * and plain SGD, measured in one run and interleaved (round by round), reporting medians so a
 * noisy 2-core machine does not decide the result.
 */
import { Random } from '../math/random'
import { jsKernel } from '../math/js-kernel'
import { kernelAvailable, selectKernel, type WasmVariant } from '../math/select-kernel'
import { spawnSync } from 'node:child_process'
import type { Precision } from '../math/kernel'
import { Network } from '../nn/network'
import { initializeWeights } from '../nn/initializers'
import { engineContestant, tfjsBackendFlags, tfjsContestant, type Contestant, type Running } from './contestants'
import { profileWorkload, type Profile } from './profile'
import { WORKLOADS, type Workload } from './workloads'
import type { Output } from '../node/cli-commands'

/** Ratio bars: a contestant ÷ a peer, per workload. 'ours-wasm' is the best WebAssembly kernel here. */
export const BARS: { workload: string; ours: string; peer: string; ratio: number; why: string }[] = [
  { workload: 'W1', ours: 'ours-js', peer: 'tfjs-cpu', ratio: 40, why: 'plain TypeScript engine' },
  { workload: 'W2', ours: 'ours-js', peer: 'tfjs-wasm', ratio: 1.5, why: 'plain TypeScript engine' },
  { workload: 'W3', ours: 'ours-js', peer: 'tfjs-wasm', ratio: 0.7, why: 'plain TypeScript engine' },
  { workload: 'W1', ours: 'ours-wasm', peer: 'ours-js', ratio: 1, why: 'WebAssembly kernel, float64' },
  { workload: 'W2', ours: 'ours-wasm', peer: 'tfjs-wasm', ratio: 4, why: 'WebAssembly kernel, float64' },
  { workload: 'W3', ours: 'ours-wasm', peer: 'tfjs-wasm', ratio: 3, why: 'WebAssembly kernel, float64' },
  { workload: 'W3', ours: 'ours-wasm-f32', peer: 'tfjs-wasm', ratio: 6, why: 'WebAssembly kernel, float32' },
]

export interface BenchOptions {
  json: boolean
  quick: boolean
  /** Internal: measure one precision group in this process and print its JSON. */
  group?: Precision
}

interface Row {
  group: Precision
  workload: string
  contestant: string
  stepsPerSecond: number
  rounds: number[]
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

async function benchWorkload(workload: Workload, contestants: Contestant[], rounds: number, ms: number): Promise<Omit<Row, 'group'>[]> {
  const data = workload.data()
  const weights = initialWeights(workload)
  const running: Running[] = []
  for (const c of contestants) running.push(await c.setup(workload, data, weights))
  for (const r of running) r.run(ms / 2) // warm-up: JIT, caches, lazy backend init
  const perRound = contestants.map(() => [] as number[])
  for (let round = 0; round < rounds; round++) {
    running.forEach((r, i) => perRound[i].push((r.run(ms) * 1000) / ms))
  }
  running.forEach((r) => r.dispose())
  return contestants.map((c, i) => ({ workload: workload.name, contestant: c.name, stepsPerSecond: median(perRound[i]), rounds: perRound[i] }))
}

/**
 * One process per precision: the engine's shared loops (activations, losses, optimizers) then see
 * one element type, as in the studio, where a project runs one precision. Each group measures its
 * own TensorFlow.js peer, interleaved with our contestants, so every ratio compares runs of one
 * process and one moment.
 */
function contestantsOf(group: Precision, wasmNames: readonly WasmVariant[]): Contestant[] {
  if (group === 'float32') return [...wasmNames.map((k) => engineContestant(`ours-${k}-f32`, selectKernel(k, 'float32'))), tfjsContestant('wasm')]
  return [engineContestant('ours-js', jsKernel), ...wasmNames.map((k) => engineContestant(`ours-${k}`, selectKernel(k))), tfjsContestant('cpu'), tfjsContestant('wasm')]
}

interface GroupResult {
  rows: Row[]
  profiles: (Profile & { workload: string })[]
  /** TensorFlow.js wasm backend features, as its process saw them. */
  tfjsWasm: Record<string, unknown>
}

async function measureGroup(group: Precision, options: BenchOptions): Promise<GroupResult> {
  const wasmNames = WASM_VARIANTS.filter((k) => kernelAvailable(k))
  const contestants = contestantsOf(group, wasmNames)
  const { rounds, ms } = timing(options)
  const rows: Row[] = []
  const profiles: (Profile & { workload: string })[] = []
  for (const workload of WORKLOADS) {
    rows.push(...(await benchWorkload(workload, contestants, rounds, ms)).map((row) => ({ ...row, group })))
    for (const name of wasmNames) profiles.push({ workload: workload.name, ...profileWorkload(workload, workload.data(), initialWeights(workload), selectKernel(name, group), ms) })
  }
  return { rows, profiles, tfjsWasm: tfjsBackendFlags() }
}

const WASM_VARIANTS: readonly WasmVariant[] = ['wasm-relaxed-simd', 'wasm-simd']
const timing = (options: BenchOptions) => (options.quick ? { rounds: 3, ms: 300 } : { rounds: 7, ms: 1000 })

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
  const groups: GroupResult[] = []
  for (const group of ['float64', 'float32'] as const) {
    if (!options.json) io.err(`measuring ${group} (${WORKLOADS.map((w) => w.name).join(', ')}) in its own process …\n`)
    groups.push(runGroupProcess(group, options))
  }
  const rows = groups.flatMap((g) => g.rows)
  const profiles = groups.flatMap((g) => g.profiles)
  const wasmNames = WASM_VARIANTS.filter((k) => kernelAvailable(k))
  const ratios = computeRatios(rows, wasmNames)
  const { rounds, ms } = timing(options)
  const report = { node: process.version, flags: process.execArgv, rounds, msPerRound: ms, tfjsWasm: groups[0].tfjsWasm, rows, ratios, profiles }
  if (options.json) io.out(JSON.stringify(report, null, 2) + '\n')
  else printReport(io, report, rounds, ms)
  return 0
}

/** Each bar's ratio, with the peer measured in the same process as our contestant. */
function computeRatios(rows: Row[], wasmNames: readonly WasmVariant[]) {
  // 'ours-wasm' stands for the best WebAssembly kernel this host runs (the one the studio picks).
  const best = wasmNames.length > 0 ? `ours-${wasmNames[0]}` : null
  const resolve = (name: string) => (name === 'ours-wasm' ? best : name === 'ours-wasm-f32' && best ? `${best}-f32` : name)
  const find = (w: string, c: string, group?: Precision) => rows.find((r) => r.workload === w && r.contestant === c && (!group || r.group === group))
  return BARS.filter((bar) => resolve(bar.ours)).map((bar) => {
    const ours = find(bar.workload, resolve(bar.ours)!)!
    const peer = find(bar.workload, bar.peer, ours.group)!
    const measured = ours.stepsPerSecond / peer.stepsPerSecond
    return { ...bar, ours: resolve(bar.ours)!, measured, pass: measured >= bar.ratio }
  })
}

function printReport(io: Output, r: { ratios: { workload: string; ours: string; peer: string; ratio: number; measured: number; pass: boolean; why: string }[]; profiles: (Profile & { workload: string })[]; rows: Row[] }, rounds: number, ms: number): void {
  io.out(`\nsteps/s (median of ${rounds} interleaved rounds of ${ms} ms), ${process.version}, one process per precision\n`)
  for (const group of ['float64', 'float32'] as const) {
    for (const w of WORKLOADS) {
      const cells = r.rows.filter((row) => row.group === group && row.workload === w.name).map((row) => `${row.contestant} ${row.stepsPerSecond.toFixed(0)}`)
      io.out(`  ${group} ${w.name}  ${cells.join('   ')}\n`)
    }
  }
  io.out('\nratios (bar):\n')
  for (const x of r.ratios) io.out(`  ${x.workload} ${x.ours} ÷ ${x.peer}: ${x.measured.toFixed(2)}× (bar ${x.ratio}×, ${x.why}) ${x.pass ? 'ok' : 'BELOW BAR'}\n`)
  io.out('\nWebAssembly kernels, per product (GFLOP/s) and the share of step time outside them:\n')
  for (const p of r.profiles) {
    io.out(`  ${p.workload} ${p.kernel}: Z=H·W ${p.gflops.NN.toFixed(2)}  dW=Hᵀ·E ${p.gflops.TN.toFixed(2)}  E·Wᵀ ${p.gflops.NT.toFixed(2)}  outside ${(p.outside * 100).toFixed(0)}%\n`)
  }
}

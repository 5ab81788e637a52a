/**
 * `npm run bench`: our engine against TensorFlow.js on the same networks, data, initial weights
 * and plain SGD, measured in one run and interleaved (round by round), reporting medians so a
 * noisy 2-core machine does not decide the result.
 */
import { Random } from '../math/random'
import { jsKernel } from '../math/js-kernel'
import { kernelAvailable, selectKernel } from '../math/select-kernel'
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
}

interface Row {
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

async function benchWorkload(workload: Workload, contestants: Contestant[], rounds: number, ms: number): Promise<Row[]> {
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

export async function runBench(options: BenchOptions, io: Output): Promise<number> {
  const wasmNames = (['wasm-relaxed-simd', 'wasm-simd'] as const).filter((k) => kernelAvailable(k))
  const contestants = [
    engineContestant('ours-js', jsKernel),
    ...wasmNames.map((k) => engineContestant(`ours-${k}`, selectKernel(k))),
    ...wasmNames.map((k) => engineContestant(`ours-${k}-f32`, selectKernel(k, 'float32'))),
    tfjsContestant('cpu'),
    tfjsContestant('wasm'),
  ]
  const rounds = options.quick ? 3 : 7
  const ms = options.quick ? 300 : 1000
  const rows: Row[] = []
  const profiles: (Profile & { workload: string })[] = []
  for (const workload of WORKLOADS) {
    if (!options.json) io.err(`${workload.name}: ${workload.description} …\n`)
    rows.push(...(await benchWorkload(workload, contestants, rounds, ms)))
    for (const name of wasmNames) {
      for (const precision of ['float64', 'float32'] as const) {
        profiles.push({ workload: workload.name, ...profileWorkload(workload, workload.data(), initialWeights(workload), selectKernel(name, precision), ms) })
      }
    }
  }
  const speed = (w: string, c: string) => rows.find((r) => r.workload === w && r.contestant === c)!.stepsPerSecond
  // 'ours-wasm' stands for the best WebAssembly kernel this host runs (the one the studio picks).
  const best = wasmNames.length > 0 ? `ours-${wasmNames[0]}` : null
  const resolve = (name: string) => (name === 'ours-wasm' ? best : name === 'ours-wasm-f32' && best ? `${best}-f32` : name)
  const ratios = BARS.filter((bar) => resolve(bar.ours)).map((bar) => {
    const measured = speed(bar.workload, resolve(bar.ours)!) / speed(bar.workload, bar.peer)
    return { ...bar, ours: resolve(bar.ours)!, measured, pass: measured >= bar.ratio }
  })
  const report = { node: process.version, rounds, msPerRound: ms, tfjsWasm: tfjsBackendFlags(), rows, ratios, profiles }
  if (options.json) io.out(JSON.stringify(report, null, 2) + '\n')
  else printReport(io, report, contestants, rounds, ms)
  return 0
}

function printReport(io: Output, r: { ratios: { workload: string; ours: string; peer: string; ratio: number; measured: number; pass: boolean; why: string }[]; profiles: (Profile & { workload: string })[]; rows: Row[] }, contestants: Contestant[], rounds: number, ms: number): void {
  const speed = (w: string, c: string) => r.rows.find((row) => row.workload === w && row.contestant === c)!.stepsPerSecond
  io.out(`\nsteps/s (median of ${rounds} interleaved rounds of ${ms} ms), ${process.version}\n`)
  for (const w of WORKLOADS) io.out(`  ${w.name}  ${contestants.map((c) => `${c.name} ${speed(w.name, c.name).toFixed(0)}`).join('   ')}\n`)
  io.out('\nratios (bar):\n')
  for (const x of r.ratios) io.out(`  ${x.workload} ${x.ours} ÷ ${x.peer}: ${x.measured.toFixed(2)}× (bar ${x.ratio}×, ${x.why}) ${x.pass ? 'ok' : 'BELOW BAR'}\n`)
  io.out('\nWebAssembly kernels, per product (GFLOP/s) and the share of step time outside them:\n')
  for (const p of r.profiles) {
    io.out(`  ${p.workload} ${p.kernel}: Z=H·W ${p.gflops.NN.toFixed(2)}  dW=Hᵀ·E ${p.gflops.TN.toFixed(2)}  E·Wᵀ ${p.gflops.NT.toFixed(2)}  outside ${(p.outside * 100).toFixed(0)}%\n`)
  }
}

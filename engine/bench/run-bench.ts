/**
 * `npm run bench`: our engine against TensorFlow.js on the same networks, data, initial weights
 * and plain SGD, measured in one run and interleaved (round by round), reporting medians so a
 * noisy 2-core machine does not decide the result.
 */
import { Random } from '../math/random'
import { jsKernel } from '../math/js-kernel'
import { Network } from '../nn/network'
import { initializeWeights } from '../nn/initializers'
import { engineContestant, tfjsBackendFlags, tfjsContestant, type Contestant, type Running } from './contestants'
import { WORKLOADS, type Workload } from './workloads'
import type { Output } from '../node/cli-commands'

/** Ratio bars: ours ÷ peer, per workload. */
export const BARS: { workload: string; peer: string; ratio: number }[] = [
  { workload: 'W1', peer: 'tfjs-cpu', ratio: 40 },
  { workload: 'W2', peer: 'tfjs-wasm', ratio: 1.5 },
  { workload: 'W3', peer: 'tfjs-wasm', ratio: 0.7 },
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
  const contestants = [engineContestant('ours-js', jsKernel), tfjsContestant('cpu'), tfjsContestant('wasm')]
  const rounds = options.quick ? 3 : 7
  const ms = options.quick ? 300 : 1000
  const rows: Row[] = []
  for (const workload of WORKLOADS) {
    if (!options.json) io.err(`${workload.name}: ${workload.description} …\n`)
    rows.push(...(await benchWorkload(workload, contestants, rounds, ms)))
  }
  const speed = (w: string, c: string) => rows.find((r) => r.workload === w && r.contestant === c)!.stepsPerSecond
  const ratios = BARS.map((bar) => {
    const ratio = speed(bar.workload, 'ours-js') / speed(bar.workload, bar.peer)
    return { ...bar, measured: ratio, pass: ratio >= bar.ratio }
  })
  if (options.json) {
    io.out(JSON.stringify({ rounds, msPerRound: ms, tfjsWasm: tfjsBackendFlags(), rows, ratios }, null, 2) + '\n')
  } else {
    io.out(`\nsteps/s (median of ${rounds} interleaved rounds of ${ms} ms)\n`)
    for (const w of WORKLOADS) {
      const cells = contestants.map((c) => `${c.name} ${speed(w.name, c.name).toFixed(0).padStart(7)}`)
      io.out(`  ${w.name}  ${cells.join('   ')}\n`)
    }
    io.out('\nratios (ours ÷ peer, bar):\n')
    for (const r of ratios) io.out(`  ${r.workload} vs ${r.peer}: ${r.measured.toFixed(2)}× (bar ${r.ratio}×) ${r.pass ? 'ok' : 'BELOW BAR'}\n`)
  }
  return 0
}

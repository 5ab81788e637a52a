/** The bench's printed report: steps/s per workload, the bars, and where the time goes. */
import type { Output } from '../node/cli-commands'
import { NOT_SLOWER_TOLERANCE, type Ratio, type Row } from './bars'
import type { Profile } from './profile'
import { stepFlops, type SimdPeak } from './simd-peak'
import { WORKLOADS } from './workloads'

export interface Report {
  node: string
  load: string
  rounds: number
  msPerRound: number
  rows: Row[]
  ratios: Ratio[]
  profiles: (Profile & { workload: string })[]
  /** Contestants that could not run here, with the reason. */
  missing: Record<string, string>
  peers: Record<string, unknown>
  evaluation?: EvaluationShare
  /** The 128-bit SIMD multiply-add peak, per precision (simd-peak.ts). */
  peaks: SimdPeak[]
}

export interface EvaluationShare {
  workload: string
  kernel: string
  /** Fraction of an epoch's time spent in its end-of-epoch evaluation. */
  share: number
}

/** The bar on the per-epoch evaluation: at most this share of an epoch on W3. */
export const EVALUATION_BAR = 0.15

export function printReport(io: Output, r: Report, workloads: string[]): void {
  io.out(`\nsteps/s (median of ${r.rounds} interleaved rounds of ${r.msPerRound} ms), ${r.node}, one process per precision; load average (1, 5, 15 min): ${r.load}\n`)
  io.out('  (-t2: two threads; ours-cli: `backprop-studio train` in its own process, per-epoch evaluation included)\n')
  for (const group of ['float64', 'float32'] as const) {
    for (const w of workloads) {
      const cells = r.rows.filter((row) => row.group === group && row.workload === w).map((row) => `${row.contestant} ${row.stepsPerSecond.toFixed(0)}`)
      io.out(`  ${group} ${w}  ${cells.join('   ')}\n`)
    }
  }
  for (const [name, why] of Object.entries(r.missing)) io.out(`  ${name}: not measured — ${why}\n`)
  for (const [name, info] of Object.entries(r.peers)) io.out(`  ${name}: ${JSON.stringify(info)}\n`)
  io.out('\nratios (bar); between two of ours also the median step time ratio, which leaves out the steps other processes interrupted:\n')
  for (const x of r.ratios) {
    const head = `  ${x.workload} ${x.ours} ÷ ${x.peer}:`
    if (x.measured === null) io.out(`${head} not measured (${x.missing}) (bar ${x.ratio}×, ${x.why})\n`)
    else io.out(`${head} ${x.measured.toFixed(2)}× (bar ${x.ratio}×, ${x.why}) ${x.pass ? 'ok' : 'BELOW BAR'}${x.perStep ? `; median step ${x.perStep.toFixed(2)}×` : ''}${x.roundsWon ? `; at least as fast in ${x.roundsWon[0]} of ${x.roundsWon[1]} rounds (same code: slower means in every round or by over ${NOT_SLOWER_TOLERANCE * 100}%)` : ''}\n`)
  }
  const e = r.evaluation
  if (e) io.out(`  ${e.workload} per-epoch evaluation (the CLI's project, ${e.kernel}): ${(e.share * 100).toFixed(1)}% of an epoch (bar ≤ ${EVALUATION_BAR * 100}%) ${e.share <= EVALUATION_BAR ? 'ok' : 'ABOVE BAR'}\n`)
  printAgainstPeak(io, r)
  io.out('\nWebAssembly kernels: GFLOP/s per product, and where the step time goes (% of a step):\n')
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`
  for (const p of r.profiles) {
    const s = p.share
    io.out(`  ${p.workload} ${p.kernel}: Z=H·W ${p.gflops.NN.toFixed(1)}  dW=Hᵀ·E ${p.gflops.TN.toFixed(1)}  E·Wᵀ ${p.gflops.NT.toFixed(1)} GFLOP/s | time: products ${pct(s.NN + s.TN + s.NT)} (${pct(s.NN)}/${pct(s.TN)}/${pct(s.NT)}), bias·relu·db ${pct(s.elementwise)}, sgd ${pct(s.sgd)}, backup ${pct(s.backup)}, other ${pct(s.other)}\n`)
  }
}

/** The wide workloads, whose steps are mostly products: there GFLOP/s say how near the ceiling a step runs. */
const WIDE = ['W3', 'W4']

/** Each wide row's GFLOP/s (steps/s × FLOPs per step), beside the 128-bit SIMD peak of its precision. */
function printAgainstPeak(io: Output, r: Report): void {
  if (r.peaks.length === 0) return
  io.out('\nGFLOP/s per training step (FLOPs from the shapes: forward, dC/dW, dC/dX but the first layer) against the 128-bit SIMD peak:\n')
  for (const peak of r.peaks) {
    io.out(`  ${peak.precision} peak: ${peak.gflops.toFixed(1)} GFLOP/s (${peak.kernel}, 12 independent multiply-adds on registers, best of this process)\n`)
    for (const name of WIDE) {
      const workload = WORKLOADS.find((w) => w.name === name)
      const rows = r.rows.filter((row) => row.group === peak.precision && row.workload === name && !row.contestant.startsWith('tfjs') && row.contestant !== 'ours-js')
      if (!workload || rows.length === 0) continue
      const cells = rows.map((row) => {
        const gflops = (row.stepsPerSecond * stepFlops(workload)) / 1e9
        return `${row.contestant} ${gflops.toFixed(1)} (${((100 * gflops) / peak.gflops).toFixed(0)}%)`
      })
      io.out(`    ${name} (${(stepFlops(workload) / 1e6).toFixed(1)} MFLOP a step)  ${cells.join('   ')}\n`)
    }
  }
}

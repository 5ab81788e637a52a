/**
 * The bench's bars: a contestant ÷ a peer, per workload, both measured in the same process and
 * the same interleaved rounds. 'ours-wasm' is the best WebAssembly kernel this host runs in
 * float64 (the one the studio picks), 'ours-wasm-f32' the same in float32.
 */
import type { Precision } from '../math/kernel'

export interface Bar {
  workload: string
  ours: string
  peer: string
  ratio: number
  why: string
  /**
   * "Not slower": both sides run the same code (nothing is big enough to split), so a ratio of
   * 1.00 is the expected result and lands on either side of 1 by noise. Slower means slower in
   * every interleaved round (a sign test: 1 in 32 for equal speeds over 5 rounds) or by more than
   * NOT_SLOWER_TOLERANCE over the rounds' medians.
   */
  notSlower?: true
}

export const NOT_SLOWER_TOLERANCE = 0.02

export const BARS: Bar[] = [
  { workload: 'W1', ours: 'ours-js', peer: 'tfjs-cpu', ratio: 40, why: 'plain TypeScript engine' },
  { workload: 'W2', ours: 'ours-js', peer: 'tfjs-wasm', ratio: 1.5, why: 'plain TypeScript engine' },
  { workload: 'W3', ours: 'ours-js', peer: 'tfjs-wasm', ratio: 0.7, why: 'plain TypeScript engine' },
  { workload: 'W1', ours: 'ours-wasm', peer: 'ours-js', ratio: 1, why: 'WebAssembly kernel, float64' },
  { workload: 'W2', ours: 'ours-wasm', peer: 'tfjs-wasm', ratio: 4, why: 'WebAssembly kernel, float64' },
  { workload: 'W3', ours: 'ours-wasm', peer: 'tfjs-wasm', ratio: 3, why: 'WebAssembly kernel, float64' },
  { workload: 'W3', ours: 'ours-wasm-f32', peer: 'tfjs-wasm', ratio: 6, why: 'WebAssembly kernel, float32' },
  { workload: 'W1', ours: 'ours-wasm-f32', peer: 'pytorch', ratio: 10, why: 'float32, one thread each' },
  { workload: 'W2', ours: 'ours-wasm-f32', peer: 'pytorch', ratio: 3, why: 'float32, one thread each' },
  { workload: 'W3', ours: 'ours-wasm-f32', peer: 'pytorch', ratio: 1, why: 'float32, one thread each' },
  { workload: 'W4', ours: 'ours-wasm-f32', peer: 'pytorch', ratio: 0.45, why: 'float32, one thread each' },
  { workload: 'W3', ours: 'ours-wasm', peer: 'pytorch', ratio: 0.8, why: 'float64, one thread each' },
  { workload: 'W4', ours: 'ours-wasm', peer: 'pytorch', ratio: 0.45, why: 'float64, one thread each' },
  ...(['W1', 'W2'] as const).flatMap((workload) => [
    { workload, ours: 'ours-wasm-t2', peer: 'ours-wasm', ratio: 1, why: 'two threads not slower, float64', notSlower: true as const },
    { workload, ours: 'ours-wasm-f32-t2', peer: 'ours-wasm-f32', ratio: 1, why: 'two threads not slower, float32', notSlower: true as const },
  ]),
  ...(['W3', 'W4'] as const).flatMap((workload) => [
    { workload, ours: 'ours-wasm-t2', peer: 'ours-wasm', ratio: 1.7, why: 'two threads against one, float64' },
    { workload, ours: 'ours-wasm-f32-t2', peer: 'ours-wasm-f32', ratio: 1.7, why: 'two threads against one, float32' },
  ]),
  { workload: 'W3', ours: 'ours-cli', peer: 'tfjs-wasm', ratio: 4, why: 'backprop-studio train, float64, evaluation included' },
  { workload: 'W1', ours: 'ours-cli', peer: 'tfjs-cpu', ratio: 40, why: 'backprop-studio train, float64, evaluation included' },
]

export interface Row {
  group: Precision
  workload: string
  contestant: string
  stepsPerSecond: number
  rounds: number[]
  /**
   * Our engine only: the median time of one step over the rounds. Steps the OS interrupted (other
   * processes on a loaded machine) are the slow tail, which the median leaves out.
   */
  medianStepMs?: number
}

export interface Ratio extends Bar {
  /** null when a side was not measured (see `missing`). */
  measured: number | null
  /** Both sides ours: the peer's median step time ÷ ours (the same ratio, less sensitive to load). */
  perStep?: number
  pass: boolean | null
  missing?: string
  /** notSlower bars: the interleaved rounds where ours was at least as fast as the peer, of all. */
  roundsWon?: [number, number]
}

/** Each bar's ratio, with the peer taken from the same process (precision group) as our contestant. */
export function computeRatios(rows: Row[], bestWasm: string | null, missing: Record<string, string>): Ratio[] {
  const resolve = (name: string) => (name.startsWith('ours-wasm') ? (bestWasm ? name.replace('ours-wasm', bestWasm) : null) : name)
  const find = (w: string, c: string, group?: Precision) => rows.find((r) => r.workload === w && r.contestant === c && (!group || r.group === group))
  const ratios: Ratio[] = []
  for (const bar of BARS) {
    const oursName = resolve(bar.ours)
    const peerName = resolve(bar.peer)
    if (!oursName || !peerName) continue
    const ours = find(bar.workload, oursName)
    const peer = ours && find(bar.workload, peerName, ours.group)
    if (!ours || !peer) {
      const why = missing[ours ? peerName : oursName] ?? 'not measured in this run'
      ratios.push({ ...bar, ours: oursName, peer: peerName, measured: null, pass: null, missing: why })
      continue
    }
    const measured = ours.stepsPerSecond / peer.stepsPerSecond
    const perStep = ours.medianStepMs && peer.medianStepMs ? { perStep: peer.medianStepMs / ours.medianStepMs } : {}
    if (bar.notSlower) {
      ratios.push({ ...bar, ours: oursName, peer: peerName, measured, ...perStep, ...judgeNotSlower(measured, ours.rounds, peer.rounds) })
      continue
    }
    ratios.push({ ...bar, ours: oursName, peer: peerName, measured, pass: measured >= bar.ratio, ...perStep })
  }
  return ratios
}

/** The "not slower" verdict: see Bar.notSlower. Round i of both rows was measured in the same interleaved round. */
function judgeNotSlower(measured: number, ours: number[], peer: number[]): { pass: boolean; roundsWon: [number, number] } {
  const n = Math.min(ours.length, peer.length)
  let won = 0
  for (let i = 0; i < n; i++) if (ours[i] >= peer[i]) won++
  return { pass: measured >= 1 || (measured >= 1 - NOT_SLOWER_TOLERANCE && won > 0), roundsWon: [won, n] }
}

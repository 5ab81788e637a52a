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
}

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
]

export interface Row {
  group: Precision
  workload: string
  contestant: string
  stepsPerSecond: number
  rounds: number[]
}

export interface Ratio extends Bar {
  /** null when a side was not measured (see `missing`). */
  measured: number | null
  pass: boolean | null
  missing?: string
}

/** Each bar's ratio, with the peer taken from the same process (precision group) as our contestant. */
export function computeRatios(rows: Row[], bestWasm: string | null, missing: Record<string, string>): Ratio[] {
  const resolve = (name: string) => (name === 'ours-wasm' ? bestWasm : name === 'ours-wasm-f32' && bestWasm ? `${bestWasm}-f32` : name)
  const find = (w: string, c: string, group?: Precision) => rows.find((r) => r.workload === w && r.contestant === c && (!group || r.group === group))
  const ratios: Ratio[] = []
  for (const bar of BARS) {
    const oursName = resolve(bar.ours)
    if (!oursName) continue
    const ours = find(bar.workload, oursName)
    const peer = ours && find(bar.workload, bar.peer, ours.group)
    if (!ours || !peer) {
      const why = missing[ours ? bar.peer : oursName] ?? 'not measured in this run'
      ratios.push({ ...bar, ours: oursName, measured: null, pass: null, missing: why })
      continue
    }
    const measured = ours.stepsPerSecond / peer.stepsPerSecond
    ratios.push({ ...bar, ours: oursName, measured, pass: measured >= bar.ratio })
  }
  return ratios
}

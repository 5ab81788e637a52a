/**
 * `bench --workloads W2,W3 --contestants pytorch,ours-wasm-relaxed-simd-f32 --precision float32`:
 * measure part of the bench (a quicker loop while working on one kernel). Unset means all. The
 * ratios of a filtered run are still computed within one run and one process.
 */
import type { Precision } from '../math/kernel'
import type { Workload } from './workloads'

export interface BenchFilter {
  workloads?: string[]
  contestants?: string[]
  precision?: Precision
}

/** A comma list, checked against the names there are: a typo is an error, not an empty bench. */
export function parseList(value: string | undefined, flag: string, known?: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined
  const names = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
  if (names.length === 0) throw new Error(`${flag} needs at least one name`)
  const unknown = known ? names.filter((n) => !known.includes(n)) : []
  if (unknown.length > 0) throw new Error(`${flag}: unknown ${unknown.join(', ')} (known: ${known!.join(', ')})`)
  return names
}

export const selectedWorkloads = (all: Workload[], filter: BenchFilter): Workload[] => all.filter((w) => !filter.workloads || filter.workloads.includes(w.name))

export const contestantSelected = (name: string, filter: BenchFilter): boolean => !filter.contestants || filter.contestants.includes(name)

export const precisionSelected = (group: Precision, filter: BenchFilter): boolean => !filter.precision || filter.precision === group

/** The filter as `bench` arguments, for the per-precision child processes. */
export function filterArgs(filter: BenchFilter): string[] {
  return [
    ...(filter.workloads ? ['--workloads', filter.workloads.join(',')] : []),
    ...(filter.contestants ? ['--contestants', filter.contestants.join(',')] : []),
  ]
}

const PRECISIONS: readonly Precision[] = ['float64', 'float32']

/** The filter from `bench`'s flags (contestant names are not checked here: they depend on the host's kernels). */
export function benchFilter(values: { workloads?: string; contestants?: string; precision?: string }, workloadNames: readonly string[]): BenchFilter {
  const precision = parseList(values.precision, '--precision', PRECISIONS) as Precision[] | undefined
  if (precision && precision.length > 1) throw new Error('--precision takes one of float64, float32')
  return { workloads: parseList(values.workloads, '--workloads', workloadNames), contestants: parseList(values.contestants, '--contestants'), precision: precision?.[0] }
}

/** Each run's colour on the charts: the categorical palette by the run's place in the log, so a run keeps its colour. */
import { categorical } from './palette'
import type { RunRecord } from '../../../engine/runs/record'

export function runColor(id: string, byId: ReadonlyMap<string, RunRecord>): string {
  const index = [...byId.keys()].indexOf(id)
  // The first two palette colours are the current run's train and test curves; runs use the rest.
  const [r, g, b] = categorical(2 + Math.max(0, index))
  return `rgb(${r}, ${g}, ${b})`
}

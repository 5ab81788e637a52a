/** Small in-memory data sets for tests (no generator or file involved). */
import type { Dataset } from '../data/dataset'
import { dataset } from '../data/in-memory'

// The in-memory builders are engine code (the benchmark uses them); tests take them from here too.
export { dataset, randomData, trainOnly } from '../data/in-memory'

/** The four XOR corners, targets 0/1. */
export function xorData(): Dataset {
  return dataset(Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1), Float64Array.of(0, 1, 1, 0), 2, 1, 'binary')
}

/** Data sets built in memory, without a generator or a file: the benchmark's random rows, and a split with no test rows. */
import { Random } from '../math/random'
import type { Dataset, ProblemKind, SplitDataset } from './dataset'

export function dataset(X: Float64Array, Y: Float64Array, d: number, k: number, kind: ProblemKind): Dataset {
  const n = X.length / d
  return {
    n,
    d,
    k,
    X,
    Y,
    kind,
    inputNames: Array.from({ length: d }, (_, i) => `x${i + 1}`),
    targetNames: Array.from({ length: k }, (_, j) => `y${j + 1}`),
  }
}

/** All rows train, none test. */
export function trainOnly(data: Dataset): SplitDataset {
  return { train: data, test: dataset(new Float64Array(0), new Float64Array(0), data.d, data.k, data.kind) }
}

/** n random rows with d inputs in [-1, 1] and targets of the given kind. */
export function randomData(seed: number, n: number, d: number, k: number, kind: ProblemKind): Dataset {
  const random = new Random(seed)
  const X = Float64Array.from({ length: n * d }, () => random.uniform(-1, 1))
  const Y = new Float64Array(n * k)
  for (let r = 0; r < n; r++) {
    if (kind === 'regression') for (let j = 0; j < k; j++) Y[r * k + j] = random.uniform(-1, 1)
    else if (kind === 'binary') for (let j = 0; j < k; j++) Y[r * k + j] = random.next() < 0.5 ? 0 : 1
    else Y[r * k + random.int(k)] = 1
  }
  return dataset(X, Y, d, k, kind)
}

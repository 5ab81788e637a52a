/**
 * Per-sample results over a whole split for the confusion matrix, the sample gallery and the
 * regression scatter: one forward pass in wide batches (the evaluation workspace, never the
 * training one), yielding between slices so a large split does not hold up other requests.
 */
import { forward } from '../nn/backprop'
import { sampleCost } from '../nn/losses'
import { confusionMatrix } from './confusion'
import { classCount, readPrediction } from './predictions'
import type { Dataset } from '../data/dataset'
import type { Trainer } from '../train/trainer'
import type { DataSet, SetEvaluation } from '../protocol'

/** Rows evaluated between yields. */
const SLICE_ROWS = 2048

export function splitOf(trainer: Trainer, set: DataSet): Dataset {
  return set === 'train' ? trainer.data.train : trainer.data.test
}

/**
 * `pause` resolves after pending messages were handled. While training runs, slices after a
 * pause may see later weights (the matrix is a live view, not a frozen one). `now` (ms) times the
 * slices: the reply says how much engine time the evaluation took, pauses left out.
 */
export async function evaluateSet(trainer: Trainer, set: DataSet, pause: () => Promise<void>, now: () => number = () => 0): Promise<SetEvaluation> {
  const data = splitOf(trainer, set)
  const n = data.n
  const result: SetEvaluation = {
    task: data.kind === 'multiclass' ? 'classes' : data.kind,
    classNames: data.kind === 'regression' ? null : (data.classes ?? null),
    target: new Float64Array(n),
    predicted: new Float64Array(n),
    confidence: new Float64Array(n),
    loss: new Float64Array(n),
    confusion: null,
    workMs: 0,
  }
  for (let from = 0; from < n; from += SLICE_ROWS) {
    if (from > 0) await pause()
    const started = now()
    evaluateRows(trainer, data, from, Math.min(n, from + SLICE_ROWS), result)
    result.workMs += now() - started
  }
  const started = now()
  const classes = classCount(data.kind, data.k)
  if (classes > 0) result.confusion = confusionMatrix(result.target, result.predicted, classes)
  result.workMs += now() - started
  return result
}

function evaluateRows(trainer: Trainer, data: Dataset, start: number, end: number, into: SetEvaluation): void {
  const { network, kernel, evalWorkspace: ws } = trainer
  const k = data.k
  for (let from = start; from < end; from += ws.capacity) {
    const count = Math.min(ws.capacity, end - from)
    ws.load(data.X, data.Y, data.d, k, from, count)
    forward(network, ws, kernel)
    const out = ws.layers[network.layers.length - 1]
    for (let r = 0; r < count; r++) {
      const s = from + r
      const p = readPrediction(data.kind, out.H, ws.Y, r * k, k)
      into.target[s] = p.target
      into.predicted[s] = p.predicted
      into.confidence[s] = p.confidence
      into.loss[s] = sampleCost(network.loss, out.Z, out.H, ws.Y, r, k)
    }
  }
}

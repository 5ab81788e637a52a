/**
 * From a project (and its prepared data) to a ready trainer, and back to a project file.
 * Seeds: initial weights draw from Random(seed); the epoch shuffles from a second stream of the
 * same seed, so changing the data never changes the initial weights.
 */
import { Random } from '../math/random'
import { DEFAULT_INITIALIZER, initializeWeights } from '../nn/initializers'
import { Network } from '../nn/network'
import { Optimizer } from '../nn/optimizers'
import { BatchCursor } from './batches'
import { Trainer } from './trainer'
import type { SplitDataset } from '../data/dataset'
import type { MatKernel, Precision } from '../math/kernel'
import type { ProjectFile } from '../project/types'

/** Offsets the training seed for the shuffle stream (any fixed odd constant). */
const SHUFFLE_STREAM = 0x6a09e667

export function shuffleRandom(seed: number): Random {
  return new Random((seed ^ SHUFFLE_STREAM) >>> 0)
}

export function precisionOf(project: ProjectFile): Precision {
  return project.training.precision ?? 'float64'
}

export function buildNetwork(project: ProjectFile, kernel: MatKernel): Network {
  const network = new Network(project.network, kernel)
  if (project.weights) network.setWeights(project.weights)
  else initializeWeights(network, project.network.initializer ?? DEFAULT_INITIALIZER, new Random(project.training.seed))
  return network
}

export function buildTrainer(project: ProjectFile, data: SplitDataset, kernel: MatKernel): Trainer {
  const network = buildNetwork(project, kernel)
  const { training, progress } = project
  const rows = data.train.n
  const cursor = progress
    ? BatchCursor.resume(rows, training.shuffle, progress.rngState, progress.epoch, progress.rowInEpoch)
    : new BatchCursor(rows, training.shuffle, shuffleRandom(training.seed))
  const optimizer = new Optimizer(training.optimizer, network, project.optimizerState)
  const trainer = new Trainer(network, data, training, kernel, cursor, optimizer, progress?.step ?? 0)
  if (progress) trainer.resumeEpoch(progress.epochLossSum ?? 0, progress.epochBatches ?? 0)
  return trainer
}

/** The project with the trainer's current weights, optimizer state, settings and progress. */
export function exportProject(project: ProjectFile, trainer: Trainer): ProjectFile {
  return {
    ...project,
    training: trainer.training,
    weights: trainer.network.getWeights(),
    optimizerState: trainer.optimizer.getState(trainer.network),
    progress: trainer.progress(),
  }
}

/**
 * A float64 copy of a (float32) trainer for exact inspection, in the same state: the last batch
 * recomputed in float64 at the weights its update used, the current weights as the parameters.
 * It never trains. Pass the previous twin of the same trainer to reuse its buffers (no new
 * WebAssembly memory each time the inspector asks).
 */
export function float64Twin(trainer: Trainer, kernel: MatKernel, previous: Trainer | null = null): Trainer {
  const rows = trainer.batch.rows
  const reusable = previous && previous.cursor === trainer.cursor && previous.batch.capacity >= rows
  if (previous && !reusable) previous.release()
  const twin = reusable ? previous : twinOf(trainer, kernel)
  twin.training = trainer.training
  twin.step = trainer.step
  const { network } = twin
  network.layers.forEach((layer, l) => {
    const used = trainer.batchWeights(l)
    layer.W.set(used.W)
    layer.b.set(used.b)
  })
  twin.batch.rows = 0
  if (rows > 0) {
    twin.batch.X.set(trainer.batch.X.subarray(0, rows * network.inputs))
    twin.batch.Y.set(trainer.batch.Y.subarray(0, rows * network.outputs))
    twin.batch.rows = rows
    twin.recomputeBatch()
    if (trainer.batchPredatesUpdate) twin.markBatchBeforeUpdate(network)
  }
  network.copyFrom(trainer.network)
  return twin
}

function twinOf(trainer: Trainer, kernel: MatKernel): Trainer {
  const network = new Network(trainer.network.spec, kernel)
  return new Trainer(network, trainer.data, trainer.training, kernel, trainer.cursor, new Optimizer(trainer.training.optimizer, network), trainer.step)
}

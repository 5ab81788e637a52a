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
import type { MatKernel } from '../math/kernel'
import type { ProjectFile } from '../project/types'

/** Offsets the training seed for the shuffle stream (any fixed odd constant). */
const SHUFFLE_STREAM = 0x6a09e667

export function shuffleRandom(seed: number): Random {
  return new Random((seed ^ SHUFFLE_STREAM) >>> 0)
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
  return new Trainer(network, data, training, kernel, cursor, optimizer, progress?.step ?? 0)
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

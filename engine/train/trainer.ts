/**
 * Mini-batch training: one `step()` is one batch (forward, memoized backward, penalty, update,
 * sentinel). Epoch ends compute the learning-curve metrics. Learning rate, optimizer,
 * regularization and batch size can change between steps without a reset.
 */
import { backward, forward, passCostSum } from '../nn/backprop'
import { Optimizer } from '../nn/optimizers'
import { addPenaltyGradient, penalty } from '../nn/regularization'
import { gatherSource, Workspace } from '../nn/workspace'
import { evaluateSteps } from './evaluate'
import { finish, type Steps } from './steps'
import { largestParameter, locateBackward, locateForward, locateParameters, RESET_MAGNITUDE, suggestionFor, type Location } from './sentinel'
import type { BatchCursor } from './batches'
import type { SplitDataset } from '../data/dataset'
import { copyFloats, type Floats, type MatKernel, type Reservation } from '../math/kernel'
import type { Network } from '../nn/network'
import type { DivergenceReport, EpochMetrics, TrainingPatch } from '../protocol'
import type { TrainingProgress, TrainingSpec } from '../project/types'

/** Rows per chunk of evaluation passes at most: wide, so the forward products run at full speed (and split over threads). */
const EVAL_ROWS = 1024
/**
 * The work of one evaluation chunk at most (multiply-adds, an activation counted as ACTIVATION_WORK):
 * a few ms, so a sliced pass (epoch metrics, gradient check) yields often even for a 100,000-unit layer.
 */
const CHUNK_WORK = 1 << 23
const ACTIVATION_WORK = 16

/** Rows per evaluation chunk for this network: EVAL_ROWS, fewer when a row's forward pass is costly. */
export function evaluationRows(network: Network): number {
  const rowWork = network.layers.reduce((sum, l) => sum + l.units * (l.fanIn + ACTIVATION_WORK), 0)
  return Math.max(1, Math.min(EVAL_ROWS, Math.floor(CHUNK_WORK / rowWork)))
}

export interface StepOutcome {
  /** Mean cost of the batch plus the weight penalty. */
  loss: number
  /** Set when this step closed an epoch. */
  epoch: EpochMetrics | null
  /** Set when a non-finite value appeared; the parameters are then not trustworthy. */
  diverged: DivergenceReport | null
}

/** A step whose epoch metrics, when it closed an epoch, are still to be computed (in slices). */
export interface SlicedStepOutcome extends Omit<StepOutcome, 'epoch'> {
  /** Set when this step closed an epoch: the metrics pass, to run to its end before the next step. */
  closing: Steps<EpochMetrics> | null
}

export class Trainer {
  readonly network: Network
  readonly data: SplitDataset
  readonly kernel: MatKernel
  readonly cursor: BatchCursor
  training: TrainingSpec
  optimizer: Optimizer
  /** The last batch's memoized Z, H, E, dW, db. */
  batch: Workspace
  readonly evalWorkspace: Workspace
  step = 0
  /** Whether the last batch's values predate the last update (see batchWeights). */
  private batchBeforeUpdate = false
  /** With no test split, score accuracy/R² on the training rows at each epoch's end. */
  scoreTrainWithoutTest = true
  /** The parameters before the last update, restored if the update overflows. */
  private readonly backup: ParameterBackup
  private epochLossSum = 0
  private epochBatches = 0
  private readonly scratch = new Map<string, Workspace>()
  /** The training rows' X as batches are gathered from it (see gatherSource). */
  private readonly trainX: Floats

  constructor(network: Network, data: SplitDataset, training: TrainingSpec, kernel: MatKernel, cursor: BatchCursor, optimizer: Optimizer, step = 0) {
    this.network = network
    this.data = data
    this.trainX = gatherSource(data.train.X, data.train.d, kernel)
    this.training = training
    this.kernel = kernel
    this.cursor = cursor
    this.optimizer = optimizer
    this.step = step
    this.batch = new Workspace(network, Math.max(1, Math.min(training.batchSize, data.train.n)), kernel)
    this.backup = new ParameterBackup(network, kernel)
    this.evalWorkspace = new Workspace(network, Math.max(1, Math.min(evaluationRows(network), Math.max(data.train.n, data.test.n))), kernel)
  }

  get epoch(): number {
    return this.cursor.epoch
  }

  get batchesPerEpoch(): number {
    return Math.ceil(this.data.train.n / this.training.batchSize)
  }

  get maxEpochsReached(): boolean {
    return this.cursor.epoch >= this.training.epochs
  }

  /** Trains on the next batch (an epoch's metrics computed at once). */
  trainStep(): StepOutcome {
    const { closing, ...outcome } = this.trainStepSliced()
    return { ...outcome, epoch: closing ? finish(closing) : null }
  }

  /**
   * Trains on the next batch; an epoch's metrics come as a pass the caller runs in slices (the
   * training loop: Pause answers meanwhile). The next step must wait for its end.
   */
  trainStepSliced(): SlicedStepOutcome {
    const { train } = this.data
    const { network, kernel, batch } = this
    const { from, count } = this.cursor.take(this.training.batchSize)
    batch.gather(this.trainX, train.Y, train.d, train.k, this.cursor.order, from, count)
    forward(network, batch, kernel)
    const reg = this.training.regularization
    const loss = passCostSum(network, batch) / count + penalty(network, reg)
    if (!Number.isFinite(loss)) return this.diverge(locateForward(network, batch), loss, count)
    backward(network, batch, kernel, 1 / count)
    const grads = batch.gradients()
    addPenaltyGradient(network, grads.dW, reg)
    // The update saves the parameters into the backup as it goes.
    this.optimizer.step(network, grads, kernel, this.backup.copies)
    if (!this.optimizer.finite) {
      // The first non-finite value: a gradient (backward) or, failing that, a new parameter (update).
      const location = locateForward(network, batch) ?? locateBackward(network, batch) ?? locateParameters(network) ?? this.overflowingUpdate()
      // Keep the last finite parameters: a saved project never holds NaN, and Reset is not the only way out.
      this.backup.restore(network)
      this.optimizer = new Optimizer(this.optimizer.spec, network)
      return this.diverge(location, loss, count)
    }
    this.step++
    this.batchBeforeUpdate = true
    this.epochLossSum += loss
    this.epochBatches++
    return { loss, closing: this.cursor.epochDone ? this.closeEpoch() : null, diverged: null }
  }

  /** Starts the next epoch now; its metrics (at these weights) are the pass returned. */
  private closeEpoch(): Steps<EpochMetrics> {
    const trainLoss = this.epochLossSum / Math.max(this.epochBatches, 1)
    this.epochLossSum = 0
    this.epochBatches = 0
    this.cursor.nextEpoch()
    return this.epochMetricsSteps(trainLoss, this.cursor.epoch, this.step)
  }

  private *epochMetricsSteps(trainLoss: number, epoch: number, step: number): Steps<EpochMetrics> {
    const { test, train } = this.data
    const reg = this.training.regularization
    const onTest = yield* evaluateSteps(this.network, test, this.evalWorkspace, this.kernel, reg)
    // With no test split, accuracy and R² describe the training rows (an extra pass, which a
    // benchmark of pure training turns off).
    const scored = test.n > 0 || !this.scoreTrainWithoutTest ? onTest : yield* evaluateSteps(this.network, train, this.evalWorkspace, this.kernel, reg)
    return { epoch, step, trainLoss, testLoss: onTest.loss, accuracy: scored.accuracy, r2: scored.r2, evaluatedOn: test.n > 0 ? 'test' : 'train' }
  }

  /** Every value finite, yet the update's size overflowed: the layer whose update did. */
  private overflowingUpdate(): Location {
    const sizes = Array.from(this.optimizer.updateNormSq)
    const layer = Math.max(0, sizes.findIndex((s) => !Number.isFinite(s)))
    return { layer, unit: 0, pass: 'update', quantity: '‖ΔW‖', value: Number.POSITIVE_INFINITY }
  }

  /** Reports a divergence; the batch goes back to the cursor, so a retry (say, at a lower rate) trains on it. */
  private diverge(location: Location | null, loss: number, count: number): SlicedStepOutcome {
    this.cursor.giveBack(count)
    const where: Location = location ?? { layer: this.network.layers.length - 1, unit: 0, pass: 'forward', quantity: 'loss', value: loss }
    const largest = largestParameter(this.network)
    const report: DivergenceReport = {
      step: this.step,
      epoch: this.cursor.epoch,
      ...where,
      suggestion: suggestionFor(where, this.training.optimizer.learningRate, largest),
      ...(largest > RESET_MAGNITUDE ? { resetNeeded: true } : {}),
    }
    return { loss, closing: null, diverged: report }
  }

  /** Applies hyperparameter changes between steps; nothing is reset. */
  setTraining(patch: TrainingPatch): void {
    const next = { ...this.training, ...patch }
    if (patch.optimizer && patch.optimizer.name !== this.optimizer.spec.name) {
      this.optimizer = new Optimizer(patch.optimizer, this.network)
    } else if (patch.optimizer) {
      this.optimizer.spec = patch.optimizer
    }
    if (patch.batchSize && patch.batchSize !== this.training.batchSize) {
      this.batch.release()
      this.batch = new Workspace(this.network, Math.max(1, Math.min(patch.batchSize, this.data.train.n)), this.kernel)
    }
    this.training = next
  }

  /**
   * Recomputes the last batch's Z, H, E and gradients at the current weights, without an update
   * (after a weight edit, or before the first step: then the next batch is used, not consumed).
   */
  recomputeBatch(): void {
    const { batch, network, kernel } = this
    if (batch.rows === 0) {
      const { train } = this.data
      const count = Math.min(this.training.batchSize, train.n - this.cursor.rowInEpoch, batch.capacity)
      batch.gather(this.trainX, train.Y, train.d, train.k, this.cursor.order, this.cursor.rowInEpoch, count)
    }
    forward(network, batch, kernel)
    backward(network, batch, kernel, 1 / Math.max(batch.rows, 1))
    addPenaltyGradient(network, batch.gradients().dW, this.training.regularization)
    this.batchBeforeUpdate = false
  }

  /**
   * The weights the last batch's Z, H and E were computed with: before the last update (kept in
   * the backup) after a step, the current ones after a recompute.
   */
  batchWeights(l: number): { W: Floats; b: Floats } {
    return this.batchBeforeUpdate ? this.backup.layer(l) : this.network.layers[l]
  }

  get batchPredatesUpdate(): boolean {
    return this.batchBeforeUpdate
  }

  /** Sets the weights the batch used (a float64 twin copies them from its float32 original). */
  markBatchBeforeUpdate(preUpdate: Network): void {
    this.backup.save(preUpdate)
    this.batchBeforeUpdate = true
  }

  progress(): TrainingProgress {
    return {
      epoch: this.cursor.epoch,
      step: this.step,
      rowInEpoch: this.cursor.rowInEpoch,
      rngState: this.cursor.rngState,
      epochLossSum: this.epochLossSum,
      epochBatches: this.epochBatches,
    }
  }

  /**
   * A workspace of at least `rows` rows kept for one use (the prediction grid, a traced sample),
   * reused while big enough and released with the trainer.
   */
  scratchWorkspace(use: string, rows: number): Workspace {
    const kept = this.scratch.get(use)
    if (kept && kept.capacity >= rows) return kept
    kept?.release()
    const ws = new Workspace(this.network, rows, this.kernel)
    this.scratch.set(use, ws)
    return ws
  }

  /** Returns every buffer this trainer owns to the kernel; the trainer must not be used afterwards. */
  release(): void {
    for (const ws of [this.batch, this.evalWorkspace, ...this.scratch.values()]) ws.release()
    this.scratch.clear()
    this.backup.release()
    this.network.release()
  }

  /** Picks up a saved epoch's batch losses (the epoch's train loss is their mean). */
  resumeEpoch(lossSum: number, batches: number): void {
    this.epochLossSum = lossSum
    this.epochBatches = batches
  }
}

/**
 * A copy of every W and b, refreshed before each update (a plain memory copy: same element type),
 * in the kernel's memory, so a kernel with threads copies the long ones over its threads.
 */
class ParameterBackup {
  /** [W0, b0, W1, b1, ...], as the optimizer's `keep`. */
  readonly copies: Floats[]
  private readonly block: Reservation

  constructor(network: Network, private readonly kernel: MatKernel) {
    this.block = kernel.reserve(network.layers.flatMap((l) => [l.W.length, l.b.length]))
    this.copies = this.block.views
    this.save(network)
  }

  save(network: Network): void {
    network.layers.forEach((l, i) => {
      copyFloats(this.kernel, l.W, this.copies[2 * i])
      copyFloats(this.kernel, l.b, this.copies[2 * i + 1])
    })
  }

  release(): void {
    this.block.release()
  }

  restore(network: Network): void {
    network.layers.forEach((l, i) => {
      l.W.set(this.copies[2 * i])
      l.b.set(this.copies[2 * i + 1])
    })
  }

  layer(l: number): { W: Floats; b: Floats } {
    return { W: this.copies[2 * l], b: this.copies[2 * l + 1] }
  }
}

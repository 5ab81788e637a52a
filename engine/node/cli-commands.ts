// The CLI's commands: train, grad and check, each on a project file.
import { selectKernel } from '../math/select-kernel'
import { serializeProject } from '../project/schema'
import { buildTrainer, exportProject, precisionOf } from '../train/model'
import { fullGradient } from '../train/evaluate'
import { gradientCheck } from '../inspect/gradient-check'
import { writeFileAtomic } from './atomic-write'
import { CliError, readProjectFile } from './project-file'
import { ProgressLine } from './progress-line'
import type { EpochMetrics } from '../protocol'
import { toRows } from '../math/rows'

export interface Output {
  out: (text: string) => void
  err: (text: string) => void
  isTTY: boolean
}

export interface TrainOptions {
  epochs?: number
  out?: string
  log?: string
}

const CSV_HEADER = 'epoch,step,train_loss,test_loss,accuracy,r2,evaluated_on'
const csvRow = (m: EpochMetrics) => [m.epoch, m.step, m.trainLoss, m.testLoss, m.accuracy ?? '', m.r2 ?? '', m.evaluatedOn].join(',')

export async function train(path: string, options: TrainOptions, io: Output): Promise<number> {
  const { project, data } = await readProjectFile(path)
  const trainer = buildTrainer(project, data, selectKernel('auto', precisionOf(project)))
  if (options.epochs !== undefined) trainer.setTraining({ epochs: trainer.epoch + options.epochs })
  const metrics: EpochMetrics[] = []
  const line = new ProgressLine(io, trainer.training.epochs)
  while (!trainer.maxEpochsReached) {
    const outcome = trainer.trainStep()
    if (outcome.diverged) {
      const d = outcome.diverged
      throw new CliError(`diverged at step ${d.step}: ${d.quantity} of layer ${d.layer}, unit ${d.unit} (${d.pass}) is ${d.value}. ${d.suggestion}`)
    }
    if (outcome.epoch) {
      metrics.push(outcome.epoch)
      line.epoch(outcome.epoch)
    }
  }
  line.done()
  if (options.out) await writeFileAtomic(options.out, serializeProject(exportProject(project, trainer)))
  if (options.log) await writeFileAtomic(options.log, [CSV_HEADER, ...metrics.map(csvRow)].join('\n') + '\n')
  return 0
}

/** Full-training-set gradient at the project's weights, in the layout of `weights`. */
export async function grad(path: string, io: Output): Promise<number> {
  // Gradients and checks are always computed in float64 (the default kernel), whatever the project trains in.
  const { project, data } = await readProjectFile(path)
  const trainer = buildTrainer(project, data, selectKernel())
  const { loss, dW, db } = fullGradient(trainer.network, data.train, trainer.evalWorkspace, trainer.kernel, project.training.regularization)
  const layers = trainer.network.layers.map((layer, l) => ({
    dW: toRows(dW[l], layer.fanIn, layer.units),
    db: Array.from(db[l]),
  }))
  io.out(JSON.stringify({ loss, layers }) + '\n')
  return 0
}

export const CHECK_TOLERANCE = 1e-6

export async function check(path: string, io: Output): Promise<number> {
  const { project, data } = await readProjectFile(path)
  const trainer = buildTrainer(project, data, selectKernel())
  const report = gradientCheck(trainer, { kind: 'network' })
  const { ref, backprop, numerical, relativeError } = report.worst
  const where = `layer ${ref.layer}, ${ref.i === 'bias' ? `bias of unit ${ref.j}` : `W[${ref.i}][${ref.j}]`}`
  const summary = `checked ${report.checked} of ${report.total} parameters; max relative error ${relativeError.toExponential(2)} at ${where} (backprop ${backprop}, numerical ${numerical})`
  if (report.maxRelativeError > CHECK_TOLERANCE) {
    io.err(`gradient check FAILED (tolerance ${CHECK_TOLERANCE}): ${summary}\n`)
    return 1
  }
  io.out(`gradient check passed: ${summary}\n`)
  return 0
}

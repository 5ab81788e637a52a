// The CLI's commands: train, grad and check, each on a project file.
import { selectKernel } from '../math/select-kernel'
import { serializeProject } from '../project/schema'
import { resolve } from 'node:path'
import { buildTrainer, exportProject, precisionOf } from '../train/model'
import { runTraining } from '../runs/run-training'
import { summarize } from '../runs/run-job'
import { newRunId, recordOf } from '../runs/make-record'
import { openRunsLog } from './cli-runs-log'
import { fullGradient } from '../train/evaluate'
import { gradientCheck } from '../inspect/gradient-check'
import { writeFileAtomic } from './atomic-write'
import { CliError, readProjectFile } from './project-file'
import { ProgressLine } from './progress-line'
import type { EpochMetrics } from '../protocol'
import { toRows } from '../math/rows'
import { useCliThreads } from './cli-threads'
import type { ThreadsSetting } from '../math/kernel-team'

export interface Output {
  out: (text: string) => void
  err: (text: string) => void
  isTTY: boolean
}

export interface TrainOptions {
  epochs?: number
  out?: string
  log?: string
  /** Append the run's record to this runs log. */
  runs?: string
  /** Threads for the wide products (default 'auto'); the trained file is the same for any count. */
  threads?: ThreadsSetting
}

const CSV_HEADER = 'epoch,step,train_loss,test_loss,accuracy,r2,evaluated_on'
const csvRow = (m: EpochMetrics) => [m.epoch, m.step, m.trainLoss, m.testLoss, m.accuracy ?? '', m.r2 ?? '', m.evaluatedOn].join(',')

export async function train(path: string, options: TrainOptions, io: Output): Promise<number> {
  const loaded = await readProjectFile(path)
  // --epochs N trains N more epochs (from where a saved project stands).
  const project = options.epochs === undefined ? loaded.project : { ...loaded.project, training: { ...loaded.project.training, epochs: (loaded.project.progress?.epoch ?? 0) + options.epochs } }
  const log = options.runs !== undefined ? await openRunsLog(resolve(options.runs)) : null
  for (const notice of log?.log.notices ?? []) io.err(`${options.runs}: ${notice}\n`)
  const metrics: EpochMetrics[] = []
  const line = new ProgressLine(io, project.training.epochs)
  const startedAt = new Date()
  // The same loop a sweep point runs (runTraining), so both give the same numbers.
  const kernel = selectKernel('auto', precisionOf(project))
  const threads = useCliThreads(kernel, options.threads ?? 'auto', io)
  const outcome = runTraining(project, loaded.data, kernel, {
    onEpoch: (m) => {
      metrics.push(m)
      line.epoch(m)
    },
  })
  line.done()
  await threads?.close()
  if (log) await log.appender.append(recordOf({ id: newRunId(), source: 'cli', project, settings: {}, startedAt }, summarize(outcome)))
  if (outcome.diverged) {
    const d = outcome.diverged
    throw new CliError(`diverged at step ${d.step}: ${d.quantity} of layer ${d.layer}, unit ${d.unit} (${d.pass}) is ${d.value}. ${d.suggestion}`)
  }
  if (options.out) await writeFileAtomic(options.out, serializeProject(exportProject(project, outcome.trainer)))
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
  const { ref, input, backprop, numerical, relativeError } = report.worst
  const where = ref === null ? `input ${input}` : `layer ${ref.layer}, ${ref.i === 'bias' ? `bias of unit ${ref.j}` : `W[${ref.i}][${ref.j}]`}`
  const summary = `checked ${report.checked} of ${report.total} parameters; max relative error ${relativeError.toExponential(2)} at ${where} (backprop ${backprop}, numerical ${numerical})`
  if (report.maxRelativeError > CHECK_TOLERANCE) {
    io.err(`gradient check FAILED (tolerance ${CHECK_TOLERANCE}): ${summary}\n`)
    return 1
  }
  io.out(`gradient check passed: ${summary}\n`)
  return 0
}

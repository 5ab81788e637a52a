/**
 * The CLI-path contestant: `backprop-studio train` as a user runs it, a separate Node process
 * started without any flag (the CLI turns relaxed SIMD on itself), per-epoch evaluation on the
 * test split included. A round runs `train --epochs E` and subtracts the start-up (reading and
 * preparing the project, measured by `--epochs 0`), so what is timed is the epochs themselves.
 * Also measured in-process on the same project: the share of an epoch the evaluation takes.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serializeProject } from '../project/schema'
import { PROJECT_FORMAT, PROJECT_VERSION, type ProjectFile } from '../project/types'
import { prepareData, type PreparedData } from '../data/prepare'
import { readBuiltinDataset } from '../node/builtin-files'
import { buildTrainer } from '../train/model'
import type { MatKernel } from '../math/kernel'
import type { Contestant } from './contestants'
import type { Precision } from '../math/kernel'
import type { Workload } from './workloads'
import type { LayerWeights } from '../project/types'

export function cliProject(workload: Workload, weights: LayerWeights[], precision: Precision): ProjectFile {
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: `bench ${workload.name}`,
    network: workload.network,
    data: workload.cliData!,
    training: {
      optimizer: { name: 'sgd', learningRate: workload.learningRate },
      batchSize: workload.batchSize,
      epochs: 1,
      shuffle: true,
      seed: 1,
      regularization: { kind: 'none', rate: 0 },
      precision,
    },
    weights,
  }
}

/** Milliseconds one `train` run takes (the CLI started fresh each time). */
function trainMs(cli: string, file: string, epochs: number): number {
  const started = performance.now()
  const child = spawnSync(process.execPath, [cli, 'train', file, '--epochs', String(epochs)], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] })
  if (child.status !== 0) throw new Error(`backprop-studio train failed: ${child.stderr.trim().split('\n').pop()}`)
  return performance.now() - started
}

/** @param cli the CLI script (bin/backprop-studio.js). @param batchesPerEpoch of the CLI project's training split. */
export function cliContestant(cli: string, precision: Precision): Contestant {
  return {
    name: 'ours-cli',
    covers: (workload) => workload.cliData !== undefined,
    async setup(workload, _data, weights) {
      const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'))
      const file = join(dir, 'project.json')
      writeFileSync(file, serializeProject(cliProject(workload, weights, precision)))
      const startup = Math.min(trainMs(cli, file, 0), trainMs(cli, file, 0))
      let epochMs = Math.max(1, trainMs(cli, file, 1) - startup)
      const batches = Math.ceil(prepareCliData(workload).train.n / workload.batchSize)
      return {
        run(ms) {
          const epochs = Math.max(1, Math.round(ms / epochMs))
          const spent = Math.max(1, trainMs(cli, file, epochs) - startup)
          epochMs = spent / epochs
          // Steps at the measured rate, over the round's ms (the bench divides by ms).
          return (epochs * batches * ms) / spent
        },
        dispose: () => rmSync(dir, { recursive: true, force: true }),
      }
    },
  }
}

/** The CLI project's data, prepared in-process as the CLI prepares it. */
export function prepareCliData(workload: Workload): PreparedData {
  const spec = workload.cliData!
  return prepareData(spec, 1, spec.source === 'builtin' ? { builtin: readBuiltinDataset(spec.name) } : {})
}

/**
 * The share of an epoch spent in its end-of-epoch evaluation (the test split, forward only), on the
 * CLI project, in this process: the epoch-closing steps' time beyond an ordinary step's, over
 * the epochs' time.
 */
export function evaluationShare(workload: Workload, weights: LayerWeights[], precision: Precision, kernel: MatKernel, epochs: number): number {
  const project = cliProject(workload, weights, precision)
  const trainer = buildTrainer({ ...project, training: { ...project.training, epochs: Number.MAX_SAFE_INTEGER } }, prepareCliData(workload), kernel)
  trainer.trainStep() // warm-up
  const ordinary: number[] = []
  let closing = 0
  let closings = 0
  let total = 0
  while (closings < epochs) {
    const t = performance.now()
    const outcome = trainer.trainStep()
    const spent = performance.now() - t
    total += spent
    if (outcome.epoch) {
      closing += spent
      closings++
    } else ordinary.push(spent)
  }
  trainer.release()
  ordinary.sort((a, b) => a - b)
  const step = ordinary[ordinary.length >> 1]
  return Math.max(0, closing - closings * step) / total
}

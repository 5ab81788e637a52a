/**
 * The CLI-path contestant: `backprop-studio train` as a user runs it, a separate Node process
 * started without any flag (the CLI turns relaxed SIMD on itself), per-epoch evaluation on the
 * test split included. A round runs `train --epochs E`; its progress lines on stderr (one per
 * tenth of the run: "epoch e/E step s …") are timed as they arrive, and the rate is the steps
 * between the first and the last line over the time between them, so start-up (reading and
 * preparing the project) is not counted. Also measured in-process on the same project: the share
 * of an epoch the evaluation takes.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
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

/** Steps per second of one `train --epochs E` run, from its progress lines (start-up excluded). */
function trainRate(cli: string, file: string, epochs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'train', file, '--epochs', String(epochs)], { stdio: ['ignore', 'ignore', 'pipe'] })
    const marks: { at: number; step: number }[] = []
    let last = ''
    createInterface({ input: child.stderr }).on('line', (line) => {
      const match = /^epoch \d+\/\d+ step (\d+)/.exec(line)
      if (match) marks.push({ at: performance.now(), step: Number(match[1]) })
      else last = line
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`backprop-studio train failed (${code}): ${last}`))
      if (marks.length < 2) return reject(new Error('backprop-studio train printed fewer than two progress lines'))
      const [first, end] = [marks[0], marks[marks.length - 1]]
      resolve(((end.step - first.step) * 1000) / Math.max(1e-3, end.at - first.at))
    })
  })
}

/** @param cli the CLI script (bin/backprop-studio.js). */
export function cliContestant(cli: string, precision: Precision): Contestant {
  return {
    name: 'ours-cli',
    covers: (workload) => workload.cliData !== undefined,
    async setup(workload, _data, weights) {
      const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'))
      const file = join(dir, 'project.json')
      writeFileSync(file, serializeProject(cliProject(workload, weights, precision)))
      const batches = Math.ceil(prepareCliData(workload).train.n / workload.batchSize)
      let rate = await trainRate(cli, file, 10)
      return {
        async run(ms) {
          // Enough epochs for about 10/9 of the round (the first tenth passes before the first line).
          const epochs = Math.max(10, Math.round((rate * ms * 1.1) / 1000 / batches))
          rate = await trainRate(cli, file, epochs)
          return (rate * ms) / 1000
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

/**
 * The MNIST case of `npm run bench`: loading the built-in set (read, checksum, un-gzip, decode,
 * split) and training the "MNIST digits, 784-128-10" project (relu + softmax, Adam 0.001,
 * batch 64, 10 epochs on 8,000 digits) through the same loop as `backprop-studio train`, with
 * its wall time and test accuracy. Runs inside each precision's process (run-bench.ts).
 */
import { builtinProject } from '../data/builtin-projects'
import { prepareData } from '../data/prepare'
import { selectKernel } from '../math/select-kernel'
import { runTraining } from '../runs/run-training'
import { readBuiltinDataset } from '../node/builtin-files'
import type { Precision } from '../math/kernel'
import { buildNetwork } from '../train/model'
import { jsKernel } from '../math/js-kernel'
import { torchMissing } from './torch-peer'
import { torchMnist, type TorchMnist } from './mnist-torch'
import type { Output } from '../node/cli-commands'

export interface MnistBench {
  precision: Precision
  kernel: string
  epochs: number
  /** Reading data/mnist.bsd.gz, checking its SHA-256, un-gzipping, decoding and splitting. */
  loadSeconds: number
  trainSeconds: number
  testAccuracy: number
  /** PyTorch on the same split, initial weights and settings (mnist-torch.ts), or why it could not run. */
  pytorch: TorchMnist | { missing: string }
}

export function benchMnist(precision: Precision, quick: boolean): MnistBench {
  const base = builtinProject('mnist')
  const project = { ...base, training: { ...base.training, precision, epochs: quick ? 1 : base.training.epochs } }
  const loadStarted = performance.now()
  const raw = readBuiltinDataset('mnist')
  const data = prepareData(project.data, project.training.seed, { builtin: raw })
  const loadSeconds = (performance.now() - loadStarted) / 1000
  const kernel = selectKernel('auto', precision)
  const started = performance.now()
  let testAccuracy = Number.NaN
  const outcome = runTraining(project, data, kernel, { onEpoch: (m) => (testAccuracy = m.accuracy ?? Number.NaN) })
  if (outcome.status !== 'finished') throw new Error(`the MNIST bench run did not finish (${outcome.status})`)
  const trainSeconds = (performance.now() - started) / 1000
  const initial = buildNetwork(project, jsKernel).getWeights()
  const pytorch = torchMissing() ?? torchMnist(data.train, data.test, initial, precision, project.training.epochs)
  return { precision, kernel: kernel.name, epochs: project.training.epochs, loadSeconds, trainSeconds, testAccuracy, pytorch: typeof pytorch === 'string' ? { missing: pytorch } : pytorch }
}

export function printMnistBench(io: Output, results: MnistBench[]): void {
  io.out('\nMNIST (10,000 digits, train share 0.8), 784-128-10 relu + softmax, Adam 0.001, batch 64:\n')
  for (const r of results) {
    io.out(`  ${r.precision.padEnd(8)} ${r.kernel.padEnd(22)} load ${r.loadSeconds.toFixed(2)} s, ${r.epochs} epochs in ${r.trainSeconds.toFixed(1)} s, test accuracy ${(100 * r.testAccuracy).toFixed(1)} %\n`)
    const torch = r.pytorch
    if ('missing' in torch) io.out(`  ${r.precision.padEnd(8)} ${'pytorch'.padEnd(22)} not measured: ${torch.missing}\n`)
    else io.out(`  ${r.precision.padEnd(8)} ${'pytorch (1 thread)'.padEnd(22)} ${r.epochs} epochs in ${torch.trainSeconds.toFixed(1)} s, test accuracy ${(100 * torch.testAccuracy).toFixed(1)} % (ours/pytorch time ${(r.trainSeconds / torch.trainSeconds).toFixed(2)})\n`)
  }
}

// The exported PyTorch script against `backprop-studio train --log` of the same project: the same
// per-epoch losses (float64, CPU: relative 1e-9) for every optimizer, loss, activation,
// regularization and data source, from a fresh start and from the middle of an epoch.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../node/cli-main'
import { serializeProject } from '../project/schema'
import { prepareData } from '../data/prepare'
import { buildTrainer, exportProject } from '../train/model'
import { selectKernel } from '../math/select-kernel'
import { Random } from '../math/random'
import { testProject } from '../testing/projects'
import { pythonMissing, runScripts } from '../testing/python.node'
import { compareMetrics, quietIo } from '../testing/metrics-csv.node'
import type { DataSpec, LayerSpec, LossName, ProjectFile, TrainingSpec } from '../project/types'

const missing = pythonMissing(['torch'])
const TORCHRUN = '/usr/bin/torchrun'
const torchrunMissing = missing ?? (existsSync(TORCHRUN) ? null : `${TORCHRUN} is not installed`)
let dir = ''

function project(layers: LayerSpec[], loss: LossName, data: DataSpec, training: Partial<TrainingSpec>, inputs = 2): ProjectFile {
  return { ...testProject(inputs, layers, loss, { epochs: 4, batchSize: 7, shuffle: true, seed: 11, ...training }), name: 'case', data }
}

const spiral = (name: 'spiral' | 'circle' | 'xor' | 'regression-plane' | 'k-class-spiral', extra: Partial<DataSpec> = {}): DataSpec =>
  ({ source: 'synthetic', name, samples: 60, noise: 0.2, trainFraction: 0.75, ...extra }) as DataSpec

/** The cases: together they cover every optimizer, loss, activation, penalty and data source. */
const CASES: Record<string, ProjectFile> = {
  'sgd, mse, tanh → linear, l2, regression, standardized': project(
    [{ units: 5, activation: 'tanh' }, { units: 1, activation: 'linear' }],
    'mse',
    spiral('regression-plane', { standardize: true }),
    { optimizer: { name: 'sgd', learningRate: 0.05 }, regularization: { kind: 'l2', rate: 0.01 } },
  ),
  'momentum, bce, relu → sigmoid, l1, all features': project(
    [{ units: 6, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
    'binary-cross-entropy',
    spiral('circle', { features: ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'] }),
    { optimizer: { name: 'momentum', learningRate: 0.05, momentum: 0.8 }, regularization: { kind: 'l1', rate: 0.001 } },
    7,
  ),
  'nesterov, softmax, leaky-relu (alpha) → softmax, 3 classes': project(
    [{ units: 6, activation: 'leaky-relu', alpha: 0.05 }, { units: 3, activation: 'softmax' }],
    'softmax-cross-entropy',
    spiral('k-class-spiral', { classes: 3 }),
    { optimizer: { name: 'momentum', learningRate: 0.05, nesterov: true } },
  ),
  'rmsprop, mse, sigmoid → sine → sigmoid, no shuffle, no test split': project(
    [{ units: 4, activation: 'sigmoid' }, { units: 3, activation: 'sine' }, { units: 1, activation: 'sigmoid' }],
    'mse',
    spiral('xor', { trainFraction: 1 }),
    { optimizer: { name: 'rmsprop', learningRate: 0.01, rho: 0.8 }, shuffle: false },
  ),
  'adam, bce, csv numeric target, l2, standardized': project(
    [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    'binary-cross-entropy',
    { source: 'csv', path: 'table.csv', inputs: ['a', 'b', 'c'], targets: ['flag'], trainFraction: 0.8, standardize: true },
    { optimizer: { name: 'adam', learningRate: 0.02 }, regularization: { kind: 'l2', rate: 0.003 } },
    3,
  ),
  'adam, softmax, csv one-hot labels, relu': project(
    [{ units: 5, activation: 'relu' }, { units: 3, activation: 'softmax' }],
    'softmax-cross-entropy',
    { source: 'csv', path: 'table.csv', inputs: ['a', 'b', 'c'], targets: ['label'], targetEncoding: 'one-hot', trainFraction: 0.7 },
    { optimizer: { name: 'adam', learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-7 } },
    3,
  ),
  'built-in iris (60 of its rows), standardized, adam, softmax': project(
    [{ units: 5, activation: 'tanh' }, { units: 3, activation: 'softmax' }],
    'softmax-cross-entropy',
    { source: 'builtin', name: 'iris', samples: 60, trainFraction: 0.8, standardize: true },
    { optimizer: { name: 'adam', learningRate: 0.02 } },
    4,
  ),
  'built-in diabetes (80 rows), regression, momentum, l2': project(
    [{ units: 4, activation: 'relu' }, { units: 1, activation: 'linear' }],
    'mse',
    { source: 'builtin', name: 'diabetes', samples: 80, trainFraction: 0.75, standardize: true },
    { optimizer: { name: 'momentum', learningRate: 0.001 }, regularization: { kind: 'l2', rate: 0.01 } },
    10,
  ),
}

/** Projects that stopped mid-epoch after some steps: weights, optimizer state and progress resume. */
const RESUMED: Record<string, [ProjectFile, number]> = {
  'resumed mid-epoch: adam': [CASES['adam, bce, csv numeric target, l2, standardized'], 9],
  'resumed mid-epoch: momentum': [CASES['momentum, bce, relu → sigmoid, l1, all features'], 10],
  'resumed mid-epoch: rmsprop': [CASES['rmsprop, mse, sigmoid → sine → sigmoid, no shuffle, no test split'], 4],
}

function tableCsv(): string {
  const random = new Random(5)
  const lines = ['a,b,c,flag,label']
  for (let r = 0; r < 40; r++) {
    const [a, b, c] = [random.uniform(-2, 2), random.uniform(0, 10), random.normal()]
    lines.push([a, b, c, a + 0.1 * b > 0.5 ? 1 : 0, ['red', 'green', 'blue'][(a > 0 ? 1 : 0) + (c > 0.3 ? 1 : 0)]].join(','))
  }
  return lines.join('\n') + '\n'
}

async function resumedProject(base: ProjectFile, steps: number): Promise<ProjectFile> {
  const csvText = base.data.source === 'csv' ? await readFile(join(dir, base.data.path), 'utf8') : undefined
  const trainer = buildTrainer(base, prepareData(base.data, base.training.seed, { csvText }), selectKernel())
  for (let s = 0; s < steps; s++) trainer.trainStep()
  return exportProject(base, trainer)
}

/** Run under torchrun with 2 processes: batches of 7 split 3 + 4, a partial last batch, and batches of 1 (one slice empty). */
const DISTRIBUTED: Record<string, ProjectFile> = {
  'adam, csv, batches of 7 and a partial one': CASES['adam, bce, csv numeric target, l2, standardized'],
  'nesterov, softmax, batches of 1': { ...CASES['nesterov, softmax, leaky-relu (alpha) → softmax, 3 classes'], training: { ...CASES['nesterov, softmax, leaky-relu (alpha) → softmax, 3 classes'].training, batchSize: 1 } },
}

/** A float32 project: the script trains in float32 too (its default --dtype), close to the engine but not bit for bit. */
const FLOAT32: Record<string, ProjectFile> = {
  'float32 project, adam, tanh → sigmoid': { ...CASES['adam, bce, csv numeric target, l2, standardized'], training: { ...CASES['adam, bce, csv numeric target, l2, standardized'].training, precision: 'float32' } },
}

const EPOCHS = 3
const PLAIN = 'no arguments: from mid-epoch 1 up to training.epochs, and the weights it writes'
const results: Record<string, { reference: string; script: string }> = {}

/** `torchrun --standalone --nproc_per_node=2 --redirects 2 --tee 2 script args` (the form that works on Python 3.11). */
function torchrun(script: string, args: string[]): void {
  const run = spawnSync(TORCHRUN, ['--standalone', '--nproc_per_node=2', '--redirects', '2', '--tee', '2', script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  })
  expect(run.status, run.stderr + run.stdout).toBe(0)
}

async function writeCase(stem: string, file: ProjectFile, name: string): Promise<void> {
  await writeFile(`${stem}.json`, serializeProject(file))
  expect(await main(['train', `${stem}.json`, '--epochs', String(EPOCHS), '--log', `${stem}.ref.csv`], quietIo())).toBe(0)
  expect(await main(['export', `${stem}.json`, '--format', 'pytorch', '--out', `${stem}.py`], quietIo())).toBe(0)
  results[name] = { reference: `${stem}.ref.csv`, script: `${stem}.torch.csv` }
}

beforeAll(async () => {
  if (missing) return
  dir = await mkdtemp(join(tmpdir(), 'bps-pytorch-'))
  await writeFile(join(dir, 'table.csv'), tableCsv())
  const all: [string, ProjectFile][] = [...Object.entries(CASES)]
  for (const [name, [base, steps]] of Object.entries(RESUMED)) all.push([name, await resumedProject(base, steps)])
  all.push(...Object.entries(FLOAT32))
  const runs = []
  for (const [index, [name, file]] of all.entries()) {
    const stem = join(dir, `case${index}`)
    await writeCase(stem, file, name)
    runs.push({ script: `${stem}.py`, args: ['--epochs', String(EPOCHS), '--log', `${stem}.torch.csv`] })
  }
  // Run as it comes (no --epochs: up to training.epochs), writing the weights, against train --out.
  const stem = join(dir, 'plain')
  const resumed = await resumedProject(CASES['nesterov, softmax, leaky-relu (alpha) → softmax, 3 classes'], 11)
  await writeFile(`${stem}.json`, serializeProject(resumed))
  expect(await main(['train', `${stem}.json`, '--out', `${stem}.trained.json`, '--log', `${stem}.ref.csv`], quietIo())).toBe(0)
  expect(await main(['export', `${stem}.json`, '--format', 'pytorch', '--out', `${stem}.py`], quietIo())).toBe(0)
  runs.push({ script: `${stem}.py`, args: ['--out', `${stem}.weights.json`, '--log', `${stem}.torch.csv`] })
  results[PLAIN] = { reference: `${stem}.ref.csv`, script: `${stem}.torch.csv` }
  all.push([PLAIN, resumed])
  for (const [i, run] of runScripts(runs).entries()) expect(run.stderr, all[i][0]).toBe('')
  if (torchrunMissing) return
  for (const [index, [name, file]] of Object.entries(DISTRIBUTED).entries()) {
    const stem = join(dir, `ddp${index}`)
    await writeCase(stem, file, name)
    torchrun(`${stem}.py`, ['--epochs', String(EPOCHS), '--log', `${stem}.torch.csv`])
  }
}, 180_000)
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined))

describe('exported PyTorch script, float64 on the CPU', () => {
  for (const name of [...Object.keys(CASES), ...Object.keys(RESUMED)]) {
    it(`matches train --log: ${name}`, async (ctx) => {
      ctx.skip(missing !== null, missing ?? '')
      const { reference, script } = results[name]
      const worst = compareMetrics(await readFile(reference, 'utf8'), await readFile(script, 'utf8'), 1e-9)
      console.log(`pytorch export, ${name}: max relative difference ${worst.toExponential(2)}`)
    })
  }
})

describe('exported PyTorch script run with no arguments', () => {
  it(`matches train (no --epochs) and its --out weights: ${PLAIN}`, async (ctx) => {
    ctx.skip(missing !== null, missing ?? '')
    const { reference, script } = results[PLAIN]
    const worst = compareMetrics(await readFile(reference, 'utf8'), await readFile(script, 'utf8'), 1e-9)
    expect((await readFile(reference, 'utf8')).trim().split('\n').length - 1).toBe(3) // epochs 2, 3 and 4 of 4
    const expected = (JSON.parse(await readFile(join(dir, 'plain.trained.json'), 'utf8')) as ProjectFile).weights!
    const actual = JSON.parse(await readFile(join(dir, 'plain.weights.json'), 'utf8')) as typeof expected
    let worstWeight = 0
    expected.forEach((layer, l) => {
      const pairs = [...layer.W.flatMap((row, i) => row.map((w, j) => [w, actual[l].W[i][j]])), ...layer.b.map((b, j) => [b, actual[l].b[j]])]
      for (const [a, b] of pairs) worstWeight = Math.max(worstWeight, Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-6)) // a floor: weights near 0 compare absolutely
    })
    expect(worstWeight).toBeLessThanOrEqual(1e-9)
    console.log(`pytorch export, ${PLAIN}: max relative difference ${worst.toExponential(2)} (losses), ${worstWeight.toExponential(2)} (weights)`)
  })
})

describe('exported PyTorch script of a float32 project', () => {
  for (const name of Object.keys(FLOAT32)) {
    it(`trains in float32, within float32 rounding of train --log (1e-5): ${name}`, async (ctx) => {
      ctx.skip(missing !== null, missing ?? '')
      const { reference, script } = results[name]
      const worst = compareMetrics(await readFile(reference, 'utf8'), await readFile(script, 'utf8'), 1e-5)
      console.log(`pytorch export, ${name}: max relative difference ${worst.toExponential(2)} (float32)`)
    })
  }
})

describe('exported PyTorch script under torchrun, 2 processes (gloo)', () => {
  for (const name of Object.keys(DISTRIBUTED)) {
    it(`matches train --log: ${name}`, async (ctx) => {
      ctx.skip(torchrunMissing !== null, torchrunMissing ?? '')
      const { reference, script } = results[name]
      const worst = compareMetrics(await readFile(reference, 'utf8'), await readFile(script, 'utf8'), 1e-7)
      console.log(`pytorch export under torchrun, ${name}: max relative difference ${worst.toExponential(2)}`)
    })
  }
})

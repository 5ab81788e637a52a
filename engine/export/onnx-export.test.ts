// The ONNX export, run by onnxruntime-node on the raw test rows, against the engine's own
// predictions (float64) on the same rows: within 1e-5. Debian's onnx checker accepts the files.
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InferenceSession, Tensor } from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../node/cli-main'
import { serializeProject } from '../project/schema'
import { prepareData } from '../data/prepare'
import { buildTrainer, exportProject } from '../train/model'
import { selectKernel } from '../math/select-kernel'
import { forward } from '../nn/backprop'
import { Workspace } from '../nn/workspace'
import { Random } from '../math/random'
import { testProject } from '../testing/projects'
import { quietIo } from '../testing/metrics-csv.node'
import { PYTHON, pythonMissing } from '../testing/python.node'
import { rawSplit } from './split-rows'
import type { DataSpec, LayerSpec, LossName, ProjectFile } from '../project/types'

const synthetic = (name: string, extra: object = {}): DataSpec => ({ source: 'synthetic', name, samples: 80, noise: 0.2, trainFraction: 0.7, ...extra }) as DataSpec

function project(layers: LayerSpec[], loss: LossName, data: DataSpec, inputs = 2): ProjectFile {
  return { ...testProject(inputs, layers, loss, { epochs: 5, batchSize: 8, shuffle: true, optimizer: { name: 'adam', learningRate: 0.03 } }), name: 'onnx case', data }
}

const CASES: Record<string, ProjectFile> = {
  'every feature, standardized, relu → sigmoid': project(
    [{ units: 6, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
    'binary-cross-entropy',
    synthetic('circle', { features: ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'], standardize: true }),
    7,
  ),
  'tanh → leaky-relu (alpha) → softmax, 4 classes': project(
    [{ units: 5, activation: 'tanh' }, { units: 4, activation: 'leaky-relu', alpha: 0.2 }, { units: 4, activation: 'softmax' }],
    'softmax-cross-entropy',
    synthetic('k-class-gaussian', { classes: 4 }),
  ),
  'csv, 3 raw inputs standardized, sine → sigmoid → linear (regression)': project(
    [{ units: 4, activation: 'sine' }, { units: 3, activation: 'sigmoid' }, { units: 1, activation: 'linear' }],
    'mse',
    { source: 'csv', path: 'table.csv', inputs: ['a', 'b', 'c'], targets: ['t'], trainFraction: 0.75, standardize: true },
    3,
  ),
}

let dir = ''
const files: Record<string, { model: string; csvText?: string; trained: ProjectFile }> = {}

function tableCsv(): string {
  const random = new Random(9)
  const lines = ['a,b,c,t']
  for (let r = 0; r < 40; r++) {
    const [a, b, c] = [random.uniform(-3, 3), random.uniform(10, 20), random.normal()]
    lines.push([a, b, c, Math.sin(a) + 0.1 * b - c].join(','))
  }
  return lines.join('\n') + '\n'
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bps-onnx-'))
  await writeFile(join(dir, 'table.csv'), tableCsv())
  for (const [index, [name, base]] of Object.entries(CASES).entries()) {
    const csvText = base.data.source === 'csv' ? tableCsv() : undefined
    const trainer = buildTrainer(base, prepareData(base.data, base.training.seed, { csvText }), selectKernel())
    while (!trainer.maxEpochsReached) trainer.trainStep()
    const trained = exportProject(base, trainer)
    const stem = join(dir, `case${index}`)
    await writeFile(`${stem}.json`, serializeProject(trained))
    expect(await main(['export', `${stem}.json`, '--format', 'onnx', '--out', `${stem}.onnx`], quietIo())).toBe(0)
    files[name] = { model: `${stem}.onnx`, csvText, trained }
  }
})
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined))

/** The engine's float64 predictions ŷ on the prepared test rows. */
function enginePredictions(trained: ProjectFile, csvText?: string): Float64Array {
  const data = prepareData(trained.data, trained.training.seed, { csvText })
  const trainer = buildTrainer(trained, data, selectKernel())
  const { network } = trainer
  const ws = new Workspace(network, data.test.n, trainer.kernel)
  ws.load(data.test.X, data.test.Y, data.test.d, data.test.k, 0, data.test.n)
  forward(network, ws, trainer.kernel)
  return Float64Array.from(ws.layers[network.layers.length - 1].H.subarray(0, data.test.n * data.test.k))
}

describe('ONNX export', () => {
  for (const name of Object.keys(CASES)) {
    it(`predicts what the engine predicts on the raw test rows (1e-5): ${name}`, async () => {
      const { model, csvText, trained } = files[name]
      const split = rawSplit(trained.data, trained.training.seed, { csvText })
      const { raw, test } = split
      const x = new Float32Array(test.length * raw.d)
      test.forEach((row, i) => x.set(raw.X.subarray(row * raw.d, (row + 1) * raw.d), i * raw.d))
      const session = await InferenceSession.create(await readFile(model))
      const { y } = await session.run({ x: new Tensor('float32', x, [test.length, raw.d]) })
      const expected = enginePredictions(trained, csvText)
      expect(y.dims).toEqual([test.length, raw.k])
      const actual = y.data as Float32Array
      let worst = 0
      expected.forEach((e, i) => (worst = Math.max(worst, Math.abs(actual[i] - e) / Math.max(1, Math.abs(e)))))
      console.log(`onnx export, ${name}: max difference ${worst.toExponential(2)} over ${expected.length} outputs`)
      expect(worst).toBeLessThanOrEqual(1e-5)
    })
  }

  it("passes Debian's onnx checker (full check, shape inference)", (ctx) => {
    const missing = pythonMissing(['onnx'])
    ctx.skip(missing !== null, missing ?? '')
    const check = 'import onnx, sys\nfor path in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(path), full_check=True)\nprint("ok")'
    const run = spawnSync(PYTHON, ['-c', check, ...Object.values(files).map((f) => f.model)], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('ok\n')
  })

  it('refuses an untrained project with a clear message, writing nothing', async () => {
    const untrained = join(dir, 'untrained.json')
    await writeFile(untrained, serializeProject(CASES['tanh → leaky-relu (alpha) → softmax, 4 classes']))
    const io = quietIo()
    expect(await main(['export', untrained, '--format', 'onnx', '--out', join(dir, 'untrained.onnx')], io)).toBe(2)
    expect(io.stderr).toBe(`backprop-studio: ${untrained}: the project has no trained weights: train it before exporting an ONNX model\n`)
    await expect(readFile(join(dir, 'untrained.onnx'))).rejects.toThrow('ENOENT')
  })
})

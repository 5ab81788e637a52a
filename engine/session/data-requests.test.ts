// The requests the data views build on, through a session loading a built-in set the way the
// engine process does (data/ read by the Node edge).
import { describe, expect, it } from 'vitest'
import { createEngineSession } from './session'
import { sessionHarness } from '../testing/session-harness'
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dataDirectory, readBuiltinBytes } from '../node/builtin-files'
import { confusionMatrix } from '../inspect/confusion'
import { decodeBuiltin } from '../data/builtin'
import { builtinInfo } from '../data/builtin-catalog'
import { testProject } from '../testing/projects'
import type { EngineEvent } from '../protocol'
import type { ProjectFile } from '../project/types'

function harness(builtin = true) {
  return sessionHarness(
    { now: () => performance.now(), schedule: (fn) => setImmediate(fn), builtinBytes: builtin ? (info) => readBuiltinBytes(info) : undefined },
    5000,
  )
}

const iris: ProjectFile = {
  ...testProject(4, [{ units: 8, activation: 'tanh' }, { units: 3, activation: 'softmax' }], 'softmax-cross-entropy', { seed: 2, batchSize: 16, epochs: 5, shuffle: true, optimizer: { name: 'adam', learningRate: 0.01 } }),
  data: { source: 'builtin', name: 'iris', trainFraction: 0.8, standardize: true },
}

describe('data requests', () => {
  it('loads a built-in set with its class names and data kind', async () => {
    const { ok } = harness()
    const loaded = await ok({ type: 'load-project', project: iris })
    expect([loaded.trainRows, loaded.testRows]).toEqual([120, 30])
    expect(loaded.classNames).toEqual(['setosa', 'versicolor', 'virginica'])
    expect(loaded.dataInfo).toEqual({ kind: 'tabular', columns: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'] })
    const digits = await ok({
      type: 'load-project',
      project: { ...iris, network: { ...iris.network, inputs: 64, layers: [{ units: 4, activation: 'relu' }, { units: 10, activation: 'softmax' }] }, data: { source: 'builtin', name: 'digits', trainFraction: 0.5, samples: 300 } },
    })
    expect(digits.dataInfo).toEqual({ kind: 'image', width: 8, height: 8 })
    expect(digits.trainRows + digits.testRows).toBe(300)
    const spiral = await ok({ type: 'load-project', project: testProject(2, [{ units: 1, activation: 'sigmoid' }], 'binary-cross-entropy') })
    expect([spiral.dataInfo, spiral.classNames]).toEqual([{ kind: 'plane' }, ['0', '1']])
  })

  it("reports the engine time of an evaluation from the session's clock (the studio paces its refresh by it)", async () => {
    // A clock that moves 1 ms per reading: the one slice of 30 test rows and the confusion count read it twice each.
    let t = 0
    const events: EngineEvent[] = []
    const session = createEngineSession((e) => events.push(e), { now: () => (t += 1), schedule: (fn) => setImmediate(fn), builtinBytes: (info) => readBuiltinBytes(info) })
    const answered = async (id: number) => {
      for (let i = 0; i < 5000 && !events.some((e) => e.type === 'reply' && e.id === id); i++) await new Promise((resolve) => setImmediate(resolve))
    }
    session.handle({ id: 1, type: 'load-project', project: iris })
    await answered(1)
    session.handle({ id: 2, type: 'evaluate-set', set: 'test' })
    await answered(2)
    expect(events.find((e) => e.type === 'reply' && e.id === 2)).toMatchObject({ ok: true, result: { workMs: 2 } })
    session.dispose()
  })

  it('evaluates a split: per-sample predictions whose confusion matrix and loss agree with the epoch metrics', async () => {
    const { ok, session, events } = harness()
    await ok({ type: 'load-project', project: iris })
    await ok({ type: 'train', action: 'step-epoch' })
    for (let i = 0; i < 1000 && !events.some((e) => e.type === 'stopped'); i++) await new Promise((resolve) => setImmediate(resolve))
    const epochs = events.flatMap((e) => (e.type === 'progress' ? e.epochs : []))
    const test = await ok({ type: 'evaluate-set', set: 'test' })
    expect(test.task).toBe('classes')
    expect(test.classNames).toEqual(['setosa', 'versicolor', 'virginica'])
    expect(test.target.length).toBe(30)
    expect(test.confusion).toEqual(confusionMatrix(test.target, test.predicted, 3))
    expect(test.confusion!.flat().reduce((a, b) => a + b)).toBe(30)
    const correct = test.confusion!.reduce((sum, row, c) => sum + row[c], 0)
    expect(correct / 30).toBe(epochs[0].accuracy)
    expect(test.loss.reduce((a, b) => a + b) / 30).toBeCloseTo(epochs[0].testLoss, 12)
    // The predicted class is the most probable one: at least 1/3 with 3 classes.
    for (const c of test.confidence) expect(c).toBeGreaterThan(1 / 3 - 1e-12)
    const exported = await ok({ type: 'export-project' })
    expect(exported.progress?.epoch).toBe(1)
    const train = await ok({ type: 'evaluate-set', set: 'train' })
    expect(train.loss.length).toBe(120)
    expect(train.loss.every((l) => l > 0 && Number.isFinite(l))).toBe(true)
    session.dispose()
  })

  it('gives the raw inputs of samples, before standardization', async () => {
    const { ok, error } = harness()
    await ok({ type: 'load-project', project: iris })
    const all = (n: number) => Array.from({ length: n }, (_, i) => i)
    const train = (await ok({ type: 'sample-inputs', set: 'train', indices: all(120) })).rows
    const test = (await ok({ type: 'sample-inputs', set: 'test', indices: all(30) })).rows
    // Together the two splits are the published rows, unscaled.
    const published = decodeBuiltin('iris', readBuiltinBytes(builtinInfo('iris')))
    const key = (r: ArrayLike<number>) => Array.from(r).join(',')
    const rows = all(150).map((r) => key(published.X.subarray(r * 4, r * 4 + 4)))
    expect([...train, ...test].map(key).sort()).toEqual(rows.sort())
    expect(await error({ type: 'sample-inputs', set: 'test', indices: [0, 30] })).toBe('indices[1]: sample 30 does not exist (the test split has 30 rows)')
  })

  it('gives the input gradient of a sample and checks it numerically', async () => {
    const { ok, error } = harness()
    await ok({ type: 'load-project', project: iris })
    const g = await ok({ type: 'input-gradient', set: 'test', sample: 4 })
    const [raw] = (await ok({ type: 'sample-inputs', set: 'test', indices: [4] })).rows
    expect(g.space).toBe('raw')
    g.x.forEach((v, c) => expect(v).toBeCloseTo(raw[c], 12))
    expect(g.dX.length).toBe(4)
    expect(g.target).toBeGreaterThanOrEqual(0)
    const check = await ok({ type: 'gradient-check', scope: { kind: 'input', set: 'test', sample: 4, input: 2 } })
    expect(check.maxRelativeError).toBeLessThan(1e-6)
    expect(check.worst.backprop).toBeCloseTo(g.dXNetwork[2], 12)
    expect(await error({ type: 'input-gradient', set: 'test', sample: 30 })).toBe('sample 30 does not exist (the test split has 30 rows)')
  })

  it('a damaged bundled file fails the load naming the file, and the loaded project stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'builtin-session-'))
    for (const name of ['iris', 'wine']) copyFileSync(join(dataDirectory(), builtinInfo(name).file), join(dir, builtinInfo(name).file))
    const damaged = readFileSync(join(dir, 'wine.bsd.gz'))
    damaged[100] ^= 1
    writeFileSync(join(dir, 'wine.bsd.gz'), damaged)
    const events: EngineEvent[] = []
    const session = createEngineSession((e) => events.push(e), { now: () => performance.now(), schedule: (fn) => setImmediate(fn), builtinBytes: (info) => readBuiltinBytes(info, dir) })
    const reply = async (id: number) => {
      for (let i = 0; i < 5000 && !events.some((e) => e.type === 'reply' && e.id === id); i++) await new Promise((r) => setImmediate(r))
      return events.find((e): e is EngineEvent & { type: 'reply' } => e.type === 'reply' && e.id === id)!
    }
    session.handle({ id: 1, type: 'load-project', project: iris })
    expect(await reply(1)).toMatchObject({ ok: true })
    const wine = { ...iris, network: { ...iris.network, inputs: 13 }, data: { source: 'builtin', name: 'wine', trainFraction: 0.8 } }
    session.handle({ id: 2, type: 'load-project', project: wine })
    expect(await reply(2)).toMatchObject({ ok: false, error: expect.stringContaining(`built-in data set 'wine': ${join(dir, 'wine.bsd.gz')} fails its checksum`) })
    session.handle({ id: 3, type: 'evaluate-set', set: 'test' })
    const still = await reply(3)
    expect(still.ok && (still.result as { classNames: string[] }).classNames).toEqual(['setosa', 'versicolor', 'virginica'])
    session.dispose()
  })

  it('refuses an unknown built-in name and a host without the data', async () => {
    const bad = { ...iris, data: { source: 'builtin', name: 'cifar', trainFraction: 0.8 } }
    expect(await harness().error({ type: 'load-project', project: bad as unknown as ProjectFile })).toContain("data.name: must be one of 'mnist', 'digits', 'iris', 'wine', 'breast-cancer', 'diabetes', got 'cifar'")
    expect(await harness(false).error({ type: 'load-project', project: iris })).toBe("data.name: this engine host cannot read the built-in data sets ('iris')")
  })
})

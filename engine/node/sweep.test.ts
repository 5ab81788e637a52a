// `sweep`, `runs` and `train --runs` through the CLI's main, with the real worker thread script.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleForChild, removeChildBundle } from '../../host-neutral/test-support/bundle-for-child'
import { main } from './cli-main'
import { parseRunsLog } from '../runs/runs-log'
import { serializeProject } from '../project/schema'
import { testProject } from '../testing/projects'
import type { Output } from './cli-commands'
import type { ProjectFile } from '../project/types'

function capture(): Output & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) }
  return io
}

const project: ProjectFile = {
  ...testProject(2, [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { epochs: 4, batchSize: 10, shuffle: true }),
  data: { source: 'synthetic', name: 'spiral', samples: 120, noise: 0.1, trainFraction: 0.75 },
}

let dir = ''
let worker = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bps-sweep-'))
  await writeFile(join(dir, 'spiral.json'), serializeProject(project))
  worker = await bundleForChild(join(import.meta.dirname, 'run-worker.ts'))
}, 120_000)
afterAll(() => removeChildBundle(worker))

const cli = async (...argv: string[]) => {
  const io = capture()
  const code = await main(argv, io, { runWorker: worker })
  return { code, ...io }
}
const readLog = async (path: string) => parseRunsLog(await readFile(path, 'utf8'), path)

describe('sweep', () => {
  it('runs the grid on the pool, appends one record per run beside the project, each the numbers train computes', async () => {
    const r = await cli('sweep', join(dir, 'spiral.json'), '--set', 'training.optimizer.learningRate=0.3,0.03', '--set', 'network.layers.0.units=3,8', '--workers', '2')
    expect(r.stderr).toMatch(/sweep: 4 runs on 2 workers/)
    expect(r.code).toBe(0)
    expect(r.stderr.match(/^run \d\/4 finished/gm)).toHaveLength(4)
    const log = await readLog(join(dir, 'spiral.runs.jsonl'))
    expect(log.notices).toEqual([])
    expect(log.records).toHaveLength(4)
    const settings = log.records.map((rec) => rec.settings)
    expect(settings).toContainEqual({ 'training.optimizer.learningRate': 0.03, 'network.layers.0.units': 8 })
    for (const record of log.records) {
      expect(record).toMatchObject({ status: 'finished', epochs: 4, steps: 4 * 9, source: 'sweep' })
      expect(Object.keys(record.final ?? {}).sort()).toEqual(['accuracy', 'testLoss', 'trainLoss'])
    }
    // The same definition through `train --log`: the last epoch's line is the record's final.
    const one = log.records.find((rec) => rec.settings['network.layers.0.units'] === 3 && rec.settings['training.optimizer.learningRate'] === 0.3)!
    await writeFile(join(dir, 'one.json'), JSON.stringify(one.definition))
    expect((await cli('train', join(dir, 'one.json'), '--log', join(dir, 'one.csv'))).code).toBe(0)
    const last = (await readFile(join(dir, 'one.csv'), 'utf8')).trim().split('\n').at(-1)!.split(',')
    expect([Number(last[2]), Number(last[3]), Number(last[4])]).toEqual([one.final!.trainLoss, one.final!.testLoss, one.final!.accuracy])
  })

  it('--resume skips every combination with a finished record and runs the rest, no duplicate', async () => {
    const runs = join(dir, 'resume.jsonl')
    expect((await cli('sweep', join(dir, 'spiral.json'), '--set', 'training.batchSize=5,20', '--runs', runs, '--workers', '1')).code).toBe(0)
    const r = await cli('sweep', join(dir, 'spiral.json'), '--set', 'training.batchSize=5,20,30', '--runs', runs, '--resume', '--json')
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/resuming: 2 of 3 runs already in/)
    expect(JSON.parse(r.stdout).map((rec: { settings: object }) => rec.settings)).toEqual([{ 'training.batchSize': 30 }])
    const log = await readLog(runs)
    expect(log.records.map((rec) => rec.settings['training.batchSize']).sort()).toEqual([20, 30, 5])
  })

  it('repeats put training.seed in the settings and --epochs overrides the project', async () => {
    const runs = join(dir, 'repeats.jsonl')
    expect((await cli('sweep', join(dir, 'spiral.json'), '--set', 'training.batchSize=30', '--repeats', '2', '--epochs', '2', '--runs', runs)).code).toBe(0)
    const log = await readLog(runs)
    expect(log.records.map((rec) => [rec.settings, rec.epochs])).toEqual([
      [{ 'training.batchSize': 30, 'training.seed': 1 }, 2],
      [{ 'training.batchSize': 30, 'training.seed': 2 }, 2],
    ])
    expect(log.records[0].final!.trainLoss).not.toBe(log.records[1].final!.trainLoss)
  })

  it('exits 2 with one clear line for no --set, a bad path, a wrong value, a refused combination', async () => {
    const file = join(dir, 'spiral.json')
    const cases: [string[], RegExp][] = [
      [[], /^backprop-studio: sweep needs at least one --set/],
      [['--set', 'training.rate=1'], /^backprop-studio: bad path 'training.rate': the project file has no such field\n$/],
      [['--set', 'training.batchSize=ten'], /^backprop-studio: training.batchSize="ten": must be a number, got 'ten'\n$/],
      [['--set', 'network.layers.1.activation=softmax'], /^backprop-studio: the combination network.layers.1.activation=softmax is refused: /],
    ]
    for (const [args, message] of cases) {
      const r = await cli('sweep', file, ...args, '--runs', join(dir, 'never.jsonl'))
      expect([r.code, r.stderr.split('\n').length]).toEqual([2, 2])
      expect(r.stderr).toMatch(message)
    }
    await expect(readFile(join(dir, 'never.jsonl'))).rejects.toThrow(/ENOENT/)
  })

  it('refuses a runs log that is not ours or is newer, and leaves it as it was', async () => {
    const foreign = join(dir, 'foreign.jsonl')
    await writeFile(foreign, '{"some": "other tool"}\n')
    const r = await cli('sweep', join(dir, 'spiral.json'), '--set', 'training.batchSize=30', '--runs', foreign)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/foreign.jsonl is not a Backprop Studio runs log .*; nothing was written to it\n$/)
    expect(await readFile(foreign, 'utf8')).toBe('{"some": "other tool"}\n')
    const newer = join(dir, 'newer.jsonl')
    const text = '{"format":"backprop-studio/runs","version":9,"id":"x"}\n'
    await writeFile(newer, text)
    const t = await cli('train', join(dir, 'spiral.json'), '--runs', newer)
    expect(t.code).toBe(2)
    expect(t.stderr).toMatch(/written by a newer Backprop Studio/)
    expect(await readFile(newer, 'utf8')).toBe(text)
  })
})

describe('sweeps on a built-in data set', () => {
  it('the worker reads the set itself and computes what train computes', async () => {
    const iris: ProjectFile = {
      ...testProject(4, [{ units: 5, activation: 'tanh' }, { units: 3, activation: 'softmax' }], 'softmax-cross-entropy', { epochs: 3, batchSize: 16 }),
      data: { source: 'builtin', name: 'iris', trainFraction: 0.8, standardize: true },
    }
    await writeFile(join(dir, 'iris.json'), serializeProject(iris))
    const r = await cli('sweep', join(dir, 'iris.json'), '--set', 'training.batchSize=16,32', '--runs', join(dir, 'iris.jsonl'))
    expect(r.code).toBe(0)
    const log = await readLog(join(dir, 'iris.jsonl'))
    expect(log.records.map((rec) => rec.status)).toEqual(['finished', 'finished'])
    await writeFile(join(dir, 'iris-16.json'), JSON.stringify(log.records.find((rec) => rec.settings['training.batchSize'] === 16)!.definition))
    expect((await cli('train', join(dir, 'iris-16.json'), '--log', join(dir, 'iris.csv'))).code).toBe(0)
    const last = (await readFile(join(dir, 'iris.csv'), 'utf8')).trim().split('\n').at(-1)!.split(',')
    expect(Number(last[3])).toBe(log.records.find((rec) => rec.settings['training.batchSize'] === 16)!.final!.testLoss)
  })
})

describe('runs and train --runs', () => {
  it('train appends its run; runs prints it sorted by a metric, as a table or JSON', async () => {
    const runs = join(dir, 'mixed.jsonl')
    expect((await cli('train', join(dir, 'spiral.json'), '--runs', runs)).code).toBe(0)
    expect((await cli('sweep', join(dir, 'spiral.json'), '--set', 'training.optimizer.learningRate=1,0.001', '--runs', runs)).code).toBe(0)
    const json = await cli('runs', runs, '--sort', 'accuracy', '--json')
    const records = JSON.parse(json.stdout) as { source: string; final: { accuracy: number } }[]
    expect(records.map((rec) => rec.source).sort()).toEqual(['cli', 'sweep', 'sweep'])
    const accuracies = records.map((rec) => rec.final.accuracy)
    expect(accuracies).toEqual([...accuracies].sort((a, b) => b - a))
    const table = await cli('runs', runs, '--sort', 'testLoss')
    const lines = table.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^id +status +training\.optimizer\.learningRate +epochs +steps +train loss +test loss +accuracy +r2 +seconds$/)
    expect(lines).toHaveLength(4)
    const bad = await cli('runs', runs, '--sort', 'speed')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--sort must be one of trainLoss, testLoss, accuracy/)
  })
})

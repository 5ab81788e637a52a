import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from './cli-main'
import { parseProjectText, serializeProject } from '../project/schema'
import { testProject } from '../testing/projects'
import { Random } from '../math/random'
import type { Output } from './cli-commands'
import type { ProjectFile } from '../project/types'

function capture(): Output & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) }
  return io
}

let dir = ''
const project: ProjectFile = {
  ...testProject(2, [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { epochs: 5, batchSize: 4 }),
  data: { source: 'csv', path: 'xor.csv', inputs: ['a', 'b'], targets: ['y'], trainFraction: 1 },
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bps-cli-'))
  await writeFile(join(dir, 'xor.csv'), 'a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n')
  await writeFile(join(dir, 'xor.json'), serializeProject(project))
  await writeFile(join(dir, 'bad.json'), '{"format": "backprop-studio/project", "version": 7}')
})

describe('cli', () => {
  it('grad prints the full-set gradient in the weights layout', async () => {
    const io = capture()
    expect(await main(['grad', join(dir, 'xor.json'), '--json'], io)).toBe(0)
    const out = JSON.parse(io.stdout)
    expect(out.layers.map((l: { dW: number[][] }) => [l.dW.length, l.dW[0].length])).toEqual([[2, 4], [4, 1]])
    expect(out.loss).toBeGreaterThan(0)
  })

  it('check passes on a correct network and names the worst weight', async () => {
    const io = capture()
    expect(await main(['check', join(dir, 'xor.json')], io)).toBe(0)
    expect(io.stdout).toMatch(/gradient check passed: checked 17 of 17 parameters; max relative error .* at layer \d/)
  })

  it('train writes the trained project and the metrics log', async () => {
    const io = capture()
    const out = join(dir, 'trained.json')
    const log = join(dir, 'metrics.csv')
    expect(await main(['train', join(dir, 'xor.json'), '--epochs', '3', '--out', out, '--log', log], io)).toBe(0)
    const trained = parseProjectText(await readFile(out, 'utf8'))
    expect(trained.ok && trained.project.progress).toMatchObject({ epoch: 3, step: 3 })
    expect(trained.ok && trained.project.weights?.length).toBe(2)
    const lines = (await readFile(log, 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe('epoch,step,train_loss,test_loss,accuracy,r2,evaluated_on')
    expect(io.stderr).toContain('epoch 3/3')
  })

  it.each(['float64', 'float32'] as const)('%s: train --threads 2 writes the same trained file, byte for byte, as --threads 1', async (precision) => {
    // Wide enough that the products are split over the threads (see PARALLEL_WORK).
    const columns = Array.from({ length: 40 }, (_, c) => `x${c}`)
    const random = new Random(5)
    const rows = Array.from({ length: 300 }, () => [...columns.map(() => random.uniform(-1, 1).toFixed(6)), random.next() < 0.5 ? 0 : 1].join(','))
    await writeFile(join(dir, 'wide.csv'), [[...columns, 'y'].join(','), ...rows].join('\n') + '\n')
    const wide: ProjectFile = {
      ...testProject(40, [{ units: 256, activation: 'relu' }, { units: 256, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { epochs: 2, batchSize: 128, shuffle: true, precision }),
      data: { source: 'csv', path: 'wide.csv', inputs: columns, targets: ['y'], trainFraction: 0.8 },
    }
    await writeFile(join(dir, 'wide.json'), serializeProject(wide))
    const trained = async (threads: string) => {
      const out = join(dir, `wide-${precision}-${threads}.json`)
      expect(await main(['train', join(dir, 'wide.json'), '--threads', threads, '--out', out], capture())).toBe(0)
      return readFile(out)
    }
    const [one, two] = [await trained('1'), await trained('2')]
    expect(two.equals(one)).toBe(true)
    expect(parseProjectText(one.toString('utf8')).ok).toBe(true)
  })

  it('train warns when --threads is above the cores, and refuses a bad count', async () => {
    const io = capture()
    expect(await main(['train', join(dir, 'xor.json'), '--threads', String(availableParallelism() + 1)], io)).toBe(0)
    expect(io.stderr).toMatch(/threads on \d+ cores: allowed/)
    const bad = capture()
    expect(await main(['train', join(dir, 'xor.json'), '--threads', '0'], bad)).toBe(2)
    expect(bad.stderr).toMatch(/--threads must be at least 1/)
  })

  it('reports errors on one line with exit code 2', async () => {
    for (const argv of [['grad', join(dir, 'bad.json'), '--json'], ['train', join(dir, 'missing.json')], ['fly'], ['train', join(dir, 'xor.json'), '--epochs', 'x']]) {
      const io = capture()
      expect(await main(argv, io)).toBe(2)
      expect(io.stderr.trim().split('\n')).toHaveLength(1)
      expect(io.stderr).toMatch(/^backprop-studio: /)
    }
    const io = capture()
    await main(['grad', join(dir, 'bad.json'), '--json'], io)
    expect(io.stderr).toContain('version')
  })
})

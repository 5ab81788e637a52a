// Bad input to `backprop-studio export` and to the exported script: one clear line, nothing half-written.
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../node/cli-main'
import { serializeProject } from '../project/schema'
import { testProject } from '../testing/projects'
import { quietIo } from '../testing/metrics-csv.node'
import { PYTHON, pythonMissing, runScripts } from '../testing/python.node'
import { pytorchExport } from './pytorch-script'
import { rawSplit } from './split-rows'
import { startingWeights } from './exportable'
import type { CsvDataSpec, ProjectFile } from '../project/types'

const csvData: CsvDataSpec = { source: 'csv', path: 'xor.csv', inputs: ['a', 'b'], targets: ['y'], trainFraction: 1 }
const base: ProjectFile = {
  ...testProject(2, [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { epochs: 2 }),
  data: csvData,
}
let dir = ''

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bps-export-'))
  await writeFile(join(dir, 'xor.csv'), 'a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n')
  await writeFile(join(dir, 'xor.json'), serializeProject(base))
  await writeFile(join(dir, 'fast.json'), serializeProject({ ...base, training: { ...base.training, precision: 'float32' } }))
  await writeFile(join(dir, 'moved.json'), serializeProject({ ...base, data: { ...csvData, path: 'gone/xor.csv' } }))
})
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined))

async function exportTo(project: string, out: string, ...flags: string[]) {
  const io = quietIo()
  const code = await main(['export', join(dir, project), '--format', 'pytorch', '--out', join(dir, out), ...flags], io)
  return { code, ...io }
}

describe('backprop-studio export', () => {
  it('writes the script and its data file, and says an untrained project starts from its seeded weights', async () => {
    const { code, stderr } = await exportTo('xor.json', 'fresh.py')
    expect(code).toBe(0)
    expect(stderr).toContain('no trained weights yet: the script starts from its seeded initial weights')
    expect(await readFile(join(dir, 'fresh.data.csv'), 'utf8')).toBe('split,a,b,y\ntrain,0,0,0\ntrain,0,1,1\ntrain,1,0,1\ntrain,1,1,0\n')
    expect(await readFile(join(dir, 'fresh.py'), 'utf8')).toContain('DATA_FILE = "fresh.data.csv"')
  })

  it('says which precision a float32 project exports in', async () => {
    const { code, stderr } = await exportTo('fast.json', 'fast.py')
    expect(code).toBe(0)
    expect(stderr).toContain('the project trains in float32: so does the script (--dtype float32)')
    expect(await readFile(join(dir, 'fast.py'), 'utf8')).toContain('PRECISION = "float32"')
  })

  it('refuses to replace a file unless --force, and leaves it as it was', async () => {
    await writeFile(join(dir, 'mine.py'), 'print("mine")\n')
    const refused = await exportTo('xor.json', 'mine.py')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(`backprop-studio: ${join(dir, 'mine.py')} exists: pass --force to replace it\n`)
    expect(await readFile(join(dir, 'mine.py'), 'utf8')).toBe('print("mine")\n')
    expect((await exportTo('xor.json', 'mine.py', '--force')).code).toBe(0)
    expect(await readFile(join(dir, 'mine.py'), 'utf8')).toContain('import torch')
  })

  it('names the CSV file it cannot find, and writes nothing', async () => {
    const { code, stderr } = await exportTo('moved.json', 'moved.py')
    expect(code).toBe(2)
    expect(stderr).toMatch(/^backprop-studio: .*moved\.json: data\.path: cannot read .*gone\/xor\.csv: ENOENT\n$/)
    expect((await readdir(dir)).filter((f) => f.startsWith('moved.') && f !== 'moved.json')).toEqual([])
  })

  it('refuses a non-finite weight, naming it', async () => {
    const weights = startingWeights(base)
    weights[1].W[2][0] = Number.NaN
    const raw = rawSplit(base.data, 1, { csvText: 'a,b,y\n0,0,0\n' })
    expect(() => pytorchExport({ ...base, weights }, raw, { dataFileName: 'x.csv', trained: true })).toThrow(
      'weights[1].W[2][0] is NaN: a non-finite weight cannot be exported',
    )
  })

  it('rejects an unknown format and a missing --out in one line', async () => {
    const io = quietIo()
    expect(await main(['export', join(dir, 'xor.json'), '--format', 'keras', '--out', 'x'], io)).toBe(2)
    expect(io.stderr).toBe("backprop-studio: --format must be pytorch or onnx, got 'keras'\n")
    const io2 = quietIo()
    expect(await main(['export', join(dir, 'xor.json'), '--format', 'pytorch'], io2)).toBe(2)
    expect(io2.stderr).toBe('backprop-studio: export needs --out <file>\n')
  })
})

describe('the exported script on bad input', () => {
  const missing = pythonMissing(['torch'])

  it('fails with one line, not a traceback: bad flag, broken data file, missing data file', async (ctx) => {
    ctx.skip(missing !== null, missing ?? '')
    for (const name of ['flag', 'broken', 'gone']) expect((await exportTo('xor.json', `${name}.py`)).code).toBe(0)
    await writeFile(join(dir, 'broken.data.csv'), 'split,a,b,y\ntrain,0,zero,0\n')
    await rm(join(dir, 'gone.data.csv'))
    const [negative, broken, gone] = runScripts(['flag', 'broken', 'gone'].map((name, i) => ({ script: join(dir, `${name}.py`), args: i === 0 ? ['--epochs', '-1'] : [] })))
    expect([negative.code, broken.code, gone.code]).toEqual([2, 2, 2])
    expect(negative.stderr).toBe('flag.py: --epochs must be a whole number ≥ 0, got -1\n')
    expect(broken.stderr).toBe(`broken.py: ${join(dir, 'broken.data.csv')}, line 2: every input and target must be a number\n`)
    expect(gone.stderr).toBe(`gone.py: ${join(dir, 'gone.data.csv')}: data file not found (the export writes it beside the script)\n`)
  }, 60_000)

  it("writes numbers in the metrics CSV exactly as the studio's CSV does (JavaScript's String)", async (ctx) => {
    ctx.skip(missing !== null, missing ?? '')
    expect((await exportTo('xor.json', 'numbers.py')).code).toBe(0)
    const values = [1e-7, 1.5e-7, 0.000001, 0.0000012, 123456789012345680000, 1e21, 1.2345e22, 0.1, -0.5, 2.5, 100, 1e-300, 5e-324, Number.MAX_VALUE, 0.1 + 0.2, 12345.678]
    const code = `import runpy, sys\nsys.argv = ['x']\nf = runpy.run_path(${JSON.stringify(join(dir, 'numbers.py'))}, run_name='module')['js_number']\nprint('\\n'.join(f(float(v)) for v in sys.stdin.read().split()))`
    const run = spawnSync(PYTHON, ['-c', code], { input: values.map((v) => v.toPrecision(17)).join(' '), encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.stdout.trim().split('\n')).toEqual(values.map(String))
  }, 30_000)
})


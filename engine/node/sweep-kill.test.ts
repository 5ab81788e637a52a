// kill -9 of the CLI mid-sweep (a real child process): every run that ended before is in the log
// and readable, and `--resume` runs the rest, with no combination run twice.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleForChild, removeChildBundle } from '../../host-neutral/test-support/bundle-for-child'
import { parseRunsLog } from '../runs/runs-log'
import { canonicalJson } from '../runs/grid'
import { serializeProject } from '../project/schema'
import { testProject } from '../testing/projects'
import type { ProjectFile } from '../project/types'

const project: ProjectFile = {
  ...testProject(2, [{ units: 16, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], 'binary-cross-entropy', { epochs: 80, batchSize: 4, shuffle: true }),
  data: { source: 'synthetic', name: 'spiral', samples: 600, noise: 0.1, trainFraction: 0.8 },
}
const RATES = ['0.1', '0.05', '0.02', '0.01', '0.005', '0.002']

let dir = ''
let cli = ''
let worker = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bps-sweep-kill-'))
  await writeFile(join(dir, 'spiral.json'), serializeProject(project))
  ;[cli, worker] = await Promise.all([bundleForChild(join(import.meta.dirname, 'test-workers', 'cli-entry.ts')), bundleForChild(join(import.meta.dirname, 'run-worker.ts'))])
}, 120_000)
afterAll(async () => {
  await removeChildBundle(cli)
  await removeChildBundle(worker)
})

const logPath = () => join(dir, 'spiral.runs.jsonl')
const readLog = async () => parseRunsLog(await readFile(logPath(), 'utf8').catch(() => ''), logPath())

function startSweep(extra: string[] = []) {
  const child = spawn(process.execPath, [cli, 'sweep', join(dir, 'spiral.json'), '--set', `training.optimizer.learningRate=${RATES.join(',')}`, '--workers', '1', ...extra], {
    env: { ...process.env, BPS_RUN_WORKER: worker },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  return { child, exited, stderr: () => stderr }
}

describe('a sweep killed with SIGKILL', () => {
  it('keeps every finished run readable, and --resume finishes the rest with no duplicate', async () => {
    const first = startSweep()
    const deadline = Date.now() + 60_000
    while ((await readLog()).records.filter((r) => r.status === 'finished').length < 2) {
      if (Date.now() > deadline) throw new Error(`no two runs ended in time: ${first.stderr()}`)
      await new Promise((wake) => setTimeout(wake, 20))
    }
    first.child.kill('SIGKILL')
    expect(await first.exited).toBeNull()
    const killed = await readLog()
    const finishedBefore = killed.records.filter((r) => r.status === 'finished')
    expect(finishedBefore.length).toBeGreaterThanOrEqual(2)
    expect(finishedBefore.length).toBeLessThan(RATES.length)
    for (const record of finishedBefore) expect(record.final?.trainLoss).toEqual(expect.any(Number))

    const second = startSweep(['--resume'])
    expect(await second.exited).toBe(0)
    expect(second.stderr()).toContain(`resuming: ${finishedBefore.length} of ${RATES.length} runs already in`)
    const after = await readLog()
    const finished = after.records.filter((r) => r.status === 'finished')
    expect(finished.map((r) => r.settings['training.optimizer.learningRate']).sort()).toEqual(RATES.map(Number).sort())
    expect(new Set(finished.map((r) => canonicalJson(r.definition))).size).toBe(RATES.length)
    // The runs finished before the kill are untouched (same ids, same numbers).
    for (const record of finishedBefore) expect(finished.find((r) => r.id === record.id)?.final).toEqual(record.final)
  }, 120_000)
})

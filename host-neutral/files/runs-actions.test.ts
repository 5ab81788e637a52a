import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { AutosaveStore } from './autosave-store'
import { confinedPathPolicy } from './confined-policy'
import { createFileActions } from './file-actions'
import { RecentFiles } from './recent-files'
import { parseRunsLog } from '../../engine/runs/runs-log'
import { sampleRecord } from '../../engine/testing/run-records'

let root: string
let actions: ReturnType<typeof createFileActions>
beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), 'studio-runs-'))
  root = join(base, 'root')
  await mkdir(join(root, 'nets'), { recursive: true })
  await mkdir(join(base, 'data-dir'))
  actions = createFileActions(confinedPathPolicy(root), new RecentFiles(join(base, 'data-dir')), new AutosaveStore(join(base, 'data-dir')))
})

const line = (id: string, extra = {}) => JSON.stringify({ ...sampleRecord(id), ...extra })

describe('runs logs through the host', () => {
  it('appends to the log beside the project, named after it, and reads it back', async () => {
    expect(await actions.readRuns({ projectPath: 'nets/spiral.json' })).toEqual({ ok: true, value: { path: 'nets/spiral.runs.jsonl', text: '' } })
    expect(await actions.appendRuns({ projectPath: 'nets/spiral.json', lines: [line('a'), line('b')] })).toEqual({ ok: true, value: { path: 'nets/spiral.runs.jsonl' } })
    await actions.appendRuns({ projectPath: 'nets/spiral.json', lines: [JSON.stringify({ format: 'backprop-studio/runs', version: 1, id: 'a', starred: true })] })
    const read = await actions.readRuns({ projectPath: 'nets/spiral.json' })
    if (!read.ok) throw new Error('read failed')
    expect(parseRunsLog(read.value.text).records.map((r) => [r.id, r.starred ?? false])).toEqual([
      ['a', true],
      ['b', false],
    ])
    expect(await readFile(join(root, 'nets', 'spiral.runs.jsonl'), 'utf8')).toBe(read.value.text)
  })

  it('refuses a line that is not a run record, a path out of the root, and a log that is not ours, writing nothing', async () => {
    const bad = await actions.appendRuns({ projectPath: 'nets/spiral.json', lines: [line('a'), '{"format":"backprop-studio/runs","version":1,"id":"x","steps":-4}'] })
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^run line 2 is not a run record/) })
    await expect(readFile(join(root, 'nets', 'spiral.runs.jsonl'))).rejects.toThrow(/ENOENT/)
    expect(await actions.appendRuns({ projectPath: '../out.json', lines: [line('a')] })).toMatchObject({ ok: false })
    await writeFile(join(root, 'nets', 'other.runs.jsonl'), 'name,score\nx,1\n')
    const foreign = await actions.appendRuns({ projectPath: 'nets/other.json', lines: [line('a')] })
    expect(foreign).toMatchObject({ ok: false, error: expect.stringContaining('is not a Backprop Studio runs log') })
    expect(await readFile(join(root, 'nets', 'other.runs.jsonl'), 'utf8')).toBe('name,score\nx,1\n')
  })

  it('keeps an untitled project’s runs in the data folder and moves them to the project on save', async () => {
    await actions.appendRuns({ projectPath: null, lines: [line('u1'), line('u2')] })
    const untitled = await actions.readRuns({ projectPath: null })
    expect(untitled.ok && parseRunsLog(untitled.value.text).records.length).toBe(2)
    expect(await actions.moveRuns({ to: 'nets/saved.json' })).toEqual({ ok: true, value: { path: 'nets/saved.runs.jsonl' } })
    expect(parseRunsLog(await readFile(join(root, 'nets', 'saved.runs.jsonl'), 'utf8')).records.map((r) => r.id)).toEqual(['u1', 'u2'])
    expect(await actions.readRuns({ projectPath: null })).toMatchObject({ ok: true, value: { text: '' } })
    await actions.appendRuns({ projectPath: null, lines: [line('u3')] })
    expect(await actions.moveRuns({ to: null })).toMatchObject({ ok: true })
    expect(await actions.readRuns({ projectPath: null })).toMatchObject({ ok: true, value: { text: '' } })
  })
})

import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { RunsAppender, readRunsFile, runsLogPathFor } from './runs-file'
import { RunsLogError, runLineText } from '../runs/runs-log'
import { sampleRecord } from '../testing/run-records'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bps-runs-file-'))
})

describe('the runs log on disk', () => {
  it('is named after the project file', () => {
    expect(runsLogPathFor('/a/spiral.json')).toBe('/a/spiral.runs.jsonl')
    expect(runsLogPathFor('/a/net')).toBe('/a/net.runs.jsonl')
  })

  it('appends one line per record, in order, to a new or an existing log', async () => {
    const path = join(dir, 'append.runs.jsonl')
    const { appender, log } = await RunsAppender.open(path)
    expect(log.records).toEqual([])
    await Promise.all([appender.append(sampleRecord('a')), appender.append(sampleRecord('b')), appender.append({ format: 'backprop-studio/runs', version: 1, id: 'a', starred: true })])
    const again = await RunsAppender.open(path)
    await again.appender.append(sampleRecord('c'))
    const text = await readFile(path, 'utf8')
    expect(text.split('\n')).toHaveLength(5)
    const read = await readRunsFile(path)
    expect(read.records.map((r) => [r.id, r.starred ?? false])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ])
  })

  it('after a torn last line, the next record starts on its own line; the torn one is skipped', async () => {
    const path = join(dir, 'torn.runs.jsonl')
    await writeFile(path, runLineText(sampleRecord('a')) + '\n' + runLineText(sampleRecord('b')).slice(0, 50))
    const { appender, log } = await RunsAppender.open(path)
    expect(log.notices).toEqual(['line 2: not valid JSON (torn or corrupt), skipped'])
    await appender.append(sampleRecord('c'))
    const read = await readRunsFile(path)
    expect(read.records.map((r) => r.id)).toEqual(['a', 'c'])
    expect(read.notices).toEqual(['line 2: not valid JSON (torn or corrupt), skipped'])
  })

  it('refuses to open a file that is not a runs log', async () => {
    const path = join(dir, 'project.json')
    await writeFile(path, '{"format": "backprop-studio/project", "version": 1}\n')
    await expect(RunsAppender.open(path)).rejects.toBeInstanceOf(RunsLogError)
  })
})

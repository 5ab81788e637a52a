import { describe, expect, it } from 'vitest'
import { parseRunsLog, RunsLogError, runLineText } from './runs-log'
import { RUNS_FORMAT, RUNS_VERSION } from './record'
import { sampleRecord } from '../testing/run-records'

const lines = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n'

describe('the runs log reader', () => {
  it('reads every record in the order the ids first appear', () => {
    const log = parseRunsLog(lines(sampleRecord('a'), sampleRecord('b', { status: 'diverged' })))
    expect(log.records.map((r) => [r.id, r.status])).toEqual([
      ['a', 'finished'],
      ['b', 'diverged'],
    ])
    expect(log.notices).toEqual([])
  })

  it('skips a torn last line (a crash mid-append) with a notice naming its line; the others are kept', () => {
    const whole = lines(sampleRecord('a'), sampleRecord('b'))
    const torn = runLineText(sampleRecord('c')).slice(0, 40)
    const log = parseRunsLog(whole + torn)
    expect(log.records.map((r) => r.id)).toEqual(['a', 'b'])
    expect(log.notices).toEqual(['line 3: not valid JSON (torn or corrupt), skipped'])
  })

  it('skips a corrupt line in the middle and a record of the wrong shape, naming each', () => {
    const text = [JSON.stringify(sampleRecord('a')), '{"format": "backprop-studio/runs", "vers', JSON.stringify({ ...sampleRecord('x'), steps: -1 }), JSON.stringify(sampleRecord('b'))].join('\n')
    const log = parseRunsLog(text)
    expect(log.records.map((r) => r.id)).toEqual(['a', 'b'])
    expect(log.notices[0]).toBe('line 2: not valid JSON (torn or corrupt), skipped')
    expect(log.notices[1]).toMatch(/^line 3: steps: .*skipped$/)
  })

  it('lets a later line with the same id update the record, field by field', () => {
    const start = sampleRecord('a', { status: 'running', final: null, endedAt: null })
    const progress = { format: RUNS_FORMAT, version: RUNS_VERSION, id: 'a', epochs: 7, final: { trainLoss: 0.1, testLoss: 0.12 } }
    const renamed = { format: RUNS_FORMAT, version: RUNS_VERSION, id: 'a', status: 'finished', name: 'wide net', starred: true }
    const log = parseRunsLog(lines(start, sampleRecord('b'), progress, renamed))
    expect(log.records.map((r) => r.id)).toEqual(['a', 'b'])
    expect(log.records[0]).toMatchObject({ status: 'finished', epochs: 7, name: 'wide net', starred: true, final: { trainLoss: 0.1 }, steps: 30 })
  })

  it('drops an update whose id never had a whole record, with a notice', () => {
    const log = parseRunsLog(lines({ format: RUNS_FORMAT, version: RUNS_VERSION, id: 'ghost', status: 'crashed' }, sampleRecord('a')))
    expect(log.records.map((r) => r.id)).toEqual(['a'])
    expect(log.notices[0]).toMatch(/^run ghost: its lines never gave a whole record/)
  })

  it('refuses a file that is not a runs log, and one from a newer version, naming the file', () => {
    expect(() => parseRunsLog('{"format": "backprop-studio/project", "version": 1}\n', 'spiral.runs.jsonl')).toThrow(
      new RunsLogError('spiral.runs.jsonl is not a Backprop Studio runs log (no line has "format": "backprop-studio/runs")'),
    )
    expect(() => parseRunsLog('a,b,c\n1,2,3\n', 'x.jsonl')).toThrow(/x.jsonl is not a Backprop Studio runs log/)
    expect(() => parseRunsLog('[1, 2]\n"text"\n', 'x.jsonl')).toThrow(/not a Backprop Studio runs log/)
    const newer = lines(sampleRecord('a'), { ...sampleRecord('b'), version: 2 })
    expect(() => parseRunsLog(newer, 'x.jsonl')).toThrow('x.jsonl, line 2: written by a newer Backprop Studio (runs log version 2; this one reads 1): update to read it')
  })

  it('keeps a log whose only line is a torn record of ours (the first append cut short)', () => {
    const log = parseRunsLog(runLineText(sampleRecord('a')).slice(0, 60))
    expect(log.records).toEqual([])
    expect(log.notices).toEqual(['line 1: not valid JSON (torn or corrupt), skipped'])
  })

  it('reads an empty log as no runs', () => {
    expect(parseRunsLog('')).toEqual({ records: [], notices: [] })
    expect(parseRunsLog('\n\n')).toEqual({ records: [], notices: [] })
  })
})

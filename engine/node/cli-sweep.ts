// The CLI's `sweep` (a grid of runs on a worker pool, each appended to the runs log as it ends)
// and `runs` (the log as a table or JSON).
import { resolve } from 'node:path'
import { canonicalJson, describeCombination, expandGrid, GridError, parseSetArgument, type GridPoint } from '../runs/grid'
import { ENDED_STATUSES, RUNS_FORMAT, RUNS_VERSION, type RunRecord } from '../runs/record'
import { RunsLogError } from '../runs/runs-log'
import { openRunsLog } from './cli-runs-log'
import { newRunId } from '../runs/make-record'
import { CliError, readProjectFile } from './project-file'
import { readRunsFile, runsLogPathFor, type RunsAppender } from './runs-file'
import { SweepRunner } from './sweep-runner'
import { defaultWorkerCount } from './worker-pool'
import { warmPool } from './warm-pools'
import { formatRunsTable, sortRuns } from './runs-table'
import type { Output } from './cli-commands'

export interface SweepOptions {
  sets: string[]
  repeats?: number
  epochs?: number
  workers?: number
  runs?: string
  resume: boolean
  json: boolean
  /** The worker thread's script (the built run-worker.js beside the CLI, or a test bundle). */
  workerScript: string | URL
}

function planGrid(project: Parameters<typeof expandGrid>[0], options: SweepOptions): GridPoint[] {
  try {
    return expandGrid(project, options.sets.map(parseSetArgument), { repeats: options.repeats, epochs: options.epochs })
  } catch (error) {
    if (error instanceof GridError) throw new CliError(error.message)
    throw error
  }
}

/** Keys of the definitions with an ended run in the log. */
const endedKeys = (records: RunRecord[]) => new Set(records.filter((r) => ENDED_STATUSES.includes(r.status) && !r.deleted).map((r) => canonicalJson(r.definition)))

export async function sweep(path: string, options: SweepOptions, io: Output): Promise<number> {
  const { project, csvText } = await readProjectFile(path)
  const points = planGrid(project, options)
  // The workers start now, while this thread reads the runs log; a resumed sweep may need fewer.
  const pool = warmPool(options.workerScript, Math.max(1, Math.min(options.workers ?? defaultWorkerCount(), points.length)))
  const logPath = options.runs !== undefined ? resolve(options.runs) : runsLogPathFor(path)
  const { appender, log } = await openRunsLog(logPath)
  for (const notice of log.notices) io.err(`${logPath}: ${notice}\n`)
  const done = options.resume ? endedKeys(log.records) : new Set<string>()
  const todo = points.map((point, index) => ({ point, index })).filter(({ point }) => !done.has(point.key))
  if (options.resume) {
    io.err(`resuming: ${points.length - todo.length} of ${points.length} runs already in ${logPath}\n`)
    await markLostRuns(log.records, new Set(todo.map((t) => t.point.key)), appender)
  }
  const workers = Math.min(options.workers ?? defaultWorkerCount(), Math.max(1, todo.length))
  io.err(`sweep: ${todo.length} runs on ${workers} worker${workers === 1 ? '' : 's'}, log ${logPath}\n`)
  // The pool stays (warm) for a later sweep in this process; idle, it does not keep the process alive.
  const runner = new SweepRunner(pool, appender, workers)
  let ended = 0
  const records = await runner.run(
    { points: todo.map((t) => t.point), indexes: todo.map((t) => t.index), csvText, sweepId: newRunId() },
    {
      onEnd: (record, index) => {
        ended++
        io.err(`run ${index + 1}/${points.length} ${record.status} (${ended}/${todo.length} done): ${describeCombination(record.settings)} ${finalText(record)} in ${record.wallSeconds.toFixed(1)} s\n`)
      },
    },
  )
  if (options.json) io.out(JSON.stringify(records.map(({ curves: _curves, ...rest }) => rest)) + '\n')
  const crashed = records.filter((r) => r.status === 'crashed')
  if (crashed.length > 0) {
    io.err(`backprop-studio: ${crashed.length} run${crashed.length === 1 ? '' : 's'} crashed: ${crashed.map((r) => r.note).join('; ')}\n`)
    return 1
  }
  return 0
}

/** Runs left 'running' by a process that died: marked crashed, as `--resume` runs them again. */
async function markLostRuns(records: RunRecord[], again: Set<string>, appender: RunsAppender): Promise<void> {
  for (const r of records) {
    if (r.status === 'running' && again.has(canonicalJson(r.definition))) {
      await appender.append({ format: RUNS_FORMAT, version: RUNS_VERSION, id: r.id, status: 'crashed', note: 'the process running it ended before the run did' })
    }
  }
}

export function finalText(record: RunRecord): string {
  const f = record.final
  if (!f) return 'no epoch completed'
  const num = (v: number | null | undefined, digits = 5) => (v == null ? '–' : v.toFixed(digits))
  const score = f.accuracy !== undefined ? ` accuracy ${num(f.accuracy, 4)}` : f.r2 !== undefined ? ` r2 ${num(f.r2, 4)}` : ''
  return `train loss ${num(f.trainLoss)} test loss ${num(f.testLoss)}${score}`
}

export async function runs(path: string, options: { sort?: string; json: boolean }, io: Output): Promise<number> {
  let log
  try {
    log = await readRunsFile(path)
  } catch (error) {
    if (error instanceof RunsLogError) throw new CliError(error.message)
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  for (const notice of log.notices) io.err(`${path}: ${notice}\n`)
  const sorted = sortRuns(log.records.filter((r) => !r.deleted), options.sort ?? 'testLoss')
  io.out(options.json ? JSON.stringify(sorted) + '\n' : formatRunsTable(sorted))
  return 0
}

// The CLI's argument handling: `main(argv, io)` returns the exit code; errors are one line, code 2.
import { parseArgs } from 'node:util'
import { check, grad, train, type Output } from './cli-commands'
import { runs, sweep } from './cli-sweep'
import { CliError } from './project-file'
import { exportCommand } from './cli-export'
import { datasets } from './cli-datasets'
import { MAX_THREADS } from '../session/thread-setting'
import type { ThreadsSetting } from '../math/kernel-team'

const USAGE = `usage: backprop-studio <command>

commands:
  train <project.json> [--epochs N] [--out trained.json] [--log metrics.csv] [--runs <file.jsonl>]
        [--threads N|auto]   (threads for wide products; the numbers do not change)
  sweep <project.json> --set <path>=<v1>,<v2>,… [--set …] [--repeats N]
        [--epochs N] [--workers N] [--runs <file.jsonl>] [--resume] [--json]
  runs <file.jsonl> [--sort <metric>] [--json]
  grad <project.json> --json
  check <project.json>
  export <project.json> --format pytorch|onnx --out <file> [--force]
  bench [--json] [--quick] [--sweep]   (--sweep: only the sweep bench)
        [--workloads W2,W3] [--contestants pytorch,ours-wasm-relaxed-simd-f32] [--precision float32]
  datasets [--json]
`

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${flag} must be a whole number ≥ 0, got '${value}'`)
  return n
}

/** --threads: 'auto' or a whole number ≥ 1. */
function threadsOption(value: string | undefined): ThreadsSetting | undefined {
  if (value === undefined || value === 'auto') return value
  const n = atLeastOne(value, '--threads')!
  if (n > MAX_THREADS) throw new CliError(`--threads must be at most ${MAX_THREADS}, got '${value}'`)
  return n
}

export interface CliEnvironment {
  /** The sweep's worker thread script: the built run-worker.js beside the CLI (a test passes a bundle). */
  runWorker?: string | URL
}

function atLeastOne(value: string | undefined, flag: string): number | undefined {
  const n = positiveInteger(value, flag)
  if (n === 0) throw new CliError(`${flag} must be at least 1, got '${value}'`)
  return n
}

async function dispatch(argv: string[], io: Output, env: CliEnvironment): Promise<number> {
  const [command, ...rest] = argv
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      epochs: { type: 'string' },
      out: { type: 'string' },
      log: { type: 'string' },
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      group: { type: 'string' },
      set: { type: 'string', multiple: true },
      repeats: { type: 'string' },
      workers: { type: 'string' },
      runs: { type: 'string' },
      resume: { type: 'boolean', default: false },
      sort: { type: 'string' },
      sweep: { type: 'boolean', default: false },
      format: { type: 'string' },
      force: { type: 'boolean', default: false },
      threads: { type: 'string' },
      workloads: { type: 'string' },
      contestants: { type: 'string' },
      precision: { type: 'string' },
    },
  })
  const file = (): string => {
    if (positionals.length !== 1) throw new CliError(`${command} needs exactly one project file`)
    return positionals[0]
  }
  switch (command) {
    case 'train':
      return train(file(), { epochs: positiveInteger(values.epochs, '--epochs'), out: values.out, log: values.log, runs: values.runs, threads: threadsOption(values.threads) }, io)
    case 'sweep': {
      if (!env.runWorker) throw new CliError('sweep needs the run-worker script (a build problem)')
      const sweepOptions = {
        sets: values.set ?? [],
        repeats: atLeastOne(values.repeats, '--repeats'),
        epochs: positiveInteger(values.epochs, '--epochs'),
        workers: atLeastOne(values.workers, '--workers'),
        runs: values.runs,
        resume: values.resume,
        json: values.json,
        workerScript: env.runWorker,
      }
      const project = file()
      if (sweepOptions.sets.length === 0) throw new CliError('sweep needs at least one --set <path>=<v1>,<v2>,…')
      return sweep(project, sweepOptions, io)
    }
    case 'runs':
      if (positionals.length !== 1) throw new CliError('runs needs exactly one runs log (<file.jsonl>)')
      return runs(positionals[0], { sort: values.sort, json: values.json }, io)
    case 'grad':
      if (!values.json) throw new CliError('grad prints JSON only: pass --json')
      return grad(file(), io)
    case 'check':
      return check(file(), io)
    case 'export':
      return exportCommand(file(), { format: values.format, out: values.out, force: values.force }, io)
    case 'datasets':
      if (positionals.length > 0) throw new CliError(`datasets takes no arguments, got '${positionals[0]}'`)
      return datasets({ json: values.json }, io)
    case 'bench': {
      const { runBench } = await import('../bench/run-bench')
      const { benchFilter } = await import('../bench/bench-filter')
      const { WORKLOADS } = await import('../bench/workloads')
      if (values.group !== undefined && values.group !== 'float64' && values.group !== 'float32') throw new CliError(`--group must be float64 or float32, got '${values.group}'`)
      return runBench({ json: values.json, quick: values.quick, group: values.group, runWorker: env.runWorker, sweepOnly: values.sweep, filter: benchFilter(values, WORKLOADS.map((w) => w.name)) }, io)
    }
    case undefined:
    case 'help':
    case '--help':
      io.out(USAGE)
      return command === undefined ? 2 : 0
    default:
      throw new CliError(`unknown command '${command}' (try: train, sweep, runs, grad, check, export, bench, datasets)`)
  }
}

export async function main(argv: string[], io: Output, env: CliEnvironment = {}): Promise<number> {
  try {
    return await dispatch(argv, io, env)
  } catch (error) {
    // Argument errors from parseArgs and our own errors are one line; anything else is a bug, still one line.
    const message = error instanceof Error ? error.message : String(error)
    io.err(`backprop-studio: ${message.split('\n')[0]}\n`)
    return 2
  }
}

// A runs log opened for appending by a CLI command: a log it must not touch is one clear line.
import { RunsLogError } from '../runs/runs-log'
import { CliError } from './project-file'
import { RunsAppender } from './runs-file'

export async function openRunsLog(path: string): Promise<Awaited<ReturnType<typeof RunsAppender.open>>> {
  try {
    return await RunsAppender.open(path)
  } catch (error) {
    if (error instanceof RunsLogError) throw new CliError(`${error.message}; nothing was written to it`)
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
}

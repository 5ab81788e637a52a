// Node edge: a project file and the data it names, read from disk for the CLI.
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parseProjectText } from '../project/schema'
import { networkDataMismatch, prepareData, type PreparedData } from '../data/prepare'
import type { ProjectFile } from '../project/types'
import type { Dataset } from '../data/dataset'
import { readBuiltinDataset } from './builtin-files'

export class CliError extends Error {}

export interface ProjectOnDisk {
  path: string
  project: ProjectFile
  data: PreparedData
  /** The CSV file's text, for a project on CSV data (a worker thread prepares the data again from it; exporters reread the raw rows). */
  csvText?: string
  /** The built-in data set's rows, for builtin data (exporters reread the raw rows). */
  builtin?: Dataset
}

export async function readProjectFile(path: string): Promise<ProjectOnDisk> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  const parsed = parseProjectText(text)
  if (!parsed.ok) {
    const first = parsed.errors[0]
    const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : ''
    throw new CliError(`${path}: ${first.path}: ${first.message}${more}`)
  }
  const project = parsed.project
  let csvText: string | undefined
  if (project.data.source === 'csv') {
    const csvPath = resolve(dirname(path), project.data.path)
    try {
      csvText = await readFile(csvPath, 'utf8')
    } catch (error) {
      throw new CliError(`${path}: data.path: cannot read ${csvPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
    }
  }
  try {
    const builtin = project.data.source === 'builtin' ? readBuiltinDataset(project.data.name) : undefined
    const data = prepareData(project.data, project.training.seed, { csvText, builtin })
    const mismatch = networkDataMismatch(project.network, data.train)
    if (mismatch) throw new Error(mismatch)
    return { path, project, data, csvText, builtin }
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(`${path}: ${(error as Error).message}`)
  }
}

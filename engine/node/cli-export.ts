// The CLI's `export`: a project as a PyTorch script (and its data file) or an ONNX model.
import { access } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { pytorchExport } from '../export/pytorch-script'
import { onnxExport } from '../export/onnx-model'
import { rawSplit } from '../export/split-rows'
import { startingWeights } from '../export/exportable'
import { writeFileAtomic } from './atomic-write'
import { CliError, readProjectFile } from './project-file'
import type { Output } from './cli-commands'

export interface ExportOptions {
  format?: string
  out?: string
  /** Replace files that exist (the CLI cannot ask). */
  force: boolean
}

/** The data file written beside a script: train.py → train.data.csv. */
export function dataFileFor(scriptPath: string): string {
  const name = basename(scriptPath, extname(scriptPath))
  return join(dirname(scriptPath), `${name}.data.csv`)
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}

async function refuseToReplace(paths: string[], force: boolean): Promise<void> {
  if (force) return
  for (const path of paths) if (await exists(path)) throw new CliError(`${path} exists: pass --force to replace it`)
}

export async function exportCommand(path: string, options: ExportOptions, io: Output): Promise<number> {
  if (options.format !== 'pytorch' && options.format !== 'onnx') throw new CliError(`--format must be pytorch or onnx, got '${options.format ?? ''}'`)
  if (!options.out) throw new CliError('export needs --out <file>')
  const out = resolve(options.out)
  const { project, data, csvText, builtin } = await readProjectFile(path)
  const source = { csvText, builtin }
  if (options.format === 'onnx') {
    await refuseToReplace([out], options.force)
    let bytes: Uint8Array
    try {
      const raw = rawSplit(project.data, project.training.seed, source).raw
      bytes = onnxExport(project, { features: data.features, standardization: data.standardization, inputNames: raw.inputNames, outputNames: data.train.targetNames })
    } catch (error) {
      throw new CliError(`${path}: ${(error as Error).message}`)
    }
    await writeFileAtomic(out, bytes)
    io.out(`wrote ${out}\n`)
    return 0
  }
  const weights = startingWeights(project)
  const dataPath = dataFileFor(out)
  await refuseToReplace([out, dataPath], options.force)
  let exported
  try {
    exported = pytorchExport({ ...project, weights }, rawSplit(project.data, project.training.seed, source), {
      dataFileName: basename(dataPath),
      trained: project.weights !== undefined,
    })
  } catch (error) {
    throw new CliError(`${path}: ${(error as Error).message}`)
  }
  await writeFileAtomic(dataPath, exported.data)
  await writeFileAtomic(out, exported.script)
  for (const note of exported.notes) io.err(`note: ${note}\n`)
  io.out(`wrote ${out} and ${dataPath}\n`)
  return 0
}

/**
 * The studio's exports, generated in the engine from its current state (the trainer's weights,
 * optimizer state and progress, the loaded data): a PyTorch script with its data file, or an
 * ONNX model. The host writes what this returns.
 */
import { onnxExport } from './onnx-model'
import { pytorchExport } from './pytorch-script'
import { rawSplit } from './split-rows'
import type { PreparedData, PrepareSource } from '../data/prepare'
import type { ProjectFile } from '../project/types'

export const EXPORT_FORMATS = ['pytorch', 'onnx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export type ExportedCode = { format: 'pytorch'; script: string; data: string; notes: string[] } | { format: 'onnx'; bytes: Uint8Array<ArrayBuffer>; notes: string[] }

export interface ExportState {
  /** The project as it stands now (exportProject of the trainer: weights, optimizer state, progress). */
  project: ProjectFile
  /** Whether it has been trained, or came with weights of its own. */
  trained: boolean
  data: PreparedData
  /** The CSV text or parsed table the data was prepared from. */
  source: PrepareSource
}

export function exportCode(state: ExportState, format: ExportFormat, dataFileName: string): ExportedCode {
  const { project, data, source } = state
  const raw = rawSplit(project.data, project.training.seed, source)
  if (format === 'pytorch') return { format, ...pytorchExport(project, raw, { dataFileName, trained: state.trained }) }
  if (!state.trained) throw new Error('the project has no trained weights: train it before exporting an ONNX model')
  const bytes = onnxExport(project, { features: data.features, standardization: data.standardization, inputNames: raw.raw.inputNames, outputNames: data.train.targetNames })
  return { format, bytes, notes: [] }
}

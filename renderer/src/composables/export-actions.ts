/**
 * Export ▸ PyTorch script, ONNX model, weights (JSON) and metrics (CSV). The engine generates
 * the script and the model from where training stands; the host writes them atomically and
 * reports files that exist, which are replaced only after the user says so.
 */
import { useEngineStore } from '../stores/engine'
import { useProjectStore } from '../stores/project'
import { useTrainingStore } from '../stores/training'
import { useUiStore } from '../stores/ui'
import { batchesCsv, epochsCsv } from './metrics-export'
import { useChoosePath } from './path-choice'
import { useDocumentActions } from './document-actions'
import { errorText, failureText } from '../lib/errors'
import type { ExportRequest } from '../../../engine/protocol'

/** A file-name stem from the project's name: "Two spirals" → two-spirals. */
function slug(name: string | undefined): string {
  return (name || 'untitled').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'untitled'
}

/** The data file beside a script: the script's own stem when the path is known (train.py → train.data.csv). */
function dataFileFor(scriptPath: string | undefined, fallback: string): string {
  const name = scriptPath?.split(/[\\/]/).pop()?.replace(/\.[^.]*$/, '')
  return `${name || fallback}.data.csv`
}

export function useExportActions() {
  const engine = useEngineStore()
  const project = useProjectStore()
  const training = useTrainingStore()
  const ui = useUiStore()
  const choosePath = useChoosePath()
  const documents = useDocumentActions()

  /** Writes an export; when files exist, asks before replacing them. */
  async function write(request: ExportRequest, done: (path: string) => string): Promise<void> {
    const studio = engine.studio
    if (!studio) return
    const result = await documents.withReplaceConsent((consent) => studio.exportFile({ ...request, ...consent }))
    if (result.ok) ui.notify('info', done(result.value.path), 'file')
    else if (!result.canceled) ui.notify('error', failureText('export', result.error), 'file')
  }

  /** Runs an export; anything the engine refuses (untrained, non-finite weights) becomes one notice. */
  async function attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action()
    } catch (error) {
      ui.notify('error', `Could not export: ${errorText(error)}`, 'file')
    }
  }

  const stem = () => slug(project.doc.name)

  const exportPytorch = () =>
    attempt(async () => {
      const path = await choosePath('export', 'Export PyTorch script', `${stem()}.py`)
      if (path === null) return
      const dataFileName = dataFileFor(path, stem())
      const code = await engine.request({ type: 'export-code', format: 'pytorch', dataFileName })
      if (code.format !== 'pytorch') throw new Error('the engine sent a model, not a script')
      const notes = code.notes.length > 0 ? ` Note: ${code.notes.join('; ')}.` : ''
      await write({ kind: 'pytorch', text: code.script, beside: [{ name: dataFileName, text: code.data }], path }, (p) => `PyTorch script exported to ${p}, its data beside it in ${dataFileName}.${notes}`)
    })

  const exportOnnx = () =>
    attempt(async () => {
      const path = await choosePath('export', 'Export ONNX model', `${stem()}.onnx`)
      if (path === null) return
      const code = await engine.request({ type: 'export-code', format: 'onnx', dataFileName: 'unused.csv' })
      if (code.format !== 'onnx') throw new Error('the engine sent a script, not a model')
      await write({ kind: 'onnx', bytes: code.bytes, path }, (p) => `ONNX model exported to ${p}.`)
    })

  /** The weights alone, in the project file's layout (for scripts). */
  const exportWeights = () =>
    attempt(async () => {
      const path = await choosePath('export', 'Export weights (JSON)', `${stem()}.weights.json`)
      if (path === null) return
      const trained = await engine.exportTrained()
      if (!trained?.weights) throw new Error('the engine has no network loaded')
      await write({ kind: 'weights', text: JSON.stringify(trained.weights) + '\n', path }, (p) => `Weights exported to ${p}.`)
    })

  const exportMetrics = () =>
    attempt(async () => {
      const path = await choosePath('export', 'Export metrics (CSV)', 'metrics.csv')
      if (path === null) return
      const log = training.curves.log
      const batches = dataFileFor(path, 'metrics').replace(/\.data\.csv$/, '.batches.csv')
      await write({ kind: 'metrics', text: epochsCsv(log), beside: [{ name: batches, text: batchesCsv(log) }], path }, (p) => `Metrics exported to ${p} (${log.epochs.length} epochs), batch losses to ${batches}.`)
    })

  return { exportPytorch, exportOnnx, exportWeights, exportMetrics }
}

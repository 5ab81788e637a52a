/**
 * What every export needs from a project: finite weights (a file never holds NaN, but a hand-edit
 * or a broken writer might), and the weights to start from when the project has none.
 */
import { selectKernel } from '../math/select-kernel'
import { buildNetwork, precisionOf } from '../train/model'
import type { LayerWeights, ProjectFile } from '../project/types'

/** Throws naming the first non-finite weight or bias. */
export function checkExportable(project: ProjectFile): void {
  const weights = project.weights
  if (!weights) throw new Error('the project has no weights to export')
  weights.forEach((layer, l) => {
    layer.W.forEach((row, i) =>
      row.forEach((w, j) => {
        if (!Number.isFinite(w)) throw new Error(`weights[${l}].W[${i}][${j}] is ${w}: a non-finite weight cannot be exported (reset or retrain the network)`)
      }),
    )
    layer.b.forEach((b, j) => {
      if (!Number.isFinite(b)) throw new Error(`weights[${l}].b[${j}] is ${b}: a non-finite bias cannot be exported (reset or retrain the network)`)
    })
  })
}

/** The project's own weights, or the seeded initial weights it would start training from. */
export function startingWeights(project: ProjectFile): LayerWeights[] {
  return project.weights ?? buildNetwork(project, selectKernel('auto', precisionOf(project))).getWeights()
}

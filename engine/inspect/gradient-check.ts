/**
 * The gradient check: backprop's dC/dw against a numerical derivative of the same cost (the
 * whole training set, penalty included), for one weight, a layer or the network.
 *
 * The numerical derivative is the five-point central difference
 *   (−C(w+2h) + 8C(w+h) − 8C(w−h) + C(w−2h)) / 12h,  h = 1e-4·max(1, |w|),
 * whose truncation error (O(h⁴)) is far below its rounding noise (≈ 2e-16·|C| / h).
 * relative error = |a − b| / max(|a|, |b|, floor), floor = 10⁶ × that noise: gradients smaller
 * than what the difference can resolve are compared absolutely, so noise never reads as > 1e-6.
 */
import { Random } from '../math/random'
import { datasetCostSteps, fullGradientSteps } from '../train/evaluate'
import { finish, type Steps } from '../train/steps'
import { inputGradientCheck } from './input-gradient'
import { relativeError } from './relative-error'
import { allRefs, flatIndex, getParameter, setParameter } from './weight-ref'
import type { Trainer } from '../train/trainer'
import type { GradientCheckEntry, GradientCheckReport, GradientCheckScope, WeightRef } from '../protocol'

/** Above this many parameters, a seeded sample of them is checked. */
export const MAX_CHECKED = 300

export { relativeError }

export function gradientCheck(trainer: Trainer, scope: GradientCheckScope): GradientCheckReport {
  return finish(gradientCheckSteps(trainer, scope))
}

/** The check, yielding after each chunk of rows of every pass (see steps.ts); a weight it moves goes back even when stopped. */
export function* gradientCheckSteps(trainer: Trainer, scope: GradientCheckScope): Steps<GradientCheckReport> {
  if (scope.kind === 'input') return inputGradientCheck(trainer, scope)
  const { network, data, evalWorkspace: ws, kernel } = trainer
  const reg = trainer.training.regularization
  const refs = pickRefs(trainer, scope)
  const grad = yield* fullGradientSteps(network, data.train, ws, kernel, reg)
  const entries: GradientCheckEntry[] = []
  for (const ref of refs) {
    const w = getParameter(network, ref)
    const h = 1e-4 * Math.max(1, Math.abs(w))
    function* at(x: number): Steps<number> {
      setParameter(network, ref, x)
      return yield* datasetCostSteps(network, data.train, ws, kernel, reg)
    }
    let numerical: number
    try {
      numerical = (-(yield* at(w + 2 * h)) + 8 * (yield* at(w + h)) - 8 * (yield* at(w - h)) + (yield* at(w - 2 * h))) / (12 * h)
    } finally {
      setParameter(network, ref, w)
    }
    const backprop = (ref.i === 'bias' ? grad.db : grad.dW)[ref.layer][flatIndex(network, ref)]
    const floor = 1e6 * 2.2e-16 * (Math.abs(grad.loss) + 1) / h
    entries.push({ ref, backprop, numerical, relativeError: relativeError(backprop, numerical, floor) })
  }
  const worst = entries.reduce((a, b) => (b.relativeError > a.relativeError ? b : a), entries[0])
  const shown = [...entries].sort((a, b) => b.relativeError - a.relativeError).slice(0, 200)
  return { scope, checked: entries.length, total: countOf(trainer, scope), maxRelativeError: worst.relativeError, worst, entries: shown }
}

function countOf(trainer: Trainer, scope: Exclude<GradientCheckScope, { kind: 'input' }>): number {
  if (scope.kind === 'weight') return 1
  const layers = scope.kind === 'layer' ? [trainer.network.layers[scope.layer]] : trainer.network.layers
  return layers.reduce((sum, l) => sum + l.W.length + l.b.length, 0)
}

/** All parameters in scope, or a seeded sample of MAX_CHECKED of them. */
function pickRefs(trainer: Trainer, scope: Exclude<GradientCheckScope, { kind: 'input' }>): WeightRef[] {
  if (scope.kind === 'weight') return [scope.ref]
  const refs = allRefs(trainer.network, scope.kind === 'layer' ? scope.layer : undefined)
  if (refs.length <= MAX_CHECKED) return refs
  const random = new Random(trainer.training.seed)
  const order = Uint32Array.from(refs, (_, i) => i)
  random.shuffle(order)
  return Array.from(order.subarray(0, MAX_CHECKED), (i) => refs[i])
}

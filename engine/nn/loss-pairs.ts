/**
 * Which loss goes with which output activation, and which fit which problem: written once here,
 * read by the project checks (a file with a wrong pair is refused) and by the studio's editor
 * (it offers only the pairs a file may hold).
 */
import type { ProblemKind } from '../data/dataset'
import type { LossName } from '../project/types'
import { ACTIVATION_NAMES, type ActivationName } from './activations'

/** The output activation each loss requires (R' cancels: E_o = ŷ − y), or null: any elementwise one (mse). */
export const REQUIRED_OUTPUT: Readonly<Record<LossName, ActivationName | null>> = {
  mse: null,
  'binary-cross-entropy': 'sigmoid',
  'softmax-cross-entropy': 'softmax',
}

/** Whether E_o = ŷ − y exactly (R' cancels against dC/dŷ), rather than the general chain rule. */
export function errorCancels(loss: LossName): boolean {
  return REQUIRED_OUTPUT[loss] !== null
}

/** Why an output activation cannot go with a loss, with the field to fix, or null when the pair is allowed. */
export function lossPairProblem(loss: LossName, activation: ActivationName, outputPath: string): { path: string; message: string } | null {
  const required = REQUIRED_OUTPUT[loss]
  if (required !== null && activation !== required) {
    return { path: 'network.loss', message: `${loss} needs a ${required} output layer (${outputPath} is '${activation}')` }
  }
  // softmax is not elementwise: its R' is a matrix, so only its cross-entropy may follow it.
  if (required === null && activation === 'softmax') {
    return { path: outputPath, message: `a softmax output layer needs the softmax-cross-entropy loss (network.loss is '${loss}')` }
  }
  return null
}

/** Losses that fit a problem, the default first. */
export function lossesFor(problem: ProblemKind): LossName[] {
  if (problem === 'binary') return ['binary-cross-entropy', 'mse']
  if (problem === 'multiclass') return ['softmax-cross-entropy']
  return ['mse']
}

/** The output activations a problem's outputs make sense with, the default first (mse may take any allowed one). */
const OUTPUT_PREFERENCE: Record<ProblemKind, readonly ActivationName[]> = {
  binary: ['sigmoid', 'tanh', 'linear'],
  multiclass: ['softmax'],
  regression: ['linear', 'tanh', 'sigmoid', 'relu', 'leaky-relu', 'sine'],
}

/** Output activations a loss allows for a problem, the default first. */
export function outputActivationsFor(loss: LossName, problem: ProblemKind): ActivationName[] {
  const required = REQUIRED_OUTPUT[loss]
  if (required !== null) return [required]
  return OUTPUT_PREFERENCE[problem].filter((activation) => lossPairProblem(loss, activation, '') === null)
}

/** Activations a hidden layer may use (softmax only as an output, paired with its cross-entropy). */
export const HIDDEN_ACTIVATIONS: readonly ActivationName[] = ACTIVATION_NAMES.filter((name) => name !== 'softmax')

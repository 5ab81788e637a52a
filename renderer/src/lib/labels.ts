/** Display names of the project file's names. */
import type { ActivationName } from '../../../engine/nn/activations'
import type { InitializerName, LossName, SyntheticName } from '../../../engine/project/types'

export const DATASET_LABELS: Record<SyntheticName, string> = {
  circle: 'Circle',
  xor: 'XOR',
  gaussian: 'Two Gaussians',
  spiral: 'Spiral',
  'k-class-spiral': 'k-class spiral',
  'k-class-gaussian': 'k-class Gaussians',
  'regression-plane': 'Regression plane',
  'regression-gaussian': 'Regression bumps',
}

export const ACTIVATION_LABELS: Record<ActivationName, string> = {
  linear: 'Linear',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  relu: 'ReLU',
  'leaky-relu': 'Leaky ReLU',
  sine: 'Sine',
  softmax: 'Softmax',
}

export const LOSS_LABELS: Record<LossName, string> = {
  mse: 'Mean squared error',
  'binary-cross-entropy': 'Binary cross-entropy',
  'softmax-cross-entropy': 'Softmax cross-entropy',
}

export const INITIALIZER_LABELS: Record<InitializerName, string> = {
  zeros: 'Zeros',
  uniform: 'Uniform',
  'xavier-uniform': 'Xavier uniform',
  'xavier-normal': 'Xavier normal',
  'he-uniform': 'He uniform',
  'he-normal': 'He normal',
}

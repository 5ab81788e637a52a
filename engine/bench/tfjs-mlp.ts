/**
 * An independent reference: the same multilayer perceptron written with TensorFlow.js ops and
 * autodiff. Tests compare our gradients and optimizer steps with it; the benchmark races it.
 * Its cost definitions mirror engine/nn/losses.ts.
 */
import * as tf from '@tensorflow/tfjs'
import type { ActivationName } from '../nn/activations'
import type { LayerWeights, NetworkSpec } from '../project/types'

export interface TfMlp {
  W: tf.Variable[]
  b: tf.Variable[]
  /** Mean cost over the rows of x (plus the L2 penalty when l2 > 0). */
  cost(x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar
  dispose(): void
}

function activation(name: ActivationName, z: tf.Tensor2D, alpha: number): tf.Tensor2D {
  switch (name) {
    case 'linear':
    case 'softmax': // softmax only feeds the cross-entropy, which works from the logits
      return z
    case 'sigmoid':
      return tf.sigmoid(z)
    case 'tanh':
      return tf.tanh(z)
    case 'relu':
      return tf.relu(z)
    case 'leaky-relu':
      return tf.leakyRelu(z, alpha)
    case 'sine':
      return tf.sin(z)
  }
}

function meanCost(loss: NetworkSpec['loss'], outputActivation: ActivationName, z: tf.Tensor2D, y: tf.Tensor2D, alpha: number): tf.Scalar {
  if (loss === 'mse') {
    const yHat = activation(outputActivation, z, alpha)
    return tf.mean(tf.sum(tf.square(tf.sub(yHat, y)), 1)).mul(0.5)
  }
  if (loss === 'binary-cross-entropy') {
    const perUnit = tf.relu(z).sub(z.mul(y)).add(tf.log1p(tf.exp(tf.neg(tf.abs(z)))))
    return tf.mean(tf.sum(perUnit, 1))
  }
  return tf.mean(tf.neg(tf.sum(y.mul(tf.logSoftmax(z)), 1)))
}

export function tfMlp(spec: NetworkSpec, weights: LayerWeights[], l2 = 0, dtype: 'float32' = 'float32'): TfMlp {
  const W = weights.map((w) => tf.variable(tf.tensor2d(w.W, undefined, dtype)))
  const b = weights.map((w) => tf.variable(tf.tensor1d(w.b, dtype)))
  const last = spec.layers.length - 1
  return {
    W,
    b,
    cost(x, y) {
      let h: tf.Tensor2D = x
      let z: tf.Tensor2D = x
      spec.layers.forEach((layer, l) => {
        z = tf.add(tf.matMul(h, W[l]), b[l])
        if (l < last) h = activation(layer.activation, z, layer.alpha ?? 0.01)
      })
      const out = spec.layers[last]
      const data = meanCost(spec.loss, out.activation, z, y, out.alpha ?? 0.01)
      if (l2 === 0) return data
      return tf.add(data, tf.mul(0.5 * l2, tf.addN(W.map((w) => tf.sum(tf.square(w)))))) as tf.Scalar
    },
    dispose() {
      for (const v of [...W, ...b]) v.dispose()
    },
  }
}

export { tf }
